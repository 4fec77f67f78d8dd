// Renewing (API.md `POST /v1/rentals/{id}/renew`, DOMAIN §5): the customer takes a renewal quote (the
// one named, or one priced now for `months` by the same function — 1, 3, 6 or 12 more months at the
// plan's renewal rent, from 15 days before the end); the machine checks the state, the one-after-sale
// rule and that no bill is overdue; in the same transaction the renewal is opened and its addendum
// (contracts' `renewal` template) drafted. Signing it (POST /v1/rentals/{id}/sign, or the contracts
// routes and `contracts.contract_signed`) takes the renewal into effect (completeRenewal): the new
// periods join the order's schedule at the quoted rent and the daily tick bills each of them
// `billIssueAheadDays` before its due date — the quoted amount is exactly what those bills add up to
// (quote-renewal.ts asserts it).
import { draftContract } from '@zulin/contracts';
import type { Executor } from '@zulin/db';
import { getCustomerProfile } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import {
  checkAllowed,
  closeAfterSale,
  hasOverdueBills,
  newAfterSaleId,
  recordAfterSale,
  takeQuoteForAction,
} from './after-sales';
import type { RentalDeps } from './deps';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import type { RenewalQuote } from './quote-renewal';
import { rentalAfterSales } from './schema';

export async function renewOrder(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; customerId: string; quoteId?: string | undefined; months?: number | undefined },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  checkAllowed(order, 'start_renewal', 'customer');
  const overdue = await hasOverdueBills(tx, deps, order.id);
  const taken = await takeQuoteForAction(tx, deps, {
    order,
    kind: 'renewal',
    quoteId: options.quoteId,
    months: options.months,
  });
  const quote = taken.quote as RenewalQuote;
  const first = quote.schedule[0];
  assert(first !== undefined, 'a renewal adds at least one period');
  const afterSaleId = newAfterSaleId(deps);
  const profile = await getCustomerProfile(tx, deps.masterKey, order.customerId);
  const drafted = await draftContract(tx, deps, {
    customerId: order.customerId,
    subject: { kind: 'renewal', id: afterSaleId },
    template: 'renewal',
    locale: profile.locale,
    terms: {
      rentalId: order.contractId ?? order.id,
      // A month plan's renewal in months at the monthly rent; a day plan's (7, 15 or 30 days) in days
      // at the daily rent — never a day renewal written as a month.
      ...(quote.renewal.unit === 'month'
        ? { months: quote.renewal.count, rentMinor: quote.renewal.rentMinor }
        : { termDays: quote.renewal.count, dailyRentMinor: quote.renewal.rentMinor }),
      // What the renewal costs in all (its rent and the per-period add-ons), as quoted and billed.
      totalRentMinor: taken.amountMinor,
      startDate: first.periodStart,
      buyoutAtEndMinor: order.plan.buyoutAtEndMinor,
    },
  });
  const moved = await moveOrder(tx, {
    order,
    action: 'start_renewal',
    by: { actor: 'customer', audit: { kind: 'customer', customerId: order.customerId } },
    now: deps.clock.now(),
    // The quote was priced inside the window today, and is valid only to the end of today.
    facts: { within_renewal_window: true, no_overdue_bills: !overdue, quote_valid: true },
    detail: { quoteId: taken.id, amountMinor: taken.amountMinor, contractId: drafted.contractId },
  });
  await recordAfterSale(tx, deps, {
    id: afterSaleId,
    order: moved,
    kind: 'renewal',
    quoteId: taken.id,
    amountMinor: taken.amountMinor,
    billedMinor: 0,
    billId: null,
    contractId: drafted.contractId,
    detail: { asOf: quote.asOf, renewal: quote.renewal, firstDueDate: first.dueDate },
  });
  return moved;
}

/** The renewal's addendum signed: the renewal joins the schedule and the order is renewed. */
export async function completeRenewal(
  tx: Executor,
  deps: RentalDeps,
  options: { afterSaleId: string; contractId: string },
): Promise<OrderRow> {
  const [afterSale] = await tx
    .select()
    .from(rentalAfterSales)
    .where(eq(rentalAfterSales.id, options.afterSaleId))
    .for('update');
  assert(afterSale !== undefined, 'the renewal exists');
  const order = await loadOrderForUpdate(tx, afterSale.orderId);
  const quoted = afterSale.detail as { renewal: OrderRow['renewals'][number]; firstDueDate: string };
  const moved = await moveOrder(tx, {
    order,
    action: 'renew',
    by: { actor: 'customer', audit: { kind: 'customer', customerId: order.customerId } },
    now: deps.clock.now(),
    facts: { renewal_signed: afterSale.status === 'open' && afterSale.contractId === options.contractId },
    set: {
      renewals: [...order.renewals, quoted.renewal],
      // Every period of the term billed already: the tick goes on with the first renewed one.
      nextBillDueDate: order.nextBillDueDate ?? quoted.firstDueDate,
    },
    detail: { afterSaleId: afterSale.id, contractId: options.contractId, renewal: quoted.renewal },
  });
  await closeAfterSale(tx, deps, afterSale.id, 'done');
  return moved;
}
