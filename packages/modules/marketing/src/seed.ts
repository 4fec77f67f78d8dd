// Demo coupons (sandbox only): three templates — WELCOME50 (¥50 off a first payment of ¥300 or
// more, first order only), RENT10 (10 % off the rent, at most ¥80, stackable) and a staff-granted
// 3 free rent days — valid from today for a year. One insert; running it again changes nothing.
import { addDays, today } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { couponTemplates } from './schema';

export async function seedMarketing(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const now = ctx.clock.now();
  const from = today(ctx.clock, ctx.config.timeZone);
  const to = addDays(from, 365);
  const common = {
    percentBps: 0,
    freeDays: 0,
    thresholdMinor: 0,
    capMinor: null,
    validFromDate: from,
    validToDate: to,
    firstOrderOnly: false,
    perCustomerLimit: 1,
    totalStock: null,
    issuedCount: 0,
    stackable: false,
    status: 'active' as const,
    createdBy: 'system:seed',
    createdAt: now,
    updatedAt: now,
  };
  const inserted = await ctx.database.db
    .insert(couponTemplates)
    .values([
      {
        ...common,
        id: 'cpt_demo_welcome50',
        name: '新人满300减50',
        kind: 'threshold',
        amountMinor: 5_000,
        thresholdMinor: 30_000,
        target: 'first_payment',
        firstOrderOnly: true,
        totalStock: 10_000,
        code: 'WELCOME50',
      },
      {
        ...common,
        id: 'cpt_demo_rent10',
        name: '租金9折（最高减80）',
        kind: 'percent',
        amountMinor: 0,
        percentBps: 1_000,
        capMinor: 8_000,
        target: 'rent',
        stackable: true,
        code: 'RENT10',
      },
      {
        ...common,
        id: 'cpt_demo_free3',
        name: '免租3天',
        kind: 'free_days',
        amountMinor: 0,
        freeDays: 3,
        target: 'rent',
        code: null,
      },
    ])
    .onConflictDoNothing()
    .returning({ id: couponTemplates.id });
  return { created: inserted.length };
}
