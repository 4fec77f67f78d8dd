// The rental contract of an approved order: drafted through the contracts module (its template
// `rental`, filled from the terms copied onto the order, in the customer's language) in the caller's
// transaction, then the order moves approved → awaiting_signature with the contract's id. Called by
// placeOrder when the decision approves, and by the review-case subscriber when a reviewer does.
import { readSkuNames } from '@zulin/catalog';
import { draftContract } from '@zulin/contracts';
import type { Executor } from '@zulin/db';
import { getCustomerProfile } from '@zulin/identity';
import { assert, startOfDayInstant } from '@zulin/kernel';
import { assumedStartDate } from './checkout-quote';
import type { RentalDeps } from './deps';
import { moveOrder, type OrderRow, systemMover } from './order-store';
import { quoteEarlyReturn } from './quote-early-return';
import { chosenAddOns } from './rent-schedule';
import { rentalTimers } from './rental-settings';

/** The contract's economic terms, from the order (never from the live catalog). */
export async function rentalContractTerms(
  tx: Executor,
  deps: RentalDeps,
  order: OrderRow,
): Promise<Record<string, string | number>> {
  const productName = (await readSkuNames(tx, [order.skuId])).get(order.skuId);
  assert(productName !== undefined, `No SKU ${order.skuId}.`);
  const plan = order.plan;
  // The most an early return can cost: the same quote the exit action uses, priced on the first day
  // of rent of the assumed schedule (a short term: all the rent not paid up front; else 2 periods).
  const startDate = assumedStartDate(deps);
  const { value: timers } = await rentalTimers.read(tx);
  const earlyReturn = quoteEarlyReturn(
    {
      plan,
      addOns: chosenAddOns(plan, order.addOns as never),
      startDate,
      renewals: [],
      periodsPaid: plan.termUnit === 'day' ? 1 : plan.upfrontPeriods,
    },
    { now: startOfDayInstant(startDate, deps.timeZone), timeZone: deps.timeZone, timers },
  );
  return {
    productName,
    // A month plan's term and rent in months; a day plan's (7, 15 or 30 days) in days.
    ...(plan.termUnit === 'month'
      ? { months: plan.termCount, rentMinor: plan.rentMinor }
      : { termDays: plan.termCount, dailyRentMinor: plan.rentMinor }),
    upfrontMinor: order.quote.upfrontMinor,
    depositMinor: order.depositMinor,
    depositWaivedMinor: order.depositWaivedMinor,
    buyoutAtEndMinor: plan.buyoutAtEndMinor,
    earlyReturnFeeMinor: earlyReturn.amountMinor,
  };
}

/** approved → awaiting_signature, with the contract drafted in the same transaction. */
export async function draftOrderContract(tx: Executor, deps: RentalDeps, order: OrderRow): Promise<OrderRow> {
  const profile = await getCustomerProfile(tx, deps.masterKey, order.customerId);
  const drafted = await draftContract(tx, deps, {
    customerId: order.customerId,
    subject: { kind: 'rental', id: order.id },
    template: 'rental',
    locale: profile.locale,
    terms: await rentalContractTerms(tx, deps, order),
  });
  return moveOrder(tx, {
    order,
    action: 'request_signature',
    by: systemMover,
    now: deps.clock.now(),
    facts: { contract_drafted: true },
    set: { contractId: drafted.contractId },
    detail: { contractId: drafted.contractId, documentHash: drafted.documentHash },
  });
}
