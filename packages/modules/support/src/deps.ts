// What support's use cases need from outside, passed in.
import type { Clock } from '@zulin/kernel';

export interface SupportDeps {
  clock: Clock;
  timeZone: string;
}
