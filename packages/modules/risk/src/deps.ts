// What risk's use cases need from the server: the clock, the operator's time zone (ages), the
// master key (blind indexes) and the outside systems.
import type { Clock } from '@zulin/kernel';
import type { RiskAdapters } from './adapters';

export interface RiskDeps {
  clock: Clock;
  timeZone: string;
  masterKey: Buffer;
  adapters: RiskAdapters;
}
