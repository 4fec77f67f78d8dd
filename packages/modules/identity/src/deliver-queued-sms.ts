// Hands one queued text message to the SMS adapter after commit and marks it sent (idempotent).
import { type Executor, queryRows } from '@zulin/db';
import { sql } from 'drizzle-orm';
import { decryptPii } from './pii';
import type { SmsAdapter } from './sms';

export async function deliverQueuedSms(
  tx: Executor,
  masterKey: Buffer,
  now: Date,
  adapter: SmsAdapter,
  messageId: string,
): Promise<void> {
  const rows = await queryRows<{ phone_enc: string; text_enc: string; status: string }>(
    tx,
    sql`select phone_enc, text_enc, status from identity_sms_messages where id = ${messageId} for update`,
  );
  const row = rows[0];
  if (row === undefined || row.status === 'sent') return;
  await adapter.send({
    messageId,
    phone: await decryptPii(tx, masterKey, row.phone_enc),
    text: await decryptPii(tx, masterKey, row.text_enc),
  });
  await tx.execute(sql`update identity_sms_messages set status = 'sent', sent_at = ${now} where id = ${messageId}`);
}
