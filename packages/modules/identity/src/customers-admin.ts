// Customers as staff see them: search (masked); the audited reveal of clear personal data is reveal-customer.ts.
import { type Executor, queryRows } from '@zulin/db';
import { decodeCursor, type Page, pageLimit, toPage } from '@zulin/kernel';
import { type SQL, sql } from 'drizzle-orm';
import { checkIdNumber } from './id-number';
import { parsePhone } from './phone';
import { blindIndex } from './pii';
import { type CustomerProfile, type CustomerRow, customerColumns, toProfile } from './profile';

export interface CustomerSearch {
  phone?: string | undefined;
  /** A phone number, an ID number (exact, by blind index), a customer id, or part of a nickname. */
  q?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

function searchCondition(masterKey: Buffer, search: CustomerSearch): SQL {
  if (search.phone)
    return sql`phone_bidx = ${blindIndex(masterKey, 'phone', parsePhone(search.phone, '/query/phone'))}`;
  const q = search.q?.trim();
  if (!q) return sql`true`;
  if (/^(\+?86)?1[3-9][0-9]{9}$/.test(q.replace(/[\s-]/g, ''))) {
    return sql`phone_bidx = ${blindIndex(masterKey, 'phone', parsePhone(q, '/query/q'))}`;
  }
  const id = checkIdNumber(q);
  if (id.ok) return sql`id_number_bidx = ${blindIndex(masterKey, 'id_number', id.idNumber)}`;
  if (q.startsWith('cus_')) return sql`id = ${q}`;
  return sql`nickname ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
}

export async function searchCustomers(
  db: Executor,
  masterKey: Buffer,
  search: CustomerSearch,
): Promise<Page<CustomerProfile>> {
  const limit = pageLimit(search.limit);
  const before = search.cursor ? String(decodeCursor(search.cursor)[0]) : null;
  const rows = await queryRows<CustomerRow>(
    db,
    sql`select ${customerColumns} from identity_customers
        where ${searchCondition(masterKey, search)} ${before ? sql`and id < ${before}` : sql``}
        order by id desc limit ${limit + 1}`,
  );
  const page = toPage(rows, limit, (row) => [row.id]);
  const data: CustomerProfile[] = [];
  for (const row of page.data) data.push(await toProfile(db, masterKey, row));
  return { data, nextCursor: page.nextCursor };
}
