// Recomputes every account's balances from the transfers alone and compares them with the kept
// balances rows; checks Σ debits = Σ credits per currency (posted and pending), every balance rule,
// and that each resolution matches the hold it resolves. Used by the tests after every step, by the
// admin verification endpoint and by reconciliation checks. Run it in one snapshot (a repeatable
// read transaction) on a live system, or it may see one half of a concurrent command.

import { type Executor, queryRows } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import type { Balances, Currency } from './types';

export interface LedgerVerification {
  ok: boolean;
  accountsChecked: number;
  totals: {
    currency: Currency;
    postedDebitsMinor: number;
    postedCreditsMinor: number;
    pendingDebitsMinor: number;
    pendingCreditsMinor: number;
  }[];
  problems: string[];
}

/** The most problems listed; the first few are enough to start, and the list must stay bounded. */
const problemsMax = 50;

interface Row {
  id: string;
  currency: Currency;
  dmnec: boolean;
  cmned: boolean;
  stored_dp: unknown;
  stored_cp: unknown;
  stored_dpe: unknown;
  stored_cpe: unknown;
  dp: unknown;
  cp: unknown;
  dpe: unknown;
  cpe: unknown;
}

export async function verifyLedger(tx: Executor): Promise<LedgerVerification> {
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < problemsMax) problems.push(problem);
  };
  // One pass over the accounts; the set is as large as the ledger, so this is an operator's check,
  // not something a request path runs.
  const rows = await queryRows<Row>(
    tx,
    sql`
    with moves as (
      select debit_account_id as account_id,
             case when kind in ('posted', 'post_pending') then amount_minor else 0 end as dp, 0::bigint as cp,
             case when kind = 'pending' then amount_minor else -released_pending_minor end as dpe, 0::bigint as cpe
        from ledger_transfers
      union all
      select credit_account_id, 0, case when kind in ('posted', 'post_pending') then amount_minor else 0 end,
             0, case when kind = 'pending' then amount_minor else -released_pending_minor end
        from ledger_transfers
    ), sums as (
      select account_id, sum(dp) as dp, sum(cp) as cp, sum(dpe) as dpe, sum(cpe) as cpe from moves group by account_id
    )
    select a.id, a.currency, a.debits_must_not_exceed_credits as dmnec, a.credits_must_not_exceed_debits as cmned,
           b.debits_posted_minor as stored_dp, b.credits_posted_minor as stored_cp,
           b.debits_pending_minor as stored_dpe, b.credits_pending_minor as stored_cpe,
           coalesce(s.dp, 0) as dp, coalesce(s.cp, 0) as cp, coalesce(s.dpe, 0) as dpe, coalesce(s.cpe, 0) as cpe
      from ledger_accounts a
      left join ledger_balances b on b.account_id = a.id
      left join sums s on s.account_id = a.id
     order by a.id`,
  );
  const totals = new Map<Currency, LedgerVerification['totals'][number]>();
  for (const row of rows) {
    if (row.stored_dp === null || row.stored_dp === undefined) {
      note(`account ${row.id} has no balances row`);
      continue;
    }
    const stored = balancesOf(row.stored_dp, row.stored_cp, row.stored_dpe, row.stored_cpe);
    const recomputed = balancesOf(row.dp, row.cp, row.dpe, row.cpe);
    for (const key of Object.keys(stored) as (keyof Balances)[]) {
      if (stored[key] !== recomputed[key]) {
        note(`account ${row.id}: ${key} is ${stored[key]} but its transfers sum to ${recomputed[key]}`);
      }
      if (recomputed[key] < 0) note(`account ${row.id}: ${key} sums to ${recomputed[key]} < 0`);
    }
    if (row.dmnec && stored.debitsPostedMinor + stored.debitsPendingMinor > stored.creditsPostedMinor) {
      note(`account ${row.id} must not have debits beyond its credits`);
    }
    if (row.cmned && stored.creditsPostedMinor + stored.creditsPendingMinor > stored.debitsPostedMinor) {
      note(`account ${row.id} must not have credits beyond its debits`);
    }
    const total = totals.get(row.currency) ?? {
      currency: row.currency,
      postedDebitsMinor: 0,
      postedCreditsMinor: 0,
      pendingDebitsMinor: 0,
      pendingCreditsMinor: 0,
    };
    total.postedDebitsMinor += stored.debitsPostedMinor;
    total.postedCreditsMinor += stored.creditsPostedMinor;
    total.pendingDebitsMinor += stored.debitsPendingMinor;
    total.pendingCreditsMinor += stored.creditsPendingMinor;
    totals.set(row.currency, total);
  }
  const orphanBalances = await queryRows<{ n: unknown }>(
    tx,
    sql`select count(*) as n from ledger_balances b where not exists (select 1 from ledger_accounts a where a.id = b.account_id)`,
  );
  if (Number(orphanBalances[0]?.n ?? 0) > 0) note('a balances row has no account');
  for (const t of totals.values()) {
    assert(Number.isSafeInteger(t.postedDebitsMinor) && Number.isSafeInteger(t.postedCreditsMinor), 'totals are exact');
    if (t.postedDebitsMinor !== t.postedCreditsMinor) note(`${t.currency}: posted debits ≠ posted credits`);
    if (t.pendingDebitsMinor !== t.pendingCreditsMinor) note(`${t.currency}: pending debits ≠ pending credits`);
  }
  for (const problem of await checkTransfers(tx)) note(problem);
  return { ok: problems.length === 0, accountsChecked: rows.length, totals: [...totals.values()], problems };
}

/** Transfer-level rules: legs in one currency, resolutions that match their hold. */
async function checkTransfers(tx: Executor): Promise<string[]> {
  const rows = await queryRows<{ id: string; problem: string }>(
    tx,
    sql`
    select t.id, 'debit and credit accounts hold different currencies' as problem
      from ledger_transfers t
      join ledger_accounts d on d.id = t.debit_account_id
      join ledger_accounts c on c.id = t.credit_account_id
     where d.currency <> t.currency or c.currency <> t.currency
    union all
    select r.id, 'resolves a transfer that is not a matching pending transfer'
      from ledger_transfers r
      left join ledger_transfers p on p.id = r.pending_id and p.kind = 'pending'
     where r.pending_id is not null
       and (p.id is null or r.released_pending_minor <> p.amount_minor or r.amount_minor > p.amount_minor
            or r.debit_account_id <> p.debit_account_id or r.credit_account_id <> p.credit_account_id)
    union all
    select t.id, 'a transfer that is not a resolution releases pending money'
      from ledger_transfers t where t.pending_id is null and t.released_pending_minor <> 0
    limit ${problemsMax}`,
  );
  return rows.map((row) => `transfer ${row.id}: ${row.problem}`);
}

function balancesOf(dp: unknown, cp: unknown, dpe: unknown, cpe: unknown): Balances {
  const b = {
    debitsPostedMinor: Number(dp),
    creditsPostedMinor: Number(cp),
    debitsPendingMinor: Number(dpe),
    creditsPendingMinor: Number(cpe),
  };
  for (const value of Object.values(b)) assert(Number.isSafeInteger(value), 'a balance is a safe integer');
  return b;
}

/** Stops with an AssertionError naming the problems when the ledger does not verify. */
export async function assertLedgerConsistent(tx: Executor): Promise<void> {
  const verification = await verifyLedger(tx);
  assert(verification.ok, `ledger does not verify: ${verification.problems.join('; ')}`);
}
