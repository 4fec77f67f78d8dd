// A customer's coupons (API.md): GET /v1/coupons (mine, with their state) and
// POST /v1/coupons/redeem (a code → one coupon).
import { customerIdOf } from '@zulin/identity';
import { today } from '@zulin/kernel';
import { command, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentIssued, presentMyCoupon } from '../api-schemas';
import { loadTemplate } from '../coupon-templates';
import { listMyCoupons } from '../customer-coupons';
import { MarketingLimits } from '../limits';
import { redeemCoupon } from '../redeem-coupon';

export const customerCouponRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = { clock: ctx.clock };
  const businessDay = () => today(ctx.clock, ctx.config.timeZone);

  app.get(
    '/v1/coupons',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['coupons'],
        summary: 'My coupons, newest first, each with its state and why it cannot be used',
        response: { 200: Type.Object({ data: Type.Array(Ref('CustomerCoupon')) }) },
      },
    },
    async (request) => {
      const mine = await listMyCoupons(ctx.database.db, { customerId: customerIdOf(request), today: businessDay() });
      return { data: mine.map(presentMyCoupon) };
    },
  );

  app.post(
    '/v1/coupons/redeem',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['coupons'],
        summary: 'Redeem a coupon code: one coupon of its template, within its stock and per-customer limit',
        body: Type.Object(
          { code: Type.String({ minLength: 1, maxLength: MarketingLimits.codeLengthMax }) },
          { additionalProperties: false },
        ),
        response: { 201: Ref('CustomerCoupon') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const day = businessDay();
        const coupon = await redeemCoupon(tx, deps, {
          customerId: customerIdOf(request),
          code: request.body.code,
          today: day,
        });
        return presentIssued(coupon, await loadTemplate(tx, coupon.templateId), day);
      }),
  );
};
