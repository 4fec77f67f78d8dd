// A fault credit no rent bill will take (DOMAIN §5: no rent for days without a working phone). The
// rent tick takes credit off the next rent bills; an order with no period left to bill — a day plan
// (its one period paid at checkout) or a monthly plan whose last period is billed — has none, so the
// credit was never given. It is paid to the customer's wallet instead, at once: ledger rent revenue →
// the customer's wallet (the rent it stands for was booked as rent revenue), one transfer per call,
// and each fault's part marked taken (`appliedTo` with the transfer, period 0), so nothing takes it again.
import type { Executor } from '@zulin/db';
import { newId, sumMinor } from '@zulin/kernel';
import { createTransfers, customerAccount, platformAccount } from '@zulin/ledger';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalLimits } from './limits';
import type { OrderRow } from './order-store';
import { scheduleOf } from './rent-schedule';
import { rentalFaults } from './schema';

/** Whether the tick still has a period of the order to bill (one a credit can come off). */
export function hasRentBillsToCome(
  order: Pick<OrderRow, 'billedThroughPeriod'> & Parameters<typeof scheduleOf>[0],
): boolean {
  return scheduleOf(order).length > order.billedThroughPeriod && order.nextBillDueDate !== null;
}

/** Pays the order's untaken fault credit to the wallet when no rent bill is left to take it; answers the amount. */
export async function payOutFaultCredit(tx: Executor, deps: RentalDeps, order: OrderRow): Promise<number> {
  if (hasRentBillsToCome(order)) return 0;
  const faults = await tx
    .select()
    .from(rentalFaults)
    .where(and(eq(rentalFaults.orderId, order.id), gt(rentalFaults.creditMinor, rentalFaults.creditedMinor)))
    .orderBy(asc(rentalFaults.resolvedAt), asc(rentalFaults.id))
    .limit(RentalLimits.faultIntervalsMax)
    .for('update');
  const amountMinor = sumMinor(faults.map((f) => f.creditMinor - f.creditedMinor));
  if (amountMinor === 0) return 0;
  const revenue = await platformAccount(tx, deps.clock, 'rent_revenue');
  const wallet = await customerAccount(tx, deps.clock, order.customerId, 'wallet');
  const transferId = `txn_${newId('rfc', deps.clock)}`;
  await createTransfers(tx, deps.clock, [
    {
      id: transferId,
      debitAccountId: revenue.id,
      creditAccountId: wallet.id,
      amountMinor,
      code: 'rental.fault_credit_paid',
      reference: order.id,
      metadata: { customerId: order.customerId, faultIds: faults.map((f) => f.id).join(',') },
    },
  ]);
  for (const fault of faults) {
    const take = fault.creditMinor - fault.creditedMinor;
    await tx
      .update(rentalFaults)
      .set({
        creditedMinor: fault.creditMinor,
        appliedTo: [...fault.appliedTo, { period: 0, amountMinor: take, walletTransferId: transferId }],
      })
      .where(eq(rentalFaults.id, fault.id));
  }
  return amountMinor;
}
