// Creates the platform accounts and the default channels' clearing accounts; idempotent.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { channelClearingAccount, defaultChannels, type PlatformPurpose, platformAccount, platformChart } from './chart';

/** Creates every platform account and the default channels' clearing accounts. Idempotent. */
export async function ensureChartOfAccounts(tx: Executor, clock: Clock): Promise<{ accounts: number }> {
  let accounts = 0;
  for (const purpose of Object.keys(platformChart) as PlatformPurpose[]) {
    await platformAccount(tx, clock, purpose);
    accounts++;
  }
  for (const channel of defaultChannels) {
    await channelClearingAccount(tx, clock, channel);
    accounts++;
  }
  return { accounts };
}
