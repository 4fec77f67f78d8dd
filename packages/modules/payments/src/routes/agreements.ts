// Auto-debit agreements, the payer's side (docs/payments.md "Auto-debit agreements"): ask for one —
// the answer carries the channel's sign page — and learn whether it was signed (the channel is asked,
// outside any transaction, and the state recorded). Before these routes nothing in the product could
// make an agreement, so rent was never auto-debited outside the module tests.
import { customerIdOf } from '@zulin/identity';
import { newId } from '@zulin/kernel';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { and, desc, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { type Agreement, getAgreement } from '../agreements';
import { agreementChannelClient } from '../channel-client-of';
import { PaymentsErrors } from '../errors';
import { PaymentsLimits } from '../limits';
import { refreshAgreement } from '../refresh-agreement';
import { requestAgreement } from '../request-agreement';
import { agreementStates, paymentsAgreements } from '../schema';

const tags = ['payments'];

const AgreementSchema = Type.Object(
  {
    id: Type.String(),
    channel: Type.String(),
    state: Type.Union(agreementStates.map((s) => Type.Literal(s))),
    perChargeMaxMinor: Type.Integer({ description: 'the largest single charge the payer allowed, in 分' }),
    periodDays: Type.Integer(),
    signUrl: Type.Union([Type.String(), Type.Null()], { description: 'the channel’s sign page while signing' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'PaymentAgreement' },
);

function present(a: Agreement) {
  return {
    id: a.id,
    channel: a.channel,
    state: a.state,
    perChargeMaxMinor: a.perChargeMaxMinor,
    periodDays: a.periodDays,
    signUrl: a.state === 'signing' ? a.signUrl : null,
    createdAt: a.createdAt.toISOString(),
  };
}

export const agreementRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.addSchema(AgreementSchema);
  const deps = async () => ({ clock: ctx.clock, client: await agreementChannelClient(ctx, 'alipay') });

  app.post(
    '/v1/payments/agreements',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary:
          'Ask for an auto-debit agreement (Alipay cycle pay): the answer carries the sign page; one still being signed is answered again',
        body: Type.Object({ channel: Type.Literal('alipay') }, { additionalProperties: false }),
        response: { 201: Ref('PaymentAgreement') },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      const agreementDeps = await deps();
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const [open] = await tx
          .select()
          .from(paymentsAgreements)
          .where(and(eq(paymentsAgreements.customerId, customerId), eq(paymentsAgreements.state, 'signing')))
          .orderBy(desc(paymentsAgreements.createdAt))
          .limit(1);
        if (open) return present(open);
        const outRequestNo = newId('agr', ctx.clock);
        return present(
          await requestAgreement(tx, agreementDeps, {
            customerId,
            outRequestNo,
            perChargeMaxMinor: PaymentsLimits.agreementPerChargeMaxMinor,
            periodDays: PaymentsLimits.agreementPeriodDays,
            reference: outRequestNo,
          }),
        );
      });
    },
  );

  app.post(
    '/v1/payments/agreements/:id/refresh',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'Ask the channel whether my agreement was signed (or since ended) and record it',
        params: IdParams,
        response: { 200: Ref('PaymentAgreement') },
      },
    },
    async (request) => {
      const found = await getAgreement(ctx.database.db, request.params.id);
      if (found.customerId !== customerIdOf(request)) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_FOUND();
      return present(await refreshAgreement(ctx.database, await deps(), found.id));
    },
  );
};
