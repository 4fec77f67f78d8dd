// The `notification.sms_requested` subscriber's work, after the notification committed: render the
// text in the customer's language and hand it to identity's SMS queue, whose sender delivers it
// through the SMS adapter. The customer's phone number never leaves the identity module.
import type { Executor } from '@zulin/db';
import { getCustomerProfile, queueCustomerSms } from '@zulin/identity';
import { eq, sql } from 'drizzle-orm';
import type { NotificationDeps } from './deps';
import { notificationMessages } from './schema';
import { renderSms } from './templates';

export type SmsOutcome = 'queued' | 'skipped';

export async function sendNotificationSms(
  tx: Executor,
  deps: NotificationDeps,
  notificationId: string,
): Promise<SmsOutcome> {
  const [row] = await tx
    .select()
    .from(notificationMessages)
    .where(eq(notificationMessages.id, notificationId))
    .for('update');
  // Queued already (a redelivered event) or never requested: nothing to do, and nothing sent twice.
  if (row?.smsStatus !== 'requested') return 'skipped';
  const profile = await getCustomerProfile(tx, deps.masterKey, row.customerId);
  const text = renderSms(row.template, row.params, { locale: profile.locale, timeZone: deps.timeZone });
  await queueCustomerSms(tx, deps.masterKey, deps.clock, row.customerId, text);
  await tx
    .update(notificationMessages)
    .set({
      smsStatus: 'queued',
      smsQueuedAt: deps.clock.now(),
      channels: sql`${notificationMessages.channels} || '["sms"]'::jsonb`,
    })
    .where(eq(notificationMessages.id, row.id));
  return 'queued';
}
