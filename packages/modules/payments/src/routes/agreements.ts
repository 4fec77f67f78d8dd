// Auto-debit agreements, the payer's side (docs/payments.md "Auto-debit agreements"): ask for one —
// the answer carries the channel's sign page — and learn whether it was signed (the channel is asked,
// outside any transaction, and the state recorded). Before these routes nothing in the product could
// make an agreement, so rent was never auto-debited outside the module tests.
import { customerIdOf, staffOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin, runCommand } from '@zulin/platform';
import { Type } from 'typebox';
import type { AgreementChannelClient } from '../agreement-clients';
import { getAgreement, listCustomerAgreements, lockAgreement } from '../agreements';
import { AgreementSchema, presentAgreement, presentStaffAgreement, StaffAgreementSchema } from '../api-schemas';
import { agreementChannelClient } from '../channel-client-of';
import { PaymentsErrors } from '../errors';
import { askAgreementState, recordAgreementAnswer } from '../refresh-agreement';
import { openSignPage, requestCustomerAgreement } from '../request-agreement';
import { checkUnsignRetry, recordUnsignRetry } from '../retry-unsign-now';
import {
  askUnsign,
  recordUnsignAttemptFailed,
  recordUnsigned,
  recordUnsignRequested,
  unsignNeedsChannel,
} from '../unsign-agreement';

const tags = ['payments'];

export const agreementRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.addSchema(AgreementSchema);
  app.addSchema(StaffAgreementSchema);
  // The client of the agreement's own channel (Alipay cycle pay or WeChat entrusted debit).
  const deps = async (channel: AgreementChannelClient['name']) => ({
    clock: ctx.clock,
    client: await agreementChannelClient(ctx, channel),
  });

  app.post(
    '/v1/payments/agreements',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary:
          'Ask for an auto-debit agreement at the chosen channel (Alipay cycle pay, the default, or WeChat entrusted debit): the answer carries the sign page; one still being signed is answered again; 409 PAYMENTS_AGREEMENT_EXISTS while one is in force; 503 PAYMENTS_CHANNEL_UNAVAILABLE when the channel gave no sign page (ask again)',
        body: Type.Object(
          {
            channel: Type.Optional(
              Type.Unsafe<'alipay' | 'wechatpay'>(Type.Union([Type.Literal('alipay'), Type.Literal('wechatpay')])),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('PaymentAgreement') },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      const agreementDeps = await deps(request.body.channel ?? 'alipay');
      // Recorded first; the sign page is asked of the channel outside any transaction (WeChat's is
      // the answer of a call), then answered as one command.
      const requested = await runCommand(ctx.database, (tx) => requestCustomerAgreement(tx, agreementDeps, customerId));
      const opened = await openSignPage(ctx.database, agreementDeps, requested);
      return command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentAgreement(await lockAgreement(tx, opened.id)),
      );
    },
  );

  app.get(
    '/v1/payments/agreements',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'My auto-debit agreements, newest first (the live one — being signed or in force — among them)',
        response: { 200: Type.Object({ data: Type.Array(Ref('PaymentAgreement')) }) },
      },
    },
    async (request) => ({
      data: (await listCustomerAgreements(ctx.database.db, customerIdOf(request))).map(presentAgreement),
    }),
  );

  app.get(
    '/v1/admin/payments/agreements',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags,
        summary:
          'A customer’s auto-debit agreements, newest first, with where a requested unsign stands (asked at, failed attempts, the last error, the alert)',
        querystring: Type.Object(
          { customerId: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ data: Type.Array(Ref('StaffPaymentAgreement')) }) },
      },
    },
    async (request) => ({
      data: (await listCustomerAgreements(ctx.database.db, request.query.customerId)).map(presentStaffAgreement),
    }),
  );

  app.post(
    '/v1/payments/agreements/:id/unsign',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary:
          'End my auto-debit agreement: the channel is asked to unsign it and no charge is made under it afterwards; when the channel does not answer, 503 PAYMENTS_CHANNEL_UNAVAILABLE with the request recorded (nothing is charged, and the channel is asked again until it confirms)',
        params: IdParams,
        response: { 200: Ref('PaymentAgreement') },
      },
    },
    async (request, reply) => {
      const found = await getAgreement(ctx.database.db, request.params.id);
      if (found.customerId !== customerIdOf(request)) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_FOUND();
      const agreementDeps = await deps(found.channel);
      // The request is recorded first, so that a channel timeout or 5xx cannot lose it; the channel
      // is asked outside any transaction; the end is recorded as one command.
      if (unsignNeedsChannel(found)) {
        await runCommand(ctx.database, (tx) => recordUnsignRequested(tx, agreementDeps, found.id));
      }
      await askUnsign(agreementDeps, found, (reason) =>
        runCommand(ctx.database, (tx) => recordUnsignAttemptFailed(tx, agreementDeps, found.id, reason)),
      );
      return command(ctx, request, reply, {}, async (tx) =>
        presentAgreement(await recordUnsigned(tx, agreementDeps, found.id)),
      );
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
    async (request, reply) => {
      const found = await getAgreement(ctx.database.db, request.params.id);
      if (found.customerId !== customerIdOf(request)) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_FOUND();
      // The channel is asked outside any transaction; its answer is recorded as one command, with
      // the Idempotency-Key's answer in the same transaction.
      const agreementDeps = await deps(found.channel);
      const answer = await askAgreementState(agreementDeps, found);
      return command(ctx, request, reply, {}, async (tx) =>
        presentAgreement(await recordAgreementAnswer(tx, agreementDeps, found.id, answer)),
      );
    },
  );

  app.post(
    '/v1/admin/payments/agreements/:id/retry-unsign',
    {
      config: { auth: { permission: 'payments.refund' } },
      schema: {
        tags,
        summary:
          'Ask the channel again, now, to end an agreement whose unsign the customer asked for and the channel has not confirmed (the stuck-unsign alert’s action; audited as payments.unsign_retried): a confirmation ends it and resolves the alert; when the channel does not answer, 503 PAYMENTS_CHANNEL_UNAVAILABLE with the failed attempt counted; 409 PAYMENTS_AGREEMENT_UNSIGN_NOT_REQUESTED when no unsign is waiting',
        params: IdParams,
        response: { 200: Ref('StaffPaymentAgreement') },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const found = await checkUnsignRetry(ctx.database.db, request.params.id);
      const agreementDeps = await deps(found.channel);
      // The channel is asked outside any transaction; a failed ask is recorded (and audited) on its
      // own before the 503, the confirmation as one command.
      await askUnsign(agreementDeps, found, (reason) =>
        runCommand(ctx.database, (tx) =>
          recordUnsignRetry(tx, agreementDeps, { agreementId: found.id, staff, outcome: 'failed', reason }),
        ),
      );
      return command(ctx, request, reply, {}, async (tx) =>
        presentStaffAgreement(
          await recordUnsignRetry(tx, agreementDeps, { agreementId: found.id, staff, outcome: 'confirmed' }),
        ),
      );
    },
  );
};
