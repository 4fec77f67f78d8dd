// Demo data (sandbox only): one staff account per role with a known password and TOTP secret,
// and a few customers. Running it again changes nothing.
import { queryRows, transaction } from '@zulin/db';
import { newId } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { recordAudits } from './audit';
import { findCustomerIdByPhone, findOrCreateCustomer } from './customers';
import { makeIdNumber } from './id-number';
import { hashPassword } from './passwords';
import { roles } from './permissions';
import { blindIndex, encryptPii } from './pii';

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
  {
    phone: '+8613500135000',
    nickname: '小赵',
    identity: { name: '赵六', idNumber: makeIdNumber('440106', '19920815', '720') },
  },
  // Rental's demo orders in the states the first four do not hold (returns graded with a charge, a
  // dispute, a return on its way back, a rejected application; delivered, renewed, under review).
  {
    phone: '+8613200132000',
    nickname: '小孙',
    identity: { name: '孙七', idNumber: makeIdNumber('330106', '19880512', '135') },
  },
  {
    phone: '+8613300133000',
    nickname: '小周',
    identity: { name: '周八', idNumber: makeIdNumber('320102', '19930921', '357') },
  },
] as const;

export async function seedIdentity(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const { masterKey } = ctx.config;
  let created = await seedDemoStaff(ctx);
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

/** The demo staff's display names: people's names in a Chinese business are Chinese. */
const demoStaffNames: Record<(typeof roles)[number], string> = {
  admin: '演示·管理员',
  operator: '演示·运营',
  risk_reviewer: '演示·风控审核',
  warehouse: '演示·仓储',
  finance: '演示·财务',
  collector: '演示·催收',
  support: '演示·客服',
  marketing: '演示·营销',
  auditor: '演示·审计',
};

/**
 * One staff account per role, in one statement. The demo accounts share one password, so it is
 * hashed once (scrypt is slow on purpose) and the accounts share its salt: demo data only.
 */
async function seedDemoStaff(ctx: AppContext): Promise<number> {
  const existing = await queryRows<{ username: string }>(
    ctx.database.db,
    sql`select username from identity_staff where username in (${sql.join(
      roles.map((role) => sql`${role}`),
      sql`, `,
    )})`,
  );
  const missing = roles.filter((role) => !existing.some((row) => row.username === role));
  if (missing.length === 0) return 0;
  const passwordHash = await hashPassword(demoStaffPassword);
  return transaction(ctx.database, async (tx) => {
    const now = ctx.clock.now();
    const totpSecretEnc = await encryptPii(tx, ctx.config.masterKey, demoTotpSecret);
    const rows = missing.map(
      (role) =>
        sql`(${newId('stf', ctx.clock)}, ${role}, ${demoStaffNames[role]}, ${role}, ${passwordHash}, ${totpSecretEnc}, ${now}, ${now})`,
    );
    const inserted = await queryRows<{ id: string; username: string; role: string }>(
      tx,
      sql`insert into identity_staff (id, username, display_name, role, password_hash, totp_secret_enc, created_at, updated_at)
          values ${sql.join(rows, sql`, `)}
          on conflict (username) do nothing
          returning id, username, role`,
    );
    await recordAudits(
      tx,
      inserted.map((row) => ({
        actor: { kind: 'system' as const },
        action: 'staff.created',
        targetType: 'staff',
        targetId: row.id,
        detail: { username: row.username, role: row.role },
        at: now,
      })),
    );
    return inserted.length;
  });
}
