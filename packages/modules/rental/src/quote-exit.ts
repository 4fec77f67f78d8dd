// Priced exits of a running rental (API.md `POST /v1/rentals/{id}/quotes`): the pure quotes
// (quote-early-return.ts, quote-buyout.ts, quote-renewal.ts) over the agreement copied onto the
// order, stored with their validity so that the action (return, buyout, renewal) charges exactly
// the quoted amount while valid and refuses an expired quote (`takeExitQuote`).
import type { Executor } from '@zulin/db';
import { type BusinessDate, businessDateOf, newId } from '@zulin/kernel';
import { and, eq, isNull } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { pendingFaultCredit } from './exit-fault-credit';
import { type ExitQuote, type ExitQuoteKind, isQuoteValid, type RentalAgreement } from './exit-quote';
import { loadOrderForUpdate, type OrderRow } from './order-store';
import { quoteBuyout } from './quote-buyout';
import { quoteEarlyReturn } from './quote-early-return';
import { quoteRenewal } from './quote-renewal';
import { chosenAddOns } from './rent-schedule';
import { rentalTimers } from './rental-settings';
import { rentalExitQuotes } from './schema';

export interface StoredExitQuote extends ExitQuote {
  id: string;
  orderId: string;
}

/**
 * The agreement as the quotes see it. Periods paid: those paid at checkout. Bills paid ahead of
 * their period are not counted yet (docs/rental.md, gaps): billing has no read by source for it.
 */
export function agreementOf(order: OrderRow): RentalAgreement {
  if (order.rentStartDate === null || !['active', 'renewed'].includes(order.status)) {
    throw RentalErrors.RENTAL_NOT_STARTED({ detail: 'A priced exit is offered once the rent has started.' });
  }
  return {
    plan: order.plan,
    addOns: chosenAddOns(order.plan, order.addOns as never),
    startDate: order.rentStartDate,
    renewals: order.renewals,
    periodsPaid: order.plan.termUnit === 'day' ? 1 : order.plan.upfrontPeriods,
  };
}

/** The agreement with the fault credit the customer has not received yet (exit-fault-credit.ts). */
export async function creditedAgreementOf(db: Executor, order: OrderRow, asOf: BusinessDate): Promise<RentalAgreement> {
  const agreement = agreementOf(order);
  const credit = await pendingFaultCredit(db, { orderId: order.id, agreement, asOf });
  return { ...agreement, faultCreditMinor: credit.availableMinor };
}

export async function quoteExit(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; customerId: string; kind: ExitQuoteKind; months?: number | undefined },
): Promise<StoredExitQuote> {
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  const now = deps.clock.now();
  const agreement = await creditedAgreementOf(tx, order, businessDateOf(now, deps.timeZone));
  const { value: timers } = await rentalTimers.read(tx);
  const context = { now, timeZone: deps.timeZone, timers };
  let quote: ExitQuote;
  if (options.kind === 'early_return') quote = quoteEarlyReturn(agreement, context);
  else if (options.kind === 'buyout') quote = quoteBuyout(agreement, context);
  else {
    if (options.months === undefined) {
      throw RentalErrors.RENTAL_QUOTE_MONTHS_REQUIRED({
        errors: [{ path: '/body/months', message: 'required for a renewal' }],
      });
    }
    quote = quoteRenewal(agreement, context, { count: options.months });
  }
  const id = newId('rqt', deps.clock);
  await tx.insert(rentalExitQuotes).values({
    id,
    orderId: order.id,
    customerId: order.customerId,
    kind: quote.kind,
    amountMinor: quote.amountMinor,
    quote: quote as unknown as Record<string, unknown>,
    validUntil: new Date(quote.validUntil),
    createdAt: now,
  });
  return { ...quote, id, orderId: order.id };
}

/**
 * The quote an action charges: unused, of this order and kind, still valid at `now` — else refused
 * (an expired quote is never charged; the customer asks again and sees the new price).
 */
export async function takeExitQuote(
  tx: Executor,
  options: { quoteId: string; orderId: string; kind: ExitQuoteKind; now: Date },
): Promise<{ id: string; amountMinor: number; quote: ExitQuote }> {
  const [row] = await tx
    .select()
    .from(rentalExitQuotes)
    .where(
      and(
        eq(rentalExitQuotes.id, options.quoteId),
        eq(rentalExitQuotes.orderId, options.orderId),
        eq(rentalExitQuotes.kind, options.kind),
        isNull(rentalExitQuotes.usedAt),
      ),
    )
    .for('update');
  if (row === undefined) {
    throw RentalErrors.RENTAL_QUOTE_NOT_FOUND({
      detail: 'No such quote of this kind on this order, or it was used already.',
    });
  }
  if (!isQuoteValid({ validUntil: row.validUntil.toISOString() }, options.now))
    throw RentalErrors.RENTAL_QUOTE_EXPIRED();
  await tx.update(rentalExitQuotes).set({ usedAt: options.now }).where(eq(rentalExitQuotes.id, row.id));
  return { id: row.id, amountMinor: row.amountMinor, quote: row.quote as unknown as ExitQuote };
}
