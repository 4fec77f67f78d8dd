// What feedback's use cases need from outside, passed in (never global).
import type { Clock } from '@zulin/kernel';

export interface FeedbackDeps {
  clock: Clock;
  timeZone: string;
  /** identity's master key: seals anonymous authors and keys the author index. */
  masterKey: Buffer;
}
