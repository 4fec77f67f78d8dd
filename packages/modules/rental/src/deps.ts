// What the rental module's use cases need from the server: the clock, the operator's time zone
// (business dates), and the master key (the shipping address is personal data, stored encrypted).
import type { Clock } from '@zulin/kernel';

export interface RentalDeps {
  clock: Clock;
  timeZone: string;
  masterKey: Buffer;
}
