// Text messages. A use case queues a message (encrypted) in its own transaction; the
// `identity.sms_sender` subscriber hands it to the SMS adapter after commit, so nothing leaves the
// system for a transaction that rolls back. The sandbox adapter sends nothing: its messages are
// read back from the queue by `GET /v1/sandbox/sms`.
import { type Executor, emitEvent, queryRows } from '@zulin/db';
import { type Clock, KernelErrors, newId } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { IdentityErrors } from './errors';
import { IdentityLimits } from './limits';
import { blindIndex, decryptPii, encryptPii } from './pii';

export interface SmsAdapter {
  readonly name: string;
  /** Delivers one message; must be idempotent by `messageId` (the provider's client reference). */
  send(message: { messageId: string; phone: string; text: string }): Promise<void>;
}

export const sandboxSmsAdapter: SmsAdapter = {
  name: 'sandbox',
  async send() {
    // The queue row is the sandbox's record; GET /v1/sandbox/sms reads it.
  },
};

/** Without a configured provider, production refuses to pretend it sent anything. */
export const unconfiguredSmsAdapter: SmsAdapter = {
  name: 'unconfigured',
  async send() {
    throw IdentityErrors.SMS_PROVIDER_UNAVAILABLE();
  },
};

export async function queueSms(
  tx: Executor,
  masterKey: Buffer,
  clock: Clock,
  message: { phone: string; text: string },
): Promise<string> {
  const id = newId('sms', clock);
  const now = clock.now();
  await tx.execute(sql`
    insert into identity_sms_messages (id, phone_bidx, phone_enc, text_enc, created_at)
    values (${id}, ${blindIndex(masterKey, 'phone', message.phone)}, ${await encryptPii(tx, masterKey, message.phone)},
            ${await encryptPii(tx, masterKey, message.text)}, ${now})`);
  await emitEvent(tx, now, { type: 'identity.sms_queued', aggregateType: 'sms', aggregateId: id, payload: { id } });
  return id;
}

/** A customer's phone number, decrypted: for sending them a text, never for showing it. */
async function customerPhone(tx: Executor, masterKey: Buffer, customerId: string): Promise<string> {
  const rows = await queryRows<{ phone_enc: string }>(
    tx,
    sql`select phone_enc from identity_customers where id = ${customerId}`,
  );
  const row = rows[0];
  if (row === undefined) throw KernelErrors.NOT_FOUND({ detail: 'No such customer.' });
  return decryptPii(tx, masterKey, row.phone_enc);
}

/** Sandbox: the texts sent to a signed-in customer's own phone (their step-up codes, say). */
export async function listSandboxSmsOfCustomer(db: Executor, masterKey: Buffer, customerId: string) {
  return listSandboxSms(db, masterKey, await customerPhone(db, masterKey, customerId));
}

/**
 * For other modules (notifications): queues a text to a customer's own phone number, which stays
 * inside this module. Delivered after commit by the `identity.sms_sender` subscriber, like any text.
 */
export async function queueCustomerSms(
  tx: Executor,
  masterKey: Buffer,
  clock: Clock,
  customerId: string,
  text: string,
): Promise<string> {
  return queueSms(tx, masterKey, clock, { phone: await customerPhone(tx, masterKey, customerId), text });
}

export interface SandboxSms {
  phone: string;
  text: string;
  code: string | null;
  sentAt: string;
}

/** The messages sent to a number, newest first (sandbox read-back). */
export async function listSandboxSms(db: Executor, masterKey: Buffer, phone: string): Promise<SandboxSms[]> {
  const rows = await queryRows<{ text_enc: string; created_at: Date | string }>(
    db,
    sql`select text_enc, created_at from identity_sms_messages
        where phone_bidx = ${blindIndex(masterKey, 'phone', phone)}
        order by created_at desc, id desc limit ${IdentityLimits.smsSandboxListMax}`,
  );
  const messages: SandboxSms[] = [];
  for (const row of rows) {
    const text = await decryptPii(db, masterKey, row.text_enc);
    messages.push({
      phone,
      text,
      code: /\b(\d{6})\b/.exec(text)?.[1] ?? null,
      sentAt: new Date(row.created_at).toISOString(),
    });
  }
  return messages;
}
