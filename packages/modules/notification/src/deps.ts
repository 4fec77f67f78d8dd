// What the notification module's use cases need from the server: the clock, the master key (to
// read a customer's language and masked phone through identity) and the operator's time zone.
import type { Clock } from '@zulin/kernel';

export interface NotificationDeps {
  clock: Clock;
  masterKey: Buffer;
  timeZone: string;
}
