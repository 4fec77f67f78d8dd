// What the contracts module's use cases need from the server: the clock, the operator's time zone
// and the master key (one-time codes, personal data).
import type { Clock } from '@zulin/kernel';

export interface ContractsDeps {
  clock: Clock;
  timeZone: string;
  masterKey: Buffer;
}
