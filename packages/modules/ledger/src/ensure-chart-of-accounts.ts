// Creates the platform accounts and the default channels' clearing accounts; idempotent.
import { type Executor, queryRows } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { channelClearingAccount, defaultChannels, type PlatformPurpose, platformAccount, platformChart } from './chart';

/**
 * Creates every platform account and the default channels' clearing accounts. Idempotent: answers
 * how many the chart has and how many this call created (0 on every start after the first).
 */
export async function ensureChartOfAccounts(
  tx: Executor,
  clock: Clock,
): Promise<{ accounts: number; created: number }> {
  const before = await chartAccountCount(tx);
  let accounts = 0;
  for (const purpose of Object.keys(platformChart) as PlatformPurpose[]) {
    await platformAccount(tx, clock, purpose);
    accounts++;
  }
  for (const channel of defaultChannels) {
    await channelClearingAccount(tx, clock, channel);
    accounts++;
  }
  return { accounts, created: (await chartAccountCount(tx)) - before };
}

async function chartAccountCount(tx: Executor): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ledger_accounts where owner_type in ('platform', 'channel')`,
  );
  return rows[0]?.n ?? 0;
}
