// A funded order cancelled before shipment gives the funder back its purchase: the disbursement
// (1200 funder receivables ← 1210, ⌊principal × share⌋) is reversed exactly — 1210 ← 1200, transfer
// `txn_fund_<order>_rev`, naming the original — in the cancel's own transaction. Cancel is allowed only
// before the first period bill, so nothing was ever collected for the funder (the down payment is not
// financed and never split): the funder gets back the whole disbursement, less nothing. After it the
// order holds nothing in 1200, and the sale's reversal leaves nothing in 1210 either.
import type { Executor } from '@zulin/db';
import { assert, type Clock, today } from '@zulin/kernel';
import { createTransfers, platformAccount } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { disbursementTransferId } from './disburse-funded-order';
import { orderFunderOf } from './funders';
import type { InstallmentOrderRow } from './orders';
import { installmentFunderCollections, installmentOrderFunders } from './schema';

export const disbursementReversalTransferId = (orderId: string) => `${disbursementTransferId(orderId)}_rev`;

/** Reverses the order's disbursement, if it had one; answers the amount given back (0 when none). */
export async function reverseFunderDisbursement(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  order: InstallmentOrderRow,
): Promise<number> {
  const assigned = await orderFunderOf(tx, order.id, true);
  if (!assigned || assigned.disbursedMinor === null || assigned.disbursementReversedOn !== null) return 0;
  const collected = await tx
    .select({ paymentId: installmentFunderCollections.paymentId })
    .from(installmentFunderCollections)
    .where(eq(installmentFunderCollections.orderId, order.id))
    .limit(1);
  assert(collected.length === 0, 'an order is cancelled only before any collection was split with its funder');
  if (assigned.disbursedMinor > 0) {
    const receivable = await platformAccount(tx, deps.clock, 'funder_receivables');
    const financed = await platformAccount(tx, deps.clock, 'installment_principal');
    await createTransfers(tx, deps.clock, [
      {
        id: disbursementReversalTransferId(order.id),
        debitAccountId: financed.id,
        creditAccountId: receivable.id,
        amountMinor: assigned.disbursedMinor,
        currency: 'CNY',
        code: 'installment.funder_disbursement_reversed',
        reference: order.id,
        reversesId: disbursementTransferId(order.id),
        metadata: { funderId: assigned.funderId, reason: 'order_cancelled_before_shipment' },
      },
    ]);
  }
  await tx
    .update(installmentOrderFunders)
    .set({ disbursementReversedOn: today(deps.clock, deps.timeZone) })
    .where(eq(installmentOrderFunders.orderId, order.id));
  return assigned.disbursedMinor;
}
