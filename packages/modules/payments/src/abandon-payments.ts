// Payments nobody should make any more: what they were for went away (a rental order expired or was
// cancelled before it was paid, a bill was withdrawn). Marked in the caller's transaction, so the
// mark stands or falls with the cancellation; the channel is asked outside any transaction by the
// janitor's next run (`recheckPayments`), which closes the trade there so that the cashier can no
// longer take the money. A payment made just before the close is applied as paid, as any late
// payment is, and its owner gives back what it cannot take (rental and billing refund it in full).
// An attempt recorded but never submitted (`created`) has no trade to close: it is closed here.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { closeUnsubmittedPayment } from './payment-orders';
import { paymentsOrders } from './schema';

export async function abandonOpenPayments(
  tx: Executor,
  clock: Clock,
  of: { purpose: string; reference: string },
): Promise<{ abandoned: number }> {
  const now = clock.now();
  const open = await tx
    .select()
    .from(paymentsOrders)
    .where(
      and(
        eq(paymentsOrders.purpose, of.purpose),
        eq(paymentsOrders.reference, of.reference),
        inArray(paymentsOrders.state, ['created', 'pending', 'unknown']),
        isNull(paymentsOrders.abandonedAt),
      ),
    )
    .orderBy(paymentsOrders.id)
    .for('update');
  for (const order of open) {
    if (order.state === 'created') {
      await closeUnsubmittedPayment(tx, clock, order.id);
      continue;
    }
    await tx
      .update(paymentsOrders)
      .set({ abandonedAt: now, nextQueryAt: now, updatedAt: now })
      .where(eq(paymentsOrders.id, order.id));
  }
  return { abandoned: open.length };
}
