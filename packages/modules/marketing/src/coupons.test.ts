// Coupons in marketing's own use cases, with real numbers: ¥50 off over ¥300 on a ¥899/month
// plan's first payment, 10 % capped at ¥80, first order only, stacking, validity at the Shanghai day
// edge, per-customer limit, use and return, and the last unit of stock redeemed concurrently.
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import type { StaffPrincipal } from '@zulin/identity';
import { FixedClock, isAppError, today } from '@zulin/kernel';
import { expect, test } from 'vitest';
import type { CouponBases } from './coupon-discount';
import { type CouponTemplateInput, loadTemplate } from './coupon-templates';
import { createCouponTemplate } from './create-coupon-template';
import { listMyCoupons } from './customer-coupons';
import { disableCouponTemplate } from './disable-coupon-template';
import { grantCoupon } from './grant-coupon';
import { priceCoupons } from './price-coupons';
import { redeemCoupon } from './redeem-coupon';
import { returnCoupons } from './return-coupons';
import { useCoupons } from './use-coupons';

const staff: StaffPrincipal = {
  kind: 'staff',
  staffId: 'stf_marketing_test',
  username: 'mkt',
  role: 'marketing',
  permissions: new Set(['marketing.write']),
};
/** A ¥899/month plan, one month up front, no add-ons: the first payment is ¥899.00. */
const plan899: CouponBases = {
  rentMinor: 89_900,
  firstPaymentMinor: 89_900,
  rentPerPeriodMinor: 89_900,
  termUnit: 'month',
};
const base: Omit<CouponTemplateInput, 'name' | 'kind' | 'code'> = {
  amountMinor: 0,
  percentBps: 0,
  freeDays: 0,
  thresholdMinor: 0,
  capMinor: null,
  target: 'first_payment',
  validFromDate: '2026-03-01',
  validToDate: '2026-03-31',
  firstOrderOnly: false,
  perCustomerLimit: 1,
  totalStock: null,
  stackable: false,
};
let seq = 0;
const code = (prefix: string) => `${prefix}${++seq}${Math.floor(Math.random() * 1e6)}`;
const codeOf = (e: unknown) => (isAppError(e) ? e.code : e);

