// Buying the phone out (API.md `POST /v1/rentals/{id}/buyout`, DOMAIN §5): the customer takes a
// buyout quote (the one named, or one priced now by the same function), the machine checks the
// state, the one-after-sale rule and that no bill is overdue, and in the same transaction the exit
// bill is issued through billing (the quote less rent already billed for remaining periods) and no
// further rent is billed. When that bill is paid (`billing.bill_paid`), the order is bought out and
// the unit sold (completeBuyout).
import type { Executor } from '@zulin/db';
import { moveOrderUnit } from '@zulin/inventory';
import { formatCny } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import {
  billedRemainingRent,
  checkAllowed,
  closeAfterSale,
  hasOverdueBills,
  issueExitBill,
  lessBilledRent,
  newAfterSaleId,
  openAfterSaleOf,
  recordAfterSale,
  takeQuoteForAction,
} from './after-sales';
import type { RentalDeps } from './deps';
import { takeFaultCreditForExit } from './exit-fault-credit';
import { payOutFaultCredit } from './fault-credit-payout';
import { loadOrderForUpdate, moveOrder, type OrderRow, systemMover } from './order-store';
import { agreementOf } from './quote-exit';
import { rentalAfterSales } from './schema';

export async function buyOutOrder(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; customerId: string; quoteId?: string | undefined },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  checkAllowed(order, 'start_buyout', 'customer');
  const overdue = await hasOverdueBills(tx, deps, order.id);
  const taken = await takeQuoteForAction(tx, deps, { order, kind: 'buyout', quoteId: options.quoteId });
  const alreadyBilled = Math.min(await billedRemainingRent(tx, deps, order, taken.quote.asOf), taken.amountMinor);
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
  const remainingRent = taken.quote.lines
    .filter((l) => l.code === 'remaining_rent')
    .reduce((sum, l) => sum + l.amountMinor, 0);
  const rentPart = Math.min(Math.max(0, remainingRent - faultCreditMinor), taken.amountMinor);
  const lines = lessBilledRent(
    [
      {
        kind: 'rent',
        description:
          faultCreditMinor > 0 ? `剩余租金（已扣故障停机抵扣 ${formatCny(faultCreditMinor, 'zh-CN')}）` : '剩余租金',
        amountMinor: rentPart,
      },
      { kind: 'other', description: '买断价', amountMinor: taken.amountMinor - rentPart },
    ],
    alreadyBilled,
  );
  const billId = await issueExitBill(tx, deps, { order, title: '买断款', lines });
  const billedMinor = taken.amountMinor - alreadyBilled;
  const moved = await moveOrder(tx, {
    order,
    action: 'start_buyout',
    by: { actor: 'customer', audit: { kind: 'customer', customerId: order.customerId } },
    now: deps.clock.now(),
    facts: { no_overdue_bills: !overdue, quote_valid: true },
    // The buyout price stands in for every period not yet billed.
    set: { nextBillDueDate: null },
    detail: { quoteId: taken.id, amountMinor: taken.amountMinor, billedMinor, billId },
  });
  // No rent bill follows: credit the quote could not take (it never goes below ¥0.00) goes to the wallet.
  const faultCreditPaidMinor = await payOutFaultCredit(tx, deps, moved);
  const afterSale = await recordAfterSale(tx, deps, {
    order: moved,
    kind: 'buyout',
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
    },
    id: afterSaleId,
  });
  // Nothing left to pay on the exit bill (rent billed ahead covers it all): bought out at once.
  if (billId === null) return completeBuyout(tx, deps, { afterSaleId: afterSale.id });
  return moved;
}

/** The buyout paid: the order is bought out, the unit sold, the after-sale action done. */
export async function completeBuyout(
  tx: Executor,
  deps: RentalDeps,
  options: { afterSaleId: string },
): Promise<OrderRow> {
  const [afterSale] = await tx.select().from(rentalAfterSales).where(eq(rentalAfterSales.id, options.afterSaleId));
  const order = await loadOrderForUpdate(tx, afterSale?.orderId ?? '');
  const now = deps.clock.now();
  const moved = await moveOrder(tx, {
    order,
    action: 'buy_out',
    by: systemMover,
    now,
    facts: { buyout_paid: afterSale?.status === 'open' },
    detail: { afterSaleId: options.afterSaleId, billId: afterSale?.billId ?? null },
  });
  if (order.unitId !== null) {
    await moveOrderUnit(tx, {
      unitId: order.unitId,
      orderRef: order.id,
      step: 'sell',
      now,
      reason: { code: 'order_bought_out', params: { orderRef: order.id } },
    });
  }
  await closeAfterSale(tx, deps, options.afterSaleId, 'done');
  return moved;
}

/** `billing.bill_paid`: a settled exit bill of an open buyout completes it; any other bill is not ours. */
export async function onBillPaid(
  tx: Executor,
  deps: RentalDeps,
  payload: { billId: string; settled: boolean },
): Promise<'bought_out' | 'skipped'> {
  if (!payload.settled) return 'skipped';
  const [afterSale] = await tx
    .select()
    .from(rentalAfterSales)
    .where(eq(rentalAfterSales.billId, payload.billId))
    .for('update');
  if (afterSale === undefined || afterSale.kind !== 'buyout' || afterSale.status !== 'open') return 'skipped';
  const open = await openAfterSaleOf(tx, afterSale.orderId, 'buyout');
  if (open?.id !== afterSale.id) return 'skipped';
  await completeBuyout(tx, deps, { afterSaleId: afterSale.id });
  return 'bought_out';
}
