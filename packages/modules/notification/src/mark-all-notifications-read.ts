// A customer marks all their unread in-app notifications read in one statement.
import type { Executor } from '@zulin/db';
import { and, eq, isNull } from 'drizzle-orm';
import { notificationMessages } from './schema';

/**
 * Marks every unread notification of the customer read. One statement over one customer's unread
 * rows (the unread index), bounded by what they have received.
 */
export async function markAllNotificationsRead(tx: Executor, now: Date, customerId: string): Promise<number> {
  const updated = await tx
    .update(notificationMessages)
    .set({ readAt: now })
    .where(
      and(
        eq(notificationMessages.customerId, customerId),
        eq(notificationMessages.inApp, true),
        isNull(notificationMessages.readAt),
      ),
    )
    .returning({ id: notificationMessages.id });
  return updated.length;
}