describeDb('marketing: coupons', (get) => {
  const clock = new FixedClock(new Date('2026-03-10T02:00:00Z'));
  const deps = { clock };
  const day = '2026-03-10';
  const run = <T>(fn: (tx: Parameters<Parameters<typeof transaction>[1]>[0]) => Promise<T>) =>
    transaction(get().database, fn);
  const make = (input: Partial<CouponTemplateInput> & Pick<CouponTemplateInput, 'name' | 'kind'>) =>
    run((tx) => createCouponTemplate(tx, deps, { staff, input: { ...base, code: code('T'), ...input } }));
  const redeem = (customerId: string, c: string, on = day) =>
    run((tx) => redeemCoupon(tx, deps, { customerId, code: c, today: on }));
  const price = (
    customerId: string,
    codes: string[],
    options: { firstOrder?: boolean; on?: string; bases?: CouponBases } = {},
  ) =>
    priceCoupons(get().database.db, {
      customerId,
      codes,
      today: options.on ?? day,
      firstOrder: options.firstOrder ?? true,
      bases: options.bases ?? plan899,
    });

  test('¥50 off over ¥300 on a ¥899 first payment; below ¥300 the threshold is not met', async () => {
    const t = await make({ name: '满300减50', kind: 'threshold', amountMinor: 5_000, thresholdMinor: 30_000 });
    const coupon = await redeem('cus_m1', t.code ?? '');
    expect(await price('cus_m1', [coupon.id])).toEqual([
      { code: coupon.id, name: '满300减50', target: 'first_payment', amountMinor: 5_000 },
    ]);
    const small = { ...plan899, rentMinor: 29_999, firstPaymentMinor: 29_999 };
    expect(codeOf(await price('cus_m1', [coupon.id], { bases: small }).catch((e) => e))).toBe(
      'MARKETING_COUPON_THRESHOLD_NOT_MET',
    );
    expect(await price('cus_m1', [coupon.id], { bases: { ...small, firstPaymentMinor: 30_000 } })).toMatchObject([
      { amountMinor: 5_000 },
    ]);
  });

  test('10 % of the rent capped at ¥80: ¥89.90 becomes ¥80.00; on ¥500 it is ¥50.00', async () => {
    const t = await make({ name: '九折', kind: 'percent', percentBps: 1_000, capMinor: 8_000, target: 'rent' });
    const coupon = await redeem('cus_m2', t.code ?? '');
    expect(await price('cus_m2', [coupon.id])).toMatchObject([{ amountMinor: 8_000 }]);
    const cheap = { ...plan899, rentMinor: 50_000, firstPaymentMinor: 50_000 };
    expect(await price('cus_m2', [coupon.id], { bases: cheap })).toMatchObject([{ amountMinor: 5_000 }]);
  });

  test('3 free rent days on ¥899/month: ¥899 × 3 / 30 = ¥89.90', async () => {
    const t = await make({ name: '免租3天', kind: 'free_days', freeDays: 3, target: 'rent' });
    const coupon = await redeem('cus_m3', t.code ?? '');
    expect(await price('cus_m3', [coupon.id])).toMatchObject([{ amountMinor: 8_990 }]);
  });

  test('first order only is refused on a second order; two non-stackable coupons are refused, a stackable one joins', async () => {
    const first = await make({ name: '新人', kind: 'fixed', amountMinor: 1_000, firstOrderOnly: true });
    const other = await make({ name: '立减', kind: 'fixed', amountMinor: 2_000 });
    const stack = await make({ name: '叠加', kind: 'fixed', amountMinor: 500, stackable: true });
    const a = await redeem('cus_m4', first.code ?? '');
    const b = await redeem('cus_m4', other.code ?? '');
    const c = await redeem('cus_m4', stack.code ?? '');
    expect(codeOf(await price('cus_m4', [a.id], { firstOrder: false }).catch((e) => e))).toBe(
      'MARKETING_COUPON_NOT_FIRST_ORDER',
    );
    expect(codeOf(await price('cus_m4', [a.id, b.id]).catch((e) => e))).toBe('MARKETING_COUPON_NOT_STACKABLE');
    expect((await price('cus_m4', [a.id, c.id])).map((p) => p.amountMinor)).toEqual([1_000, 500]);
    // Another customer's coupon does not exist for this one.
    expect(codeOf(await price('cus_other', [a.id]).catch((e) => e))).toBe('MARKETING_COUPON_NOT_FOUND');
  });

  test('valid to 03-31: usable at 23:59:59 in Shanghai, expired one second later (16:00 UTC)', async () => {
    const t = await make({ name: '三月券', kind: 'fixed', amountMinor: 1_000 });
    const coupon = await redeem('cus_m5', t.code ?? '');
    const lastSecond = today(new FixedClock(new Date('2026-03-31T15:59:59Z')), 'Asia/Shanghai');
    const nextDay = today(new FixedClock(new Date('2026-03-31T16:00:00Z')), 'Asia/Shanghai');
    expect(lastSecond).toBe('2026-03-31');
    expect(await price('cus_m5', [coupon.id], { on: lastSecond })).toMatchObject([{ amountMinor: 1_000 }]);
    expect(codeOf(await price('cus_m5', [coupon.id], { on: nextDay }).catch((e) => e))).toBe(
      'MARKETING_COUPON_EXPIRED',
    );
    const listed = await listMyCoupons(get().database.db, { customerId: 'cus_m5', today: nextDay });
    expect(listed.map((m) => [m.state, m.reason])).toEqual([['expired', 'expired']]);
    // An expired code cannot be redeemed either.
    expect(codeOf(await redeem('cus_m5b', t.code ?? '', nextDay).catch((e) => e))).toBe('MARKETING_COUPON_EXPIRED');
  });

  test('used by an order, returned when it is cancelled; a disabled template’s coupons cannot be used', async () => {
    const t = await make({ name: '立减10', kind: 'fixed', amountMinor: 1_000 });
    const coupon = await redeem('cus_m6', t.code ?? '');
    await run((tx) => useCoupons(tx, clock.now(), { customerId: 'cus_m6', orderId: 'rord_x', codes: [coupon.id] }));
    expect(codeOf(await price('cus_m6', [coupon.id]).catch((e) => e))).toBe('MARKETING_COUPON_USED');
    expect(await run((tx) => returnCoupons(tx, clock.now(), { orderId: 'rord_x' }))).toBe(1);
    expect(await run((tx) => returnCoupons(tx, clock.now(), { orderId: 'rord_x' }))).toBe(0);
    expect(await price('cus_m6', [coupon.id])).toMatchObject([{ amountMinor: 1_000 }]);
    await run((tx) => disableCouponTemplate(tx, deps, { staff, templateId: t.id }));
    expect(codeOf(await price('cus_m6', [coupon.id]).catch((e) => e))).toBe('MARKETING_COUPON_DISABLED');
  });

  test('per-customer limit: a second redeem is refused and leaves the stock as it was', async () => {
    const t = await make({ name: '限领1张', kind: 'fixed', amountMinor: 1_000, totalStock: 5 });
    await redeem('cus_m7', t.code ?? '');
    expect(codeOf(await redeem('cus_m7', t.code ?? '').catch((e) => e))).toBe('MARKETING_COUPON_LIMIT_REACHED');
    expect((await loadTemplate(get().database.db, t.id)).issuedCount).toBe(1);
    expect(codeOf(await redeem('cus_m7', 'NOSUCHCODE').catch((e) => e))).toBe('MARKETING_COUPON_NOT_FOUND');
  });

  test('staff grant only to a customer who exists: an unknown id is refused and takes no stock', async () => {
    const t = await make({ name: '客服补偿券', kind: 'fixed', amountMinor: 2_000, totalStock: 3 });
    const refused = await run((tx) =>
      grantCoupon(tx, deps, { staff, templateId: t.id, customerId: 'cus_nobody', today: day }),
    ).catch((e) => e);
    expect(codeOf(refused)).toBe('MARKETING_CUSTOMER_NOT_FOUND');
    expect(refused.errors).toEqual([expect.objectContaining({ path: '/body/customerId' })]);
    expect((await loadTemplate(get().database.db, t.id)).issuedCount).toBe(0);
  });

  test('the last unit of stock redeemed by two customers at once: one success, one out of stock', async () => {
    const t = await make({ name: '最后一张', kind: 'fixed', amountMinor: 1_000, totalStock: 1 });
    const results = await Promise.allSettled([redeem('cus_m8a', t.code ?? ''), redeem('cus_m8b', t.code ?? '')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(codeOf(refused?.status === 'rejected' ? refused.reason : null)).toBe('MARKETING_COUPON_OUT_OF_STOCK');
  });

  test('a bad template is refused naming every bad field', async () => {
    const refused = await make({
      name: ' ',
      kind: 'threshold',
      amountMinor: 5_000,
      thresholdMinor: 1_000,
      validToDate: '2026-02-01',
      code: 'x',
    }).catch((e) => e);
    expect(codeOf(refused)).toBe('MARKETING_COUPON_TEMPLATE_INVALID');
    expect(refused.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/body/code',
      '/body/name',
      '/body/thresholdMinor',
      '/body/validToDate',
    ]);
  });
});
