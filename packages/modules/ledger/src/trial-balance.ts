// The trial balance (API.md): the sums of every account's debits and credits, posted and pending,
// which must be equal. Platform and channel accounts are listed one by one; customer accounts are
// summed per chart code (there are as many as customers), so the list stays as short as the chart.
import { type Executor, queryRows } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import type { Currency, OwnerType } from './types';

export interface TrialBalanceLine {
  code: number;
  name: string;
  ownerType: OwnerType;
  /** The account id, or null for a line that sums all customers' accounts of one code. */
  accountId: string | null;
  accountCount: number;
  debitsPostedMinor: number;
  creditsPostedMinor: number;
  debitsPendingMinor: number;
  creditsPendingMinor: number;
  /** creditsPosted − debitsPosted: positive for liabilities and revenue, negative for assets and expenses. */
  netCreditMinor: number;
}

export interface TrialBalance {
  currency: Currency;
  postedDebitsMinor: number;
  postedCreditsMinor: number;
  pendingDebitsMinor: number;
  pendingCreditsMinor: number;
  balanced: boolean;
  accounts: TrialBalanceLine[];
}

/** Run in one snapshot (repeatable read) so that the sums belong to one moment. */
export async function trialBalance(tx: Executor, currency: Currency): Promise<TrialBalance> {
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`
    select a.code, min(a.name) as name, a.owner_type,
           case when a.owner_type = 'customer' then null else a.id end as account_id,
           count(*) as account_count,
           sum(b.debits_posted_minor) as dp, sum(b.credits_posted_minor) as cp,
           sum(b.debits_pending_minor) as dpe, sum(b.credits_pending_minor) as cpe
      from ledger_accounts a join ledger_balances b on b.account_id = a.id
     where a.currency = ${currency}
     group by a.code, a.owner_type, case when a.owner_type = 'customer' then null else a.id end
     order by a.code, account_id nulls first`,
  );
  const accounts: TrialBalanceLine[] = rows.map((row) => {
    const line = {
      code: Number(row.code),
      name: String(row.name),
      ownerType: row.owner_type as OwnerType,
      accountId: (row.account_id as string | null) ?? null,
      accountCount: Number(row.account_count),
      debitsPostedMinor: Number(row.dp),
      creditsPostedMinor: Number(row.cp),
      debitsPendingMinor: Number(row.dpe),
      creditsPendingMinor: Number(row.cpe),
      netCreditMinor: Number(row.cp) - Number(row.dp),
    };
    if (line.ownerType === 'customer') line.name = `${line.name} (all customers)`;
    return line;
  });
  const total = (key: keyof TrialBalanceLine) => accounts.reduce((sum, line) => sum + (line[key] as number), 0);
  const result = {
    currency,
    postedDebitsMinor: total('debitsPostedMinor'),
    postedCreditsMinor: total('creditsPostedMinor'),
    pendingDebitsMinor: total('debitsPendingMinor'),
    pendingCreditsMinor: total('creditsPendingMinor'),
    accounts,
  };
  for (const value of [result.postedDebitsMinor, result.postedCreditsMinor, result.pendingDebitsMinor]) {
    assert(Number.isSafeInteger(value), 'trial balance totals are exact');
  }
  return {
    ...result,
    balanced:
      result.postedDebitsMinor === result.postedCreditsMinor &&
      result.pendingDebitsMinor === result.pendingCreditsMinor,
  };
}
