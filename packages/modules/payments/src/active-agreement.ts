// A customer's auto-debit agreement in force (the newest active one), for modules that charge due
// bills through it; null when they have none. One whose unsign the customer asked for (and the channel
// has not yet confirmed) is not in force for charging.
import type { Executor } from '@zulin/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Agreement } from './agreements';
import { paymentsAgreements } from './schema';

export async function activeAgreementOf(db: Executor, customerId: string): Promise<Agreement | null> {
  const [found] = await db
    .select()
    .from(paymentsAgreements)
    .where(
      and(
        eq(paymentsAgreements.customerId, customerId),
        eq(paymentsAgreements.state, 'active'),
        isNull(paymentsAgreements.unsignRequestedAt),
      ),
    )
    .orderBy(desc(paymentsAgreements.updatedAt), desc(paymentsAgreements.id))
    .limit(1);
  return found ?? null;
}
