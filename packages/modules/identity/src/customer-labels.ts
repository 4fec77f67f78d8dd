// How staff screens name a customer without revealing them: the masked real name and the masked
// phone ("王*明 138****8000"), for lists and cases that would otherwise show a bare `cus_…` id.
import { type Executor, queryRows } from '@zulin/db';
import { sql } from 'drizzle-orm';
import { maskName, maskPhone } from './mask';
import { decryptPii, decryptPiiOrNull } from './pii';

export interface CustomerLabel {
  nameMasked: string | null;
  phoneMasked: string;
  /** "王*明 138****8000", or the masked phone alone before real-name verification. */
  label: string;
}

/** Labels of the given customers, by id; unknown ids are left out. */
export async function customerLabels(
  db: Executor,
  masterKey: Buffer,
  customerIds: readonly string[],
): Promise<Map<string, CustomerLabel>> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; phone_enc: string; real_name_enc: string | null }>(
    db,
    sql`select id, phone_enc, real_name_enc from identity_customers where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  const labels = new Map<string, CustomerLabel>();
  for (const row of rows) {
    const name = await decryptPiiOrNull(db, masterKey, row.real_name_enc);
    const nameMasked = name === null ? null : maskName(name);
    const phoneMasked = maskPhone(await decryptPii(db, masterKey, row.phone_enc));
    labels.set(row.id, { nameMasked, phoneMasked, label: nameMasked ? `${nameMasked} ${phoneMasked}` : phoneMasked });
  }
  return labels;
}

/**
 * The verified real names of the given customers, in clear, by id (customers without one are left
 * out). Only for a module that shows a reduced form of it and never the name itself: feedback's
 * public thanks list shows the surname and a star (张*).
 */
export async function customerRealNames(
  db: Executor,
  masterKey: Buffer,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(customerIds)];
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const rows = await queryRows<{ id: string; real_name_enc: string }>(
    db,
    sql`select id, real_name_enc from identity_customers
        where real_name_enc is not null and id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
  for (const row of rows) names.set(row.id, await decryptPii(db, masterKey, row.real_name_enc));
  return names;
}
