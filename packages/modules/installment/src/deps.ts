// What the installment module's use cases need from the server: the clock, the operator's time zone
// (due dates, business days) and the master key (risk's blind indexes).
import type { Clock } from '@zulin/kernel';

export interface InstallmentDeps {
  clock: Clock;
  timeZone: string;
  masterKey: Buffer;
}

export function installmentDeps(ctx: {
  clock: Clock;
  config: { timeZone: string; masterKey: Buffer };
}): InstallmentDeps {
  return { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
}
