// What the wallet's use cases need from the server: the clock, the master key (PII, signatures)
// and the operator's time zone (business dates, statement months).
import type { Clock } from '@zulin/kernel';

export interface WalletDeps {
  clock: Clock;
  masterKey: Buffer;
  timeZone: string;
}
