// Demo data (sandbox only): one staff account per role with a known password and TOTP secret,
// and a few customers. Running it again changes nothing.
import { queryRows, transaction } from '@zulin/db';
import type { AppContext } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { findCustomerIdByPhone, findOrCreateCustomer } from './customers';
import { makeIdNumber } from './id-number';
import { roles } from './permissions';
import { blindIndex, encryptPii } from './pii';
import { createStaff } from './staff';

export const demoStaffPassword = 'zulin-demo-2026';
/** Fixed so that a demo authenticator (or `npx otplib`) can be set up once from docs/identity.md. */
export const demoTotpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const demoCustomers = [
  {
    phone: '+8613800138000',
    nickname: '小张',
    identity: { name: '张三丰', idNumber: makeIdNumber('110105', '19900307', '123') },
  },
  {
    phone: '+8613900139000',
    nickname: '小李',
    identity: { name: '李四', idNumber: makeIdNumber('310101', '19951120', '246') },
  },
  { phone: '+8613700137000', nickname: null, identity: null },
] as const;

export async function seedIdentity(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const { masterKey } = ctx.config;
  let created = 0;
  for (const role of roles) {
    const exists = await queryRows(ctx.database.db, sql`select 1 from identity_staff where username = ${role}`);
    if (exists.length > 0) continue;
    await createStaff(
      ctx.database,
      { masterKey, clock: ctx.clock, actor: { kind: 'system' } },
      { username: role, role, password: demoStaffPassword, displayName: `Demo ${role}`, totpSecret: demoTotpSecret },
    );
    created++;
  }
  for (const demo of demoCustomers) {
    if ((await findCustomerIdByPhone(ctx.database.db, masterKey, demo.phone)) !== null) continue;
    await transaction(ctx.database, async (tx) => {
      const { customerId } = await findOrCreateCustomer(tx, masterKey, ctx.clock, demo.phone);
      const now = ctx.clock.now();
      await tx.execute(sql`update identity_customers set nickname = ${demo.nickname} where id = ${customerId}`);
      if (demo.identity) {
        await tx.execute(sql`update identity_customers set identity_status = 'verified',
            real_name_enc = ${await encryptPii(tx, masterKey, demo.identity.name)},
            id_number_enc = ${await encryptPii(tx, masterKey, demo.identity.idNumber)},
            id_number_bidx = ${blindIndex(masterKey, 'id_number', demo.identity.idNumber)},
            verified_at = ${now} where id = ${customerId}`);
      }
    });
    created++;
  }
  return { created };
}
