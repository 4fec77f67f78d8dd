// Fault credit in the exits (DOMAIN §5: no rent for the days without a working phone). A credit is
// granted when a fault is resolved (complete-fault.ts) and the rent tick takes it off the next rent
// bills. An exit (buyout, early return) stops the rent bills and charges the remaining periods in its
// own quote, so the credit the customer has not received yet is taken off the quote instead:
//   - credit no bill has taken yet (creditMinor − creditedMinor), and
//   - credit taken off the bill of a period the exit counts as remaining, or off a period so credited
//     that it had no bill: the exit charges those periods' rent again in full (its bill netted of what
//     is billed), so that credit would otherwise be lost.
// The action that takes the quote marks the untaken credit as taken by it (appliedTo with its
// afterSaleId), so neither a later rent bill nor another quote counts it again; abandoning the exit
// gives it back.
import type { Executor } from '@zulin/db';
import { type BusinessDate, sumMinor } from '@zulin/kernel';
import { and, asc, eq } from 'drizzle-orm';
import { RentalErrors } from './errors';
import { type RentalAgreement, remainingPeriods } from './exit-quote';
import { RentalLimits } from './limits';
import { rentalFaults } from './schema';

export interface PendingFaultCredit {
  /** untaken + taken off remaining periods: what the quote may take off. */
  availableMinor: number;
  untakenMinor: number;
  onRemainingMinor: number;
}

async function resolvedFaults(db: Executor, orderId: string, lock: boolean) {
  const q = db
    .select()
    .from(rentalFaults)
    .where(and(eq(rentalFaults.orderId, orderId), eq(rentalFaults.status, 'resolved')))
    .orderBy(asc(rentalFaults.resolvedAt), asc(rentalFaults.id))
    .limit(RentalLimits.faultIntervalsMax);
  return lock ? q.for('update') : q;
}

/** The order's fault credit the customer has not received yet, as an exit on `asOf` sees it. */
export async function pendingFaultCredit(
  db: Executor,
  options: { orderId: string; agreement: RentalAgreement; asOf: BusinessDate },
): Promise<PendingFaultCredit> {
  const faults = await resolvedFaults(db, options.orderId, false);
  const remaining = new Set(remainingPeriods(options.agreement, options.asOf).map((p) => p.period));
  const untakenMinor = sumMinor(faults.map((f) => f.creditMinor - f.creditedMinor));
  const onRemainingMinor = sumMinor(
    faults.flatMap((f) =>
      f.appliedTo.filter((a) => a.afterSaleId === undefined && remaining.has(a.period)).map((a) => a.amountMinor),
    ),
  );
  return { availableMinor: untakenMinor + onRemainingMinor, untakenMinor, onRemainingMinor };
}

/**
 * At the exit action: the quote's fault credit must still be what the order has (a fault resolved
 * since the quote changes it: RENTAL_QUOTE_EXPIRED, ask again); the part of it no bill has taken is
 * marked as taken by this exit, oldest fault first. Answers the amount marked.
 */
export async function takeFaultCreditForExit(
  tx: Executor,
  options: {
    orderId: string;
    agreement: RentalAgreement;
    asOf: BusinessDate;
    afterSaleId: string;
    quoteInputs: Record<string, unknown>;
  },
): Promise<number> {
  const quotedAvailable = Number(options.quoteInputs.faultCreditAvailableMinor ?? 0);
  const quotedTaken = Number(options.quoteInputs.faultCreditMinor ?? 0);
  const faults = await resolvedFaults(tx, options.orderId, true);
  const pending = await pendingFaultCredit(tx, options);
  if (pending.availableMinor !== quotedAvailable) {
    throw RentalErrors.RENTAL_QUOTE_EXPIRED({
      detail: `The fault credit changed since the quote (${quotedAvailable} → ${pending.availableMinor} fen); ask for a new quote.`,
    });
  }
  let left = Math.min(pending.untakenMinor, Math.max(0, quotedTaken - pending.onRemainingMinor));
  const marked = left;
  for (const fault of faults) {
    const take = Math.min(left, fault.creditMinor - fault.creditedMinor);
    if (take <= 0) continue;
    left -= take;
    await tx
      .update(rentalFaults)
      .set({
        creditedMinor: fault.creditedMinor + take,
        appliedTo: [...fault.appliedTo, { period: 0, amountMinor: take, afterSaleId: options.afterSaleId }],
      })
      .where(eq(rentalFaults.id, fault.id));
  }
  return marked;
}

/** An abandoned exit gives back the fault credit it took: the rent bills take it again. */
export async function restoreFaultCreditOfExit(
  tx: Executor,
  options: { orderId: string; afterSaleId: string },
): Promise<number> {
  let restored = 0;
  for (const fault of await resolvedFaults(tx, options.orderId, true)) {
    const mine = fault.appliedTo.filter((a) => a.afterSaleId === options.afterSaleId);
    if (mine.length === 0) continue;
    const amountMinor = sumMinor(mine.map((a) => a.amountMinor));
    restored += amountMinor;
    await tx
      .update(rentalFaults)
      .set({
        creditedMinor: fault.creditedMinor - amountMinor,
        appliedTo: fault.appliedTo.filter((a) => a.afterSaleId !== options.afterSaleId),
      })
      .where(eq(rentalFaults.id, fault.id));
  }
  return restored;
}
