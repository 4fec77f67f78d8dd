// The trial balance (API.md): the sums of every account's debits and credits, posted and pending,
// which must be equal. Platform and channel accounts are listed one by one; customer accounts are
// summed per chart code (there are as many as customers), so the list stays as short as the chart.
//
// As of a moment (docs/ledger-wallet.md, "Trial balance as of a moment"): what the trial balance read
// then. Transfers never change, so the sums at `asOf` are the kept balances minus what the transfers
// recorded after `asOf` added (by recorded_at, the time the ledger wrote them; effective_at is not
// used). A hold counts as pending from its recording until its post, void or expiry is recorded.
import { type Executor, queryRows } from '@zulin/db';
import {
  addDays,
  assert,
  type BusinessDate,
  businessDateOf,
  compareDates,
  isBusinessDate,
  startOfDayInstant,
} from '@zulin/kernel';
import { type SQL, sql } from 'drizzle-orm';
import { LedgerErrors } from './errors';
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
  /** The moment it was computed as of; null when read from the current balances. */
  asOf: Date | null;
  postedDebitsMinor: number;
  postedCreditsMinor: number;
  pendingDebitsMinor: number;
  pendingCreditsMinor: number;
  balanced: boolean;
  accounts: TrialBalanceLine[];
}

/**
 * Run in one snapshot (repeatable read) so that the sums belong to one moment. Without `asOf`, the
 * current balances; with it, the balances as they stood at that instant (transfers recorded at or
 * before it).
 */
export async function trialBalance(
  tx: Executor,
  currency: Currency,
  options: { asOf?: Date } = {},
): Promise<TrialBalance> {
  const asOf = options.asOf ?? null;
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    asOf === null ? currentLines(currency) : linesAsOf(currency, asOf),
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
    asOf,
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

function currentLines(currency: Currency): SQL {
  return sql`
    select a.code, min(a.name) as name, a.owner_type,
           case when a.owner_type = 'customer' then null else a.id end as account_id,
           count(*) as account_count,
           sum(b.debits_posted_minor) as dp, sum(b.credits_posted_minor) as cp,
           sum(b.debits_pending_minor) as dpe, sum(b.credits_pending_minor) as cpe
      from ledger_accounts a join ledger_balances b on b.account_id = a.id
     where a.currency = ${currency}
     group by a.code, a.owner_type, case when a.owner_type = 'customer' then null else a.id end
     order by a.code, account_id nulls first`;
}

/**
 * The same lines as they stood at `asOf`: each account's kept balances minus the moves of the
 * transfers recorded after it (found through ledger_transfers_recorded_idx, so a recent moment reads
 * few transfers). A move is what verifyLedger sums: posted and post_pending add their amount to
 * posted; pending adds its hold to pending; post, void and expiry take the whole hold out of pending.
 * Accounts opened after `asOf` are left out, as they were not there to read — unless transfers
 * recorded by then gave them a balance (a clock that stepped back), so that the totals still add up.
 */
function linesAsOf(currency: Currency, asOf: Date): SQL {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  return sql`
    with moves as (
      select debit_account_id as account_id,
             case when kind in ('posted', 'post_pending') then amount_minor else 0 end as dp, 0::bigint as cp,
             case when kind = 'pending' then amount_minor else -released_pending_minor end as dpe, 0::bigint as cpe
        from ledger_transfers
       where recorded_at > ${at} and currency = ${currency}
      union all
      select credit_account_id, 0, case when kind in ('posted', 'post_pending') then amount_minor else 0 end,
             0, case when kind = 'pending' then amount_minor else -released_pending_minor end
        from ledger_transfers
       where recorded_at > ${at} and currency = ${currency}
    ), later as (
      select account_id, sum(dp) as dp, sum(cp) as cp, sum(dpe) as dpe, sum(cpe) as cpe
        from moves group by account_id
    ), balances as (
      select a.id, a.code, a.name, a.owner_type, a.created_at,
             b.debits_posted_minor - coalesce(l.dp, 0) as dp, b.credits_posted_minor - coalesce(l.cp, 0) as cp,
             b.debits_pending_minor - coalesce(l.dpe, 0) as dpe, b.credits_pending_minor - coalesce(l.cpe, 0) as cpe
        from ledger_accounts a
        join ledger_balances b on b.account_id = a.id
        left join later l on l.account_id = a.id
       where a.currency = ${currency}
    )
    select code, min(name) as name, owner_type,
           case when owner_type = 'customer' then null else id end as account_id,
           count(*) as account_count,
           sum(dp) as dp, sum(cp) as cp, sum(dpe) as dpe, sum(cpe) as cpe
      from balances
     where created_at <= ${at} or dp <> 0 or cp <> 0 or dpe <> 0 or cpe <> 0
     group by code, owner_type, case when owner_type = 'customer' then null else id end
     order by code, account_id nulls first`;
}

/**
 * The instant a trial balance is read as of, from what the caller asked: nothing is now; a business
 * date (YYYY-MM-DD) is the end of that day in the operator's time zone (its last millisecond), or now
 * for today; an ISO instant is itself. A date after today or an instant after now is refused: that
 * trial balance is not known yet. A value that is neither was refused by the route's schema.
 */
export function trialBalanceAsOf(asked: string | undefined, at: { now: Date; timeZone: string }): Date {
  if (asked === undefined) return at.now;
  if (isBusinessDate(asked)) {
    const date: BusinessDate = asked;
    const today = businessDateOf(at.now, at.timeZone);
    if (compareDates(date, today) > 0) {
      throw LedgerErrors.LEDGER_AS_OF_IN_FUTURE({ detail: `${date} is after today (${today}).` });
    }
    if (date === today) return at.now;
    return new Date(startOfDayInstant(addDays(date, 1), at.timeZone).getTime() - 1);
  }
  const ms = Date.parse(asked);
  assert(Number.isFinite(ms), 'the route schema lets through only dates and ISO instants');
  if (ms > at.now.getTime()) {
    throw LedgerErrors.LEDGER_AS_OF_IN_FUTURE({ detail: `${asked} is after now (${at.now.toISOString()}).` });
  }
  return new Date(ms);
}
