// The customer's in-app inbox: their notifications newest first and the unread count (marking read
// is mark-notification-read.ts / mark-all-notifications-read.ts). Only rows with an in-app copy are
// shown; another customer's notification is "not found".
import { type Database, type Executor, transaction } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, count, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import { notificationMessages } from './schema';

export type NotificationRow = typeof notificationMessages.$inferSelect;

export async function listNotifications(
  tx: Executor,
  customerId: string,
  options: { unread?: boolean; limit?: number; cursor?: string },
): Promise<Page<NotificationRow>> {
  const limit = pageLimit(options.limit);
  const conditions: SQL[] = [eq(notificationMessages.customerId, customerId), eq(notificationMessages.inApp, true)];
  if (options.unread) conditions.push(isNull(notificationMessages.readAt));
  if (options.cursor !== undefined) {
    const [afterId] = decodeCursor(options.cursor);
    if (typeof afterId !== 'string') {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    conditions.push(lt(notificationMessages.id, afterId));
  }
  // Ids are time-ordered (`ntf_` + ULID), so "newest first" is the id order and the cursor is the id.
  const rows = await tx
    .select()
    .from(notificationMessages)
    .where(and(...conditions))
    .orderBy(desc(notificationMessages.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.id]);
}

/** A page of the inbox and the unread count, read in one transaction so that they agree. */
export function readInbox(
  database: Database,
  customerId: string,
  options: { unread?: boolean; limit?: number; cursor?: string },
): Promise<{ page: Page<NotificationRow>; unread: number }> {
  return transaction(database, async (tx) => ({
    page: await listNotifications(tx, customerId, options),
    unread: await unreadCount(tx, customerId),
  }));
}

export async function unreadCount(tx: Executor, customerId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(notificationMessages)
    .where(
      and(
        eq(notificationMessages.customerId, customerId),
        eq(notificationMessages.inApp, true),
        isNull(notificationMessages.readAt),
      ),
    );
  return Number(row?.n ?? 0);
}
