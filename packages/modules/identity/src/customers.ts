// Customer records: created on first login, found by the blind index of their phone number.
import { type Executor, emitEvent, queryRows } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { blindIndex, encryptPii } from './pii';

export async function findCustomerIdByPhone(db: Executor, masterKey: Buffer, phone: string): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from identity_customers where phone_bidx = ${blindIndex(masterKey, 'phone', phone)}`,
  );
  return rows[0]?.id ?? null;
}

/** The customer with this phone number, created when there is none yet. `phone` is canonical (parsePhone). */
export async function findOrCreateCustomer(
  tx: Executor,
  masterKey: Buffer,
  clock: Clock,
  phone: string,
): Promise<{ customerId: string; created: boolean }> {
  const existing = await findCustomerIdByPhone(tx, masterKey, phone);
  if (existing !== null) return { customerId: existing, created: false };
  const now = clock.now();
  const id = newId('cus', clock);
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`insert into identity_customers (id, phone_enc, phone_bidx, created_at, updated_at)
        values (${id}, ${await encryptPii(tx, masterKey, phone)}, ${blindIndex(masterKey, 'phone', phone)}, ${now}, ${now})
        on conflict (phone_bidx) do nothing returning id`,
  );
  if (inserted.length === 0) {
    // A concurrent first login of the same number won the race; theirs is the customer.
    const winner = await findCustomerIdByPhone(tx, masterKey, phone);
    assert(winner !== null, 'the conflicting customer exists');
    return { customerId: winner, created: false };
  }
  await emitEvent(tx, now, {
    type: 'identity.customer_registered',
    aggregateType: 'customer',
    aggregateId: id,
    payload: { customerId: id },
  });
  return { customerId: id, created: true };
}

export async function customerIsActive(db: Executor, customerId: string): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`select 1 from identity_customers where id = ${customerId} and status = 'active'`,
  );
  return rows.length > 0;
}
