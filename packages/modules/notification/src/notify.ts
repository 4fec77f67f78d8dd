// Creates a notification for a customer, in the caller's transaction: once per dedupe key, within
// the customer's preferences. The in-app copy is the row itself; an SMS is only requested here (an
// outbox event), so nothing leaves the system unless the transaction commits.
import { type Executor, emitEvent } from '@zulin/db';
import { getNotificationPreferences, type NotificationCategory, type NotificationChannel } from '@zulin/identity';
import { assert, newId } from '@zulin/kernel';
import { and, eq, inArray } from 'drizzle-orm';
import type { NotificationDeps } from './deps';
import { NotificationLimits } from './limits';
import { type DeliveredChannel, type NotificationParams, notificationMessages } from './schema';
import { assertParams, templateOf } from './templates';

export interface NotifyOptions {
  customerId: string;
  category: NotificationCategory;
  template: string;
  params: NotificationParams;
  /** Unique per customer: the source event id and the template (`evt_…:wallet.top_up_succeeded`). */
  dedupeKey: string;
}

export interface NotifyResult {
  notificationId: string;
  /** False when the dedupe key was seen before: nothing new was written. */
  created: boolean;
  inApp: boolean;
  smsRequested: boolean;
}

export const smsRequestedEvent = 'notification.sms_requested';

export async function notify(
  tx: Executor,
  deps: Pick<NotificationDeps, 'clock'>,
  options: NotifyOptions,
): Promise<NotifyResult> {
  const definition = templateOf(options.template);
  assert(definition.category === options.category, `${options.template} belongs to ${definition.category}`);
  assert(options.customerId.length > 0, 'a notification names its customer');
  assert(options.dedupeKey.length > 0, 'a notification has a dedupe key');
  assert(options.dedupeKey.length <= NotificationLimits.dedupeKeyLengthMax, 'dedupe key too long');
  assert(Object.keys(options.params).length <= NotificationLimits.paramsMax, 'too many parameters');
  assertParams(options.template, options.params);

  const existing = await findByDedupeKey(tx, options.customerId, options.dedupeKey);
  if (existing) return { ...existing, created: false };

  const preferences = await getNotificationPreferences(tx, options.customerId);
  const allowed = (channel: NotificationChannel) =>
    preferences.some((p) => p.category === options.category && p.channel === channel && p.enabled);
  // Service notices (money moved, a case decided) always stay in the inbox; only marketing may be
  // switched off there. SMS follows the customer's choice for every category.
  const inApp = options.category !== 'marketing' || allowed('in_app');
  const smsRequested = definition.sms && allowed('sms');
  const now = deps.clock.now();
  const id = newId('ntf', deps.clock);
  const channels: DeliveredChannel[] = inApp ? ['in_app'] : [];
  const inserted = await tx
    .insert(notificationMessages)
    .values({
      id,
      customerId: options.customerId,
      category: options.category,
      template: options.template,
      params: options.params,
      inApp,
      channels,
      smsStatus: smsRequested ? 'requested' : 'not_requested',
      dedupeKey: options.dedupeKey,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: notificationMessages.id });
  if (inserted.length === 0) {
    // A concurrent delivery of the same event committed first; theirs is the notification.
    const winner = await findByDedupeKey(tx, options.customerId, options.dedupeKey);
    assert(winner, 'the conflicting notification exists');
    return { ...winner, created: false };
  }
  if (smsRequested) {
    await emitEvent(tx, now, {
      type: smsRequestedEvent,
      aggregateType: 'notification',
      aggregateId: id,
      payload: { notificationId: id, customerId: options.customerId },
    });
  }
  return { notificationId: id, created: true, inApp, smsRequested };
}

/**
 * When each of these notifications was created, by dedupe key (keys never used are left out): a
 * daily job that notifies once per key asks for a page of keys at once instead of one by one.
 */
export async function notifiedAt(
  db: Executor,
  keys: readonly { customerId: string; dedupeKey: string }[],
): Promise<Map<string, Date>> {
  const found = new Map<string, Date>();
  if (keys.length === 0) return found;
  assert(keys.length <= NotificationLimits.dedupeKeysPerLookupMax, 'a page of keys within dedupeKeysPerLookupMax');
  assert(new Set(keys.map((k) => k.dedupeKey)).size === keys.length, 'the answer is by dedupe key: distinct keys');
  const rows = await db
    .select({
      customerId: notificationMessages.customerId,
      dedupeKey: notificationMessages.dedupeKey,
      createdAt: notificationMessages.createdAt,
    })
    .from(notificationMessages)
    .where(
      and(
        inArray(notificationMessages.customerId, [...new Set(keys.map((k) => k.customerId))]),
        inArray(notificationMessages.dedupeKey, [...new Set(keys.map((k) => k.dedupeKey))]),
      ),
    );
  const wanted = new Set(keys.map((k) => `${k.customerId} ${k.dedupeKey}`));
  for (const row of rows) {
    if (wanted.has(`${row.customerId} ${row.dedupeKey}`)) found.set(row.dedupeKey, row.createdAt);
  }
  return found;
}

async function findByDedupeKey(
  tx: Executor,
  customerId: string,
  dedupeKey: string,
): Promise<Omit<NotifyResult, 'created'> | undefined> {
  const [row] = await tx
    .select({
      id: notificationMessages.id,
      inApp: notificationMessages.inApp,
      smsStatus: notificationMessages.smsStatus,
    })
    .from(notificationMessages)
    .where(and(eq(notificationMessages.customerId, customerId), eq(notificationMessages.dedupeKey, dedupeKey)));
  if (!row) return undefined;
  return { notificationId: row.id, inApp: row.inApp, smsRequested: row.smsStatus !== 'not_requested' };
}
