// What billing's use cases need from the server: the clock and the operator's time zone (due dates).
import type { Clock } from '@zulin/kernel';

export interface BillingDeps {
  clock: Clock;
  timeZone: string;
}
