// The payment orders made for given references (an order, its bills), for screens that show what was
// paid for one thing: newest first, bounded.
import type { Executor } from '@zulin/db';
import { desc, inArray } from 'drizzle-orm';
import { PaymentsLimits } from './limits';
import type { PaymentOrder } from './payment-orders';
import { paymentsOrders } from './schema';

export async function paymentsOfReferences(db: Executor, references: readonly string[]): Promise<PaymentOrder[]> {
  const refs = [...new Set(references)];
  if (refs.length === 0) return [];
  return db
    .select()
    .from(paymentsOrders)
    .where(inArray(paymentsOrders.reference, refs))
    .orderBy(desc(paymentsOrders.createdAt), desc(paymentsOrders.id))
    .limit(PaymentsLimits.paymentsOfReferencesMax);
}
