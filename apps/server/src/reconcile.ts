// `zulin reconcile`: the ledger's own verification (every balance recomputed from the transfers,
// Σ debits = Σ credits per currency, every balance rule, every hold resolved consistently), run in
// one repeatable-read snapshot so that a live system's concurrent commands are seen whole or not
// at all, and printed as a report an operator can read. Any problem makes the command exit 1.
import type { Database } from '@zulin/db';
import { formatCny } from '@zulin/kernel';
import { inSnapshot, type LedgerVerification, verifyLedger } from '@zulin/ledger';

export function reconcileLedger(database: Database): Promise<LedgerVerification> {
  return inSnapshot(database, (tx) => verifyLedger(tx));
}

function amount(currency: string, minor: number): string {
  return currency === 'CNY' ? formatCny(minor, 'en') : `${minor.toLocaleString('en-US')} ${currency.toLowerCase()}`;
}

export function reconcileReport(v: LedgerVerification, at: Date): string {
  const lines = [
    `Ledger reconciliation at ${at.toISOString()} (one repeatable-read snapshot)`,
    `Accounts checked: ${v.accountsChecked}`,
  ];
  if (v.totals.length === 0) lines.push('Totals: no accounts yet');
  for (const t of v.totals) {
    const posted = t.postedDebitsMinor === t.postedCreditsMinor ? 'balanced' : 'NOT BALANCED';
    const pending = t.pendingDebitsMinor === t.pendingCreditsMinor ? 'balanced' : 'NOT BALANCED';
    lines.push(
      `${t.currency}`,
      `  posted:  debits ${amount(t.currency, t.postedDebitsMinor)}, credits ${amount(t.currency, t.postedCreditsMinor)} — ${posted}`,
      `  pending: debits ${amount(t.currency, t.pendingDebitsMinor)}, credits ${amount(t.currency, t.pendingCreditsMinor)} — ${pending}`,
    );
  }
  if (v.problems.length === 0) {
    lines.push('Problems: none', 'Result: OK');
  } else {
    lines.push(`Problems: ${v.problems.length}${v.problems.length >= 50 ? ' (the first 50)' : ''}`);
    for (const [i, problem] of v.problems.entries()) lines.push(`  ${i + 1}. ${problem}`);
    lines.push('Result: FAILED');
  }
  return `${lines.join('\n')}\n`;
}
