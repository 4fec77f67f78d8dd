// A customer marks one of their in-app notifications read; reading it again keeps the first time.
import type { Executor } from '@zulin/db';
import { and, eq, isNull } from 'drizzle-orm';
import { NotificationErrors } from './errors';
import type { NotificationRow } from './inbox';
import { notificationMessages } from './schema';

/** Marks one of the customer's notifications read; reading it again keeps the first time. */
export async function markNotificationRead(
  tx: Executor,
  now: Date,
  customerId: string,
  id: string,
): Promise<NotificationRow> {
  const mine = and(
    eq(notificationMessages.id, id),
    eq(notificationMessages.customerId, customerId),
    eq(notificationMessages.inApp, true),
  );
  await tx
    .update(notificationMessages)
    .set({ readAt: now })
    .where(and(mine, isNull(notificationMessages.readAt)));
  const [row] = await tx.select().from(notificationMessages).where(mine);
  if (!row) throw NotificationErrors.NOTIFICATION_NOT_FOUND();
  return row;
}
