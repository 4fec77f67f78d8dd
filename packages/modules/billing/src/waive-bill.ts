// Waiving what is left of some or all of a bill's lines (a goodwill gesture, a penalty forgiven, a
// charge issued by mistake): asked by one staff member and approved by another (waiver-requests.ts),
// audited, with a reason. Each waived line's remainder is reversed in the ledger — a revenue line
// against its revenue account, forgiven principal against write-offs (it is a loss, not unbilled
// principal) — and customer receivables is credited. A line is waived at most once, which is why
// its transfer id can be derived from the bill and the line.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, sumMinor } from '@zulin/kernel';
import { createTransfers } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import type { Allocation } from './allocate';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import type { BillLineKind } from './kinds';
import { billingCodes, receivablesAccount, transferIds, waiverAccounts } from './ledger-accounts';
import { applyToLines, lockBill } from './pay-bill';
import { type BillLineRow, type BillView, getBill, loadLines } from './read-bills';
import { billingBills } from './schema';

type WaivedLine = Allocation & { kind: BillLineKind };

/** What is left of the chosen lines (every line when `positions` is absent); refuses unknown lines. */
export function waivableLines(lines: readonly BillLineRow[], positions?: readonly number[]): WaivedLine[] {
  const wanted = positions ? new Set(positions) : null;
  if (wanted) {
    const unknown = [...wanted].filter((p) => !lines.some((l) => l.position === p));
    if (unknown.length > 0) {
      throw BillingErrors.BILLING_BILL_INVALID({
        errors: [{ path: '/body/positions', message: `no line at ${unknown.join(', ')}` }],
      });
    }
  }
  const waived = lines
    .filter((l) => !wanted || wanted.has(l.position))
    .map((l) => ({ position: l.position, kind: l.kind, amountMinor: l.amountMinor - l.paidMinor - l.waivedMinor }))
    .filter((a) => a.amountMinor > 0);
  if (waived.length === 0) {
    throw BillingErrors.BILLING_BILL_INVALID({
      errors: [{ path: '/body/positions', message: 'nothing left to waive' }],
    });
  }
  return waived;
}

/** The chosen lines' remainders, taken in order up to `amountMinor` (all of them when absent). */
function capWaiver(waived: WaivedLine[], amountMinor: number | undefined): WaivedLine[] {
  if (amountMinor === undefined) return waived;
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 1) {
    throw BillingErrors.BILLING_AMOUNT_INVALID({ errors: [{ path: '/amountMinor', message: 'at least 1 fen' }] });
  }
  let left = amountMinor;
  const capped: WaivedLine[] = [];
  for (const w of waived) {
    if (left === 0) break;
    const take = Math.min(left, w.amountMinor);
    capped.push({ ...w, amountMinor: take });
    left -= take;
  }
  if (left > 0) {
    throw BillingErrors.BILLING_AMOUNT_INVALID({
      detail: `Only ${amountMinor - left} fen is left to waive on this bill.`,
      errors: [{ path: '/amountMinor', message: 'more than is left to waive' }],
    });
  }
  return capped;
}

function waivedBefore(lines: readonly BillLineRow[], position: number): number {
  return lines.find((l) => l.position === position)?.waivedMinor ?? 0;
}

/**
 * Books the waiver of what is left of some lines: called by the approval of a waiver request
 * (waiver-requests.ts), never straight from a route.
 */
export async function waiveBill(
  tx: Executor,
  deps: BillingDeps,
  options: {
    billId: string;
    /** Staff approving a waiver request, or the system withdrawing a charge for its source (withdraw-bill.ts). */
    staff: StaffPrincipal | { kind: 'system' };
    reason: string;
    positions?: number[];
    /** The waiver request approved, or null for a withdrawal or another module's own decision. */
    requestId: string | null;
    /**
     * At most this much, taken from the chosen lines in their order (a rental dispute's credit):
     * absent, every chosen line's remainder. A line waived in part may be waived again later.
     */
    amountMinor?: number;
  },
): Promise<{ bill: BillView; waivedMinor: number }> {
  const bill = await lockBill(tx, options.billId);
  if (bill.status === 'paid' || bill.status === 'waived') throw BillingErrors.BILLING_BILL_SETTLED();
  const lines = (await loadLines(tx, [bill.id])).get(bill.id) ?? [];
  const waived = capWaiver(waivableLines(lines, options.positions), options.amountMinor);
  const receivables = await receivablesAccount(tx, deps.clock);
  const debits = await waiverAccounts(
    tx,
    deps.clock,
    waived.map((w) => w.kind),
  );
  const legs = waived.map((w) => {
    const debit = debits.get(w.kind);
    assert(debit, 'every kind has its account');
    return {
      // A line's first waiver keeps its derived id; a later one (after a partial waiver) names what was waived before.
      id:
        waivedBefore(lines, w.position) === 0
          ? transferIds.waive(bill.id, w.position)
          : `${transferIds.waive(bill.id, w.position)}_${waivedBefore(lines, w.position)}`,
      debitAccountId: debit.id,
      creditAccountId: receivables.id,
      amountMinor: w.amountMinor,
      currency: 'CNY' as const,
      code: billingCodes.waive,
      reference: bill.id,
      metadata: {
        customerId: bill.customerId,
        kind: w.kind,
        staffId: options.staff.kind === 'system' ? null : options.staff.staffId,
        requestId: options.requestId,
      },
    };
  });
  await createTransfers(tx, deps.clock, legs);
  await applyToLines(tx, bill.id, 'waived', waived);
  const now = deps.clock.now();
  const waivedMinor = bill.waivedMinor + sumMinor(waived.map((w) => w.amountMinor));
  const settled = bill.paidMinor + waivedMinor === bill.amountMinor;
  await tx
    .update(billingBills)
    .set({
      waivedMinor,
      updatedAt: now,
      waiveReason: options.reason,
      ...(settled ? { status: 'waived' as const, settledAt: now } : {}),
    })
    .where(eq(billingBills.id, bill.id));
  await recordAudit(tx, {
    actor: options.staff,
    action: 'billing.bill_waived',
    targetType: 'bill',
    targetId: bill.id,
    at: now,
    detail: {
      requestId: options.requestId,
      reason: options.reason,
      lines: waived.map((w) => ({ position: w.position, amountMinor: w.amountMinor })),
    },
  });
  await emitEvent(tx, now, {
    type: 'billing.bill_waived',
    aggregateType: 'bill',
    aggregateId: bill.id,
    payload: {
      billId: bill.id,
      customerId: bill.customerId,
      title: bill.title,
      amountMinor: sumMinor(waived.map((w) => w.amountMinor)),
      settled,
    },
  });
  return { bill: await getBill(tx, deps, bill.id), waivedMinor: sumMinor(waived.map((w) => w.amountMinor)) };
}
