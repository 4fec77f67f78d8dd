// A customer as the customer (and staff) see it: personal data masked.
import { type Executor, queryRows } from '@zulin/db';
import { KernelErrors } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { maskIdNumber, maskName, maskPhone } from './mask';
import { decryptPii, decryptPiiOrNull } from './pii';

export type Tier = 'normal' | 'silver' | 'gold' | 'platinum';
export type IdentityStatus = 'unverified' | 'verified' | 'failed';

export interface CustomerProfile {
  id: string;
  phoneMasked: string;
  nickname: string | null;
  locale: 'zh-CN' | 'en';
  tier: Tier;
  status: 'active' | 'disabled';
  identity: {
    status: IdentityStatus;
    nameMasked: string | null;
    idNumberMasked: string | null;
    verifiedAt: string | null;
  };
  createdAt: string;
}

export interface CustomerRow {
  id: string;
  phone_enc: string;
  nickname: string | null;
  locale: 'zh-CN' | 'en';
  tier: Tier;
  status: 'active' | 'disabled';
  identity_status: IdentityStatus;
  real_name_enc: string | null;
  id_number_enc: string | null;
  verified_at: Date | string | null;
  created_at: Date | string;
}

export const customerColumns = sql.raw(
  'id, phone_enc, nickname, locale, tier, status, identity_status, real_name_enc, id_number_enc, verified_at, created_at',
);

export async function toProfile(db: Executor, masterKey: Buffer, row: CustomerRow): Promise<CustomerProfile> {
  const name = await decryptPiiOrNull(db, masterKey, row.real_name_enc);
  const idNumber = await decryptPiiOrNull(db, masterKey, row.id_number_enc);
  return {
    id: row.id,
    phoneMasked: maskPhone(await decryptPii(db, masterKey, row.phone_enc)),
    nickname: row.nickname,
    locale: row.locale,
    tier: row.tier,
    status: row.status,
    identity: {
      status: row.identity_status,
      nameMasked: name === null ? null : maskName(name),
      idNumberMasked: idNumber === null ? null : maskIdNumber(idNumber),
      verifiedAt: row.verified_at === null ? null : new Date(row.verified_at).toISOString(),
    },
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function getCustomerProfile(
  db: Executor,
  masterKey: Buffer,
  customerId: string,
): Promise<CustomerProfile> {
  const rows = await queryRows<CustomerRow>(
    db,
    sql`select ${customerColumns} from identity_customers where id = ${customerId}`,
  );
  const row = rows[0];
  if (row === undefined) throw KernelErrors.NOT_FOUND({ detail: 'No such customer.' });
  return toProfile(db, masterKey, row);
}

/** Clear identity of a customer, for other modules' internal use (contracts, risk); never send it to a client unaudited. */
export async function customerIdentity(
  db: Executor,
  masterKey: Buffer,
  customerId: string,
): Promise<{
  phone: string;
  realName: string | null;
  idNumber: string | null;
  status: IdentityStatus;
  tier: Tier;
} | null> {
  const rows = await queryRows<CustomerRow>(
    db,
    sql`select ${customerColumns} from identity_customers where id = ${customerId}`,
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    phone: await decryptPii(db, masterKey, row.phone_enc),
    realName: await decryptPiiOrNull(db, masterKey, row.real_name_enc),
    idNumber: await decryptPiiOrNull(db, masterKey, row.id_number_enc),
    status: row.identity_status,
    tier: row.tier,
  };
}
