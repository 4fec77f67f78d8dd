// Money between customers: transfers by phone, and the second factor a large one needs.
import { customerIdOf, parsePhone } from '@zulin/identity';
import { KernelErrors } from '@zulin/kernel';
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { confirmSecondFactor } from '../confirm-second-factor';
import type { WalletDeps } from '../deps';
import { enrollSecondFactor } from '../enroll-second-factor';
import { secondFactorStatus } from '../second-factor';
import { sendToCustomer } from '../send-transfer';
import { type StepUpOperation, sendStepUpSms } from '../sms-step-up';
import { findTransferRecipient } from '../transfer-recipient';
import { customer, Minor, SecondFactorFields, secondFactorProof } from './shared';

export const transferRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: WalletDeps = { clock: ctx.clock, masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone };

  const Recipient = Type.Object({
    nameMasked: Type.Union([Type.String(), Type.Null()], {
      description: "the recipient's masked real name (王*明); null before they verified it",
    }),
    phoneMasked: Type.String({ description: '138****8000' }),
  });

  app.post(
    '/v1/wallet/transfers/recipient',
    {
      // A look-up, not a change; POST so that the phone number stays out of URLs and access logs.
      config: { ...customer, effects: 'none' },
      schema: {
        tags: ['wallet'],
        summary: 'Who a transfer to this phone number would reach: masked name and phone, shown before sending',
        body: Type.Object({ toPhone: Type.String({ maxLength: 20 }) }, { additionalProperties: false }),
        response: { 200: Recipient },
      },
    },
    async (request) => {
      const found = await findTransferRecipient(ctx.database.db, deps, {
        customerId: customerIdOf(request),
        toPhone: parsePhone(request.body.toPhone, '/body/toPhone'),
      });
      return { nameMasked: found.nameMasked, phoneMasked: found.phoneMasked };
    },
  );

  app.post(
    '/v1/wallet/transfers',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Send money to another customer by phone number (second factor from ¥2,000)',
        body: Type.Object(
          {
            toPhone: Type.String({ maxLength: 20 }),
            amountMinor: Minor('amount to send'),
            note: Type.Optional(Type.String({ maxLength: 100 })),
            ...SecondFactorFields,
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            transferId: Type.String(),
            amountMinor: Type.Integer(),
            note: Type.Union([Type.String(), Type.Null()]),
            createdAt: Type.String({ format: 'date-time' }),
            recipient: Recipient,
          }),
        },
      },
    },
    async (request, reply) => {
      const { amountMinor, note } = request.body;
      const toPhone = parsePhone(request.body.toPhone, '/body/toPhone');
      const customerId = customerIdOf(request);
      const secondFactor = await secondFactorProof(ctx.database, deps, customerId, request.body, {
        kind: 'transfer',
        toPhone,
        amountMinor,
      });
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const t = await sendToCustomer(tx, deps, { customerId, toPhone, amountMinor, note, secondFactor });
        const recipient = await findTransferRecipient(tx, deps, { customerId, toPhone });
        return {
          recipient: { nameMasked: recipient.nameMasked, phoneMasked: recipient.phoneMasked },
          id: t.id,
          transferId: t.transferId,
          amountMinor: t.amountMinor,
          note: t.note,
          createdAt: t.createdAt.toISOString(),
        };
      });
    },
  );

  app.get(
    '/v1/wallet/second-factor',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Which second factors I can use: the authenticator (none, pending or active) and SMS',
        response: {
          200: Type.Object({
            totp: Type.Union([Type.Literal('none'), Type.Literal('pending'), Type.Literal('active')]),
            sms: Type.Literal(true, { description: 'an SMS code to the phone of the account is always available' }),
          }),
        },
      },
    },
    async (request) => ({
      totp: await secondFactorStatus(ctx.database.db, customerIdOf(request)),
      sms: true as const,
    }),
  );

  app.post(
    '/v1/wallet/second-factor',
    {
      // The answer holds the authenticator's secret: never stored for an Idempotency-Key replay.
      config: { ...customer, sensitiveResponse: true },
      schema: {
        tags: ['wallet'],
        summary: 'Enroll a TOTP authenticator for large withdrawals and transfers',
        response: {
          201: Type.Object({ secret: Type.String(), otpauthUri: Type.String(), status: Type.Literal('pending') }),
        },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) => enrollSecondFactor(tx, deps, customerIdOf(request))),
  );

  app.post(
    '/v1/wallet/second-factor/sms',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary:
          'Send an SMS step-up code for one withdrawal or transfer (its amount and payee; valid 5 minutes, 5 tries, once)',
        // One object, not a union: the validator strips unknown properties branch by branch, which
        // would eat a transfer's fields while trying the withdrawal branch.
        body: Type.Object(
          {
            operation: Type.Union([Type.Literal('withdrawal'), Type.Literal('transfer')], {
              description: 'the operation the code will authorise; the same code passes no other amount or payee',
            }),
            amountMinor: Minor('the amount to withdraw or send'),
            bankCardId: Type.Optional(
              Type.String({ minLength: 1, maxLength: 64, description: 'withdrawal: the card' }),
            ),
            toPhone: Type.Optional(Type.String({ maxLength: 20, description: 'transfer: the payee' })),
          },
          { additionalProperties: false },
        ),
        response: {
          202: Type.Object({
            expiresAt: Type.String({ format: 'date-time' }),
            phoneMasked: Type.String({ description: 'where the code was sent' }),
          }),
        },
      },
    },
    (request, reply) => {
      const body = request.body;
      const missing = (path: string) =>
        KernelErrors.VALIDATION_FAILED({ errors: [{ path, message: `required for a ${body.operation}` }] });
      let op: StepUpOperation;
      if (body.operation === 'withdrawal') {
        if (!body.bankCardId) throw missing('/body/bankCardId');
        op = { kind: 'withdrawal', bankCardId: body.bankCardId, amountMinor: body.amountMinor };
      } else {
        if (!body.toPhone) throw missing('/body/toPhone');
        op = { kind: 'transfer', toPhone: parsePhone(body.toPhone, '/body/toPhone'), amountMinor: body.amountMinor };
      }
      return command(ctx, request, reply, { status: 202 }, async (tx) => {
        const sent = await sendStepUpSms(tx, deps, customerIdOf(request), op);
        return { expiresAt: sent.expiresAt.toISOString(), phoneMasked: sent.phoneMasked };
      });
    },
  );

  app.post(
    '/v1/wallet/second-factor/confirm',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Activate the TOTP authenticator with a first code',
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ status: Type.Literal('active') }) },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) => confirmSecondFactor(tx, deps, customerIdOf(request), request.body.code)),
  );
};
