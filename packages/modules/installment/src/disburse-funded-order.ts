// The disbursement of a funded order: the funder pays its share of the financed principal,
// ⌊principal × principalShareBps / 10,000⌋ (the remainder stays the platform's). The platform sells
// that part of the installment receivable to the funder: 1200 funder receivables (the money the
// funder owes until it settles) ← 1210 installment principal, in the caller's transaction, once per
// order (transfer id `txn_fund_<order>`). Runs at assignment when the order is already repaying, or
// when an order assigned earlier starts (its down payment paid). Idempotent.
import type { Executor } from '@zulin/db';
import { type BusinessDate, type Clock, today } from '@zulin/kernel';
import { createTransfers, platformAccount } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { type OrderFunderRow, orderFunderOf } from './funders';
import { funderDisbursementMinor } from './funders-split';
import type { InstallmentOrderRow } from './orders';
import { installmentOrderFunders } from './schema';

export const disbursementTransferId = (orderId: string) => `txn_fund_${orderId}`;

export async function disburseFundedOrder(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  order: InstallmentOrderRow,
): Promise<OrderFunderRow | null> {
  const assigned = await orderFunderOf(tx, order.id, true);
  if (!assigned || assigned.disbursedMinor !== null) return assigned;
  if (order.status !== 'active' && order.status !== 'paid_off') return assigned;
  const amountMinor = funderDisbursementMinor(order.principalMinor, assigned.principalShareBps);
  const on: BusinessDate = today(deps.clock, deps.timeZone);
  if (amountMinor > 0) {
    const receivable = await platformAccount(tx, deps.clock, 'funder_receivables');
    const financed = await platformAccount(tx, deps.clock, 'installment_principal');
    await createTransfers(tx, deps.clock, [
      {
        id: disbursementTransferId(order.id),
        debitAccountId: receivable.id,
        creditAccountId: financed.id,
        amountMinor,
        currency: 'CNY',
        code: 'installment.funder_disbursement',
        reference: order.id,
        metadata: { funderId: assigned.funderId, principalShareBps: assigned.principalShareBps },
      },
    ]);
  }
  const [row] = await tx
    .update(installmentOrderFunders)
    .set({ disbursedMinor: amountMinor, disbursedOn: on })
    .where(eq(installmentOrderFunders.orderId, order.id))
    .returning();
  return row ?? null;
}
