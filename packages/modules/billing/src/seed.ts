// Demo bills (sandbox only): one charge due soon for 小张 and one overdue for 小李, so the bill pages
// and paying from the wallet can be tried at once. Running it again changes nothing.
import { queryRows, transaction } from '@zulin/db';
import { findCustomerIdByPhone } from '@zulin/identity';
import { addDays, today } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { issueBill, type NewBillLine } from './issue-bill';

const demoBills: { phone: string; sourceId: string; title: string; dueInDays: number; lines: NewBillLine[] }[] = [
  {
    phone: '+8613800138000',
    sourceId: 'demo-accessories',
    title: '配件费：手机壳与钢化膜',
    dueInDays: 5,
    lines: [
      { kind: 'fee', description: '手机壳', amountMinor: 3_900 },
      { kind: 'fee', description: '钢化膜', amountMinor: 2_000 },
    ],
  },
  {
    phone: '+8613900139000',
    sourceId: 'demo-screen-scratch',
    title: '屏幕划痕维修费',
    dueInDays: -3,
    lines: [
      { kind: 'damage', description: '屏幕划痕维修', amountMinor: 18_000 },
      { kind: 'penalty', description: '逾期违约金（3 天）', amountMinor: 540 },
    ],
  },
];

export async function seedBilling(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const deps = { clock: ctx.clock, timeZone: ctx.config.timeZone };
  let created = 0;
  for (const demo of demoBills) {
    const exists = await queryRows(
      ctx.database.db,
      sql`select 1 from billing_bills where source_type = 'manual' and source_id = ${demo.sourceId}`,
    );
    if (exists.length > 0) continue;
    const customerId = await findCustomerIdByPhone(ctx.database.db, ctx.config.masterKey, demo.phone);
    if (!customerId) continue;
    await transaction(ctx.database, (tx) =>
      issueBill(tx, deps, {
        customerId,
        sourceType: 'manual',
        sourceId: demo.sourceId,
        period: 0,
        title: demo.title,
        dueDate: addDays(today(ctx.clock, ctx.config.timeZone), demo.dueInDays),
        lines: demo.lines,
        issuedBy: 'seed',
      }),
    );
    created++;
  }
  return { created };
}
