// Returning the phone (API.md `POST /v1/rentals/{id}/return`, DOMAIN §5): the customer takes an
// early-return quote (the one named, or one priced now by the same function — at the end of the
// term it is ¥0.00) and books a pick-up; the machine checks the state and the one-after-sale rule;
// in the same transaction the early-return charge is billed through billing (less rent already
// billed for the periods it covers), no further rent is billed, and the return is opened: its
// record (rental_after_sales, kind `return`) carries the pick-up and, later, the inspection that
// settle-inspection.ts prices, until the deposit is settled (`settle` closes it).
import type { Executor } from '@zulin/db';
import { addDays, type BusinessDate, compareDates, formatCny, today } from '@zulin/kernel';
import {
  billedRemainingRent,
  checkAllowed,
  issueExitBill,
  lessBilledRent,
  newAfterSaleId,
  recordAfterSale,
  takeQuoteForAction,
} from './after-sales';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { takeFaultCreditForExit } from './exit-fault-credit';
import { payOutFaultCredit } from './fault-credit-payout';
import { RentalLimits } from './limits';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { agreementOf } from './quote-exit';

export const pickupSlots = ['09-12', '12-15', '15-18'] as const;
export type PickupSlot = (typeof pickupSlots)[number];

export interface ReturnPickup {
  /** The day the courier comes, from today to `returnPickupDaysAhead` days on. */
  date: BusinessDate;
  slot: PickupSlot;
}

export function checkPickup(pickup: ReturnPickup, todayDate: BusinessDate): void {
  const last = addDays(todayDate, RentalLimits.returnPickupDaysAhead);
  if (compareDates(pickup.date, todayDate) < 0 || compareDates(pickup.date, last) > 0) {
    throw RentalErrors.RENTAL_PICKUP_INVALID({
      errors: [{ path: '/body/pickup/date', message: `from ${todayDate} to ${last}` }],
    });
  }
}

export async function returnOrder(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; customerId: string; quoteId?: string | undefined; pickup: ReturnPickup },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  checkAllowed(order, 'request_return', 'customer');
  checkPickup(options.pickup, today(deps.clock, deps.timeZone));
  const taken = await takeQuoteForAction(tx, deps, { order, kind: 'early_return', quoteId: options.quoteId });
  const alreadyBilled = await billedRemainingRent(tx, deps, order, taken.quote.asOf);
  const afterSaleId = newAfterSaleId(deps);
  // The quote took the fault credit not yet received off its amount; what no bill took is now taken.
  const faultCreditTakenMinor = await takeFaultCreditForExit(tx, {
    orderId: order.id,
    agreement: agreementOf(order),
    asOf: taken.quote.asOf,
    afterSaleId,
    quoteInputs: taken.quote.inputs,
  });
  const faultCreditMinor = Number(taken.quote.inputs.faultCreditMinor ?? 0);
  const creditWords = faultCreditMinor > 0 ? `（已扣故障停机抵扣 ${formatCny(faultCreditMinor, 'zh-CN')}）` : '';
  const shortTerm = taken.quote.inputs.rule === 'whole_remaining_rent';
  const lines = lessBilledRent(
    [
      shortTerm
        ? { kind: 'rent', description: `剩余租金（提前归还）${creditWords}`, amountMinor: taken.amountMinor }
        : { kind: 'fee', description: `提前归还费${creditWords}`, amountMinor: taken.amountMinor },
    ],
    Math.min(alreadyBilled, taken.amountMinor),
  );
  const billId = await issueExitBill(tx, deps, { order, title: '提前归还费用', lines });
  const billedMinor = taken.amountMinor - Math.min(alreadyBilled, taken.amountMinor);
  const moved = await moveOrder(tx, {
    order,
    action: 'request_return',
    by: { actor: 'customer', audit: { kind: 'customer', customerId: order.customerId } },
    now: deps.clock.now(),
    // The charge is posted (or nothing is owed) and the pick-up recorded in this transaction.
    facts: { quote_valid: true, exit_charge_issued: true, return_pickup_booked: true },
    set: { nextBillDueDate: null },
    detail: { quoteId: taken.id, amountMinor: taken.amountMinor, billedMinor, billId, pickup: options.pickup },
  });
  // No rent bill follows: credit the quote could not take (it never goes below ¥0.00) goes to the wallet.
  const faultCreditPaidMinor = await payOutFaultCredit(tx, deps, moved);
  await recordAfterSale(tx, deps, {
    order: moved,
    kind: 'return',
    quoteId: taken.id,
    amountMinor: taken.amountMinor,
    billedMinor,
    billId,
    detail: {
      asOf: taken.quote.asOf,
      alreadyBilledMinor: alreadyBilled,
      faultCreditMinor,
      faultCreditTakenMinor,
      faultCreditPaidMinor,
      pickup: options.pickup,
      // Filled by the returns desk: the carrier's first scan, the receipt, the graded inspection.
      pickedUpAt: null,
      receivedAt: null,
      inspection: null,
    },
    id: afterSaleId,
  });
  return moved;
}
