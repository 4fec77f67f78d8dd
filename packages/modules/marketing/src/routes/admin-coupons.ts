// The console's coupons (优惠券): templates listed, previewed, created and disabled, and a coupon
// granted to a customer.
import { staffOf } from '@zulin/identity';
import { today } from '@zulin/kernel';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { type Static, Type } from 'typebox';
import { CouponTemplateBody, ExampleBases, GrantBody, presentIssued, presentTemplate } from '../api-schemas';
import { couponDiscountMinor, meetsThreshold } from '../coupon-discount';
import { type CouponTemplateInput, checkTemplateInput, listTemplates, loadTemplate } from '../coupon-templates';
import { createCouponTemplate } from '../create-coupon-template';
import { disableCouponTemplate } from '../disable-coupon-template';
import { grantCoupon } from '../grant-coupon';

type Body = Static<typeof CouponTemplateBody>;

function inputOf(body: Body): CouponTemplateInput {
  return {
    name: body.name,
    kind: body.kind,
    amountMinor: body.amountMinor ?? 0,
    percentBps: body.percentBps ?? 0,
    freeDays: body.freeDays ?? 0,
    thresholdMinor: body.thresholdMinor ?? 0,
    capMinor: body.capMinor ?? null,
    target: body.target,
    validFromDate: body.validFromDate,
    validToDate: body.validToDate,
    firstOrderOnly: body.firstOrderOnly ?? false,
    perCustomerLimit: body.perCustomerLimit ?? 1,
    totalStock: body.totalStock ?? null,
    stackable: body.stackable ?? false,
    code: body.code ?? null,
  };
}

export const adminCouponRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = { clock: ctx.clock };

  app.get(
    '/v1/admin/coupons',
    {
      config: { auth: { permission: 'marketing.read' } },
      schema: {
        tags: ['coupons'],
        summary: 'Coupon templates, newest first',
        response: { 200: Type.Object({ data: Type.Array(Ref('CouponTemplate')) }) },
      },
    },
    async () => ({ data: (await listTemplates(ctx.database.db)).map(presentTemplate) }),
  );

  app.post(
    '/v1/admin/coupons/preview',
    {
      config: { auth: { permission: 'marketing.read' }, effects: 'none' },
      schema: {
        tags: ['coupons'],
        summary: 'What a template would take off an example checkout, before it is saved',
        body: Type.Object({ template: CouponTemplateBody, example: ExampleBases }, { additionalProperties: false }),
        response: { 200: Type.Object({ discountMinor: Type.Integer(), thresholdMet: Type.Boolean() }) },
      },
    },
    async (request) => {
      const input = checkTemplateInput(inputOf(request.body.template));
      const bases = request.body.example;
      return { discountMinor: couponDiscountMinor(input, bases), thresholdMet: meetsThreshold(input, bases) };
    },
  );

  app.post(
    '/v1/admin/coupons',
    {
      config: { auth: { permission: 'marketing.write' } },
      schema: {
        tags: ['coupons'],
        summary: 'Create a coupon template',
        body: CouponTemplateBody,
        response: { 201: Ref('CouponTemplate') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentTemplate(
          await createCouponTemplate(tx, deps, { staff: staffOf(request), input: inputOf(request.body) }),
        ),
      ),
  );

  app.post(
    '/v1/admin/coupons/:id/disable',
    {
      config: { auth: { permission: 'marketing.write' } },
      schema: {
        tags: ['coupons'],
        summary: 'Disable a coupon template: no more are issued, and its unused coupons can no longer be used',
        params: IdParams,
        response: { 200: Ref('CouponTemplate') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentTemplate(
          await disableCouponTemplate(tx, deps, { staff: staffOf(request), templateId: request.params.id }),
        ),
      ),
  );

  app.post(
    '/v1/admin/coupons/:id/grant',
    {
      config: { auth: { permission: 'marketing.write' } },
      schema: {
        tags: ['coupons'],
        summary: 'Grant a coupon of this template to a customer',
        params: IdParams,
        body: GrantBody,
        response: { 201: Ref('CustomerCoupon') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const day = today(ctx.clock, ctx.config.timeZone);
        const coupon = await grantCoupon(tx, deps, {
          staff: staffOf(request),
          templateId: request.params.id,
          customerId: request.body.customerId,
          today: day,
        });
        return presentIssued(coupon, await loadTemplate(tx, coupon.templateId), day);
      }),
  );
};
