// The wallet's HTTP API (customer and staff). Thin: validate, authorize, call the use case, shape.
import { customerIdOf, parsePhone, staffOf } from '@zulin/identity';
import { KernelErrors } from '@zulin/kernel';
import type { AppContext } from '@zulin/server/context';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { walletBalance } from './accounts';
import { walletBankAdapter } from './adapters';
import {
  BankCardSchema,
  BillSplitSchema,
  DisputeSchema,
  PointsSchema,
  presentBillSplit,
  presentDispute,
  presentLimits,
  presentTopUp,
  presentTransaction,
  presentWithdrawal,
  TopUpSchema,
  WalletSchema,
  WalletTransactionSchema,
  WithdrawalSchema,
} from './api-schemas';
import { bindBankCard, listBankCards, removeBankCard } from './bank-cards';
import { createBillSplit, getBillSplit, listBillSplits, payBillSplitShare } from './bill-splits';
import { grantCashback } from './cashback';
import { type WalletType, walletTypes } from './codes';
import type { WalletDeps } from './deps';
import { type DisputeType, type Evidence, getDispute, listDisputes, openDispute, resolveDispute } from './disputes';
import { listWalletTransactions } from './list-transactions';
import { awardPoints, pointsSummary, redeemPoints } from './points';
import { inTransaction } from './run';
import { confirmSecondFactor, enrollSecondFactor, type SecondFactorProof, secondFactorStatus } from './second-factor';
import { sendToCustomer } from './send-transfer';
import { claimStepUpTry, type StepUpOperation, sendStepUpSms } from './sms-step-up';
import { monthlyStatement, statementCsv, statementPdf } from './statements';
import { createTopUp, getTopUp, payAtSandboxCashier } from './top-ups';
import { getWithdrawal, requestWithdrawal } from './withdrawals';

const customer = { auth: 'customer' } as const;
const Minor = (description: string) => Type.Integer({ minimum: 1, maximum: 100_000_000_00, description });
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'page size (default 20, at most 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 1024 })),
};
const Page = (ref: string) =>
  Type.Object({ data: Type.Array(Type.Unsafe({ $ref: ref })), nextCursor: Type.Union([Type.String(), Type.Null()]) });
const Code = (description: string) => Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description }));
/** The second factor a large withdrawal or transfer carries: one of these. */
const SecondFactorFields = {
  smsCode: Code('SMS step-up code from POST /v1/wallet/second-factor/sms'),
  totpCode: Code('code of the authenticator app enrolled at POST /v1/wallet/second-factor'),
  secondFactorCode: Code('deprecated name of totpCode'),
};
interface SecondFactorBody {
  smsCode?: string;
  totpCode?: string;
  secondFactorCode?: string;
}
const ref = (id: string) => Type.Unsafe({ $ref: `${id}#` });

export const walletRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  for (const schema of [
    WalletSchema,
    WalletTransactionSchema,
    TopUpSchema,
    WithdrawalSchema,
    BankCardSchema,
    BillSplitSchema,
    PointsSchema,
    DisputeSchema,
  ]) {
    app.addSchema(schema);
  }
  const deps: WalletDeps = { clock: ctx.clock, masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone };
  const run = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(ctx.database, fn);

  app.get(
    '/v1/wallet',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'My wallet: available, posted and held balance, and points',
        response: { 200: ref('Wallet') },
      },
    },
    async (request) => {
      const customerId = customerIdOf(request);
      return run(async (tx) => ({
        ...(await walletBalance(tx, ctx.clock, customerId)),
        points: (await pointsSummary(tx, ctx.clock, customerId)).balance,
        limits: presentLimits(),
      }));
    },
  );

  app.get(
    '/v1/wallet/transactions',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'My wallet history, newest first, filtered by type and recording time',
        querystring: Type.Object({
          type: Type.Optional(Type.Union(walletTypes.map((t) => Type.Literal(t)))),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          ...PageQuery,
        }),
        response: { 200: Page('WalletTransaction#') },
      },
    },
    async (request) => {
      const q = request.query as { type?: WalletType; from?: string; to?: string; limit?: number; cursor?: string };
      const page = await run((tx) =>
        listWalletTransactions(tx, ctx.clock, customerIdOf(request), {
          ...q,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        }),
      );
      return { data: page.data.map(presentTransaction), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/wallet/top-ups',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Start a top-up: a payment order at a channel; the wallet is credited when the channel confirms',
        body: Type.Object(
          { amountMinor: Minor('amount to add, 1 to 5,000,000'), channel: Type.Optional(Type.Literal('sandbox')) },
          { additionalProperties: false },
        ),
        response: { 201: ref('WalletTopUp') },
      },
    },
    async (request, reply) => {
      const body = request.body as { amountMinor: number; channel?: 'sandbox' };
      const topUp = await run((tx) => createTopUp(tx, ctx.clock, { ...body, customerId: customerIdOf(request) }));
      return reply.status(201).send(presentTopUp(topUp));
    },
  );

  app.get(
    '/v1/wallet/top-ups/:id',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'One of my top-ups and its status',
        params: Id,
        response: { 200: ref('WalletTopUp') },
      },
    },
    async (request) =>
      presentTopUp(await run((tx) => getTopUp(tx, customerIdOf(request), (request.params as { id: string }).id))),
  );

  app.post(
    '/v1/wallet/sandbox-cashier/:outTradeNo/pay',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['wallet'],
        summary:
          'Sandbox cashier: pay (or fail) a top-up; the channel then sends its signed notification (not in production)',
        params: Type.Object({ outTradeNo: Type.String({ maxLength: 64 }) }),
        body: Type.Optional(
          Type.Object({ outcome: Type.Optional(Type.Union([Type.Literal('succeeded'), Type.Literal('failed')])) }),
        ),
        response: { 202: Type.Object({ notificationId: Type.String(), duplicate: Type.Boolean() }) },
      },
    },
    async (request, reply) => {
      if (ctx.config.production) throw KernelErrors.ROUTE_NOT_FOUND();
      const { outTradeNo } = request.params as { outTradeNo: string };
      const outcome = (request.body as { outcome?: 'succeeded' | 'failed' } | undefined)?.outcome;
      return reply.status(202).send(await payAtSandboxCashier(ctx.database.db, deps, outTradeNo, outcome));
    },
  );

  app.post(
    '/v1/wallet/withdrawals',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Withdraw to a bound bank card (≤ ¥50,000 each, ≤ ¥200,000 a day, TOTP from ¥5,000)',
        body: Type.Object(
          {
            bankCardId: Type.String({ maxLength: 64 }),
            amountMinor: Minor('amount to withdraw'),
            ...SecondFactorFields,
          },
          { additionalProperties: false },
        ),
        response: { 201: ref('WalletWithdrawal') },
      },
    },
    async (request, reply) => {
      const body = request.body as { bankCardId: string; amountMinor: number } & SecondFactorBody;
      const customerId = customerIdOf(request);
      const secondFactor = await secondFactorProof(ctx, deps, customerId, body, {
        kind: 'withdrawal',
        bankCardId: body.bankCardId,
        amountMinor: body.amountMinor,
      });
      const w = await run((tx) =>
        requestWithdrawal(tx, deps, {
          customerId,
          bankCardId: body.bankCardId,
          amountMinor: body.amountMinor,
          secondFactor,
        }),
      );
      return reply.status(201).send(presentWithdrawal(w));
    },
  );

  app.get(
    '/v1/wallet/withdrawals/:id',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'One of my withdrawals and its status',
        params: Id,
        response: { 200: ref('WalletWithdrawal') },
      },
    },
    async (request) =>
      presentWithdrawal(
        await run((tx) => getWithdrawal(tx, customerIdOf(request), (request.params as { id: string }).id)),
      ),
  );

  app.post(
    '/v1/wallet/transfers',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Send money to another customer by phone number (TOTP from ¥2,000)',
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
          }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { toPhone: string; amountMinor: number; note?: string } & SecondFactorBody;
      const toPhone = parsePhone(body.toPhone, '/body/toPhone');
      const customerId = customerIdOf(request);
      const secondFactor = await secondFactorProof(ctx, deps, customerId, body, {
        kind: 'transfer',
        toPhone,
        amountMinor: body.amountMinor,
      });
      const t = await run((tx) =>
        sendToCustomer(tx, deps, {
          customerId,
          toPhone,
          amountMinor: body.amountMinor,
          note: body.note,
          secondFactor,
        }),
      );
      return reply.status(201).send({
        id: t.id,
        transferId: t.transferId,
        amountMinor: t.amountMinor,
        note: t.note,
        createdAt: t.createdAt.toISOString(),
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
      totp: await run((tx) => secondFactorStatus(tx, customerIdOf(request))),
      sms: true as const,
    }),
  );

  app.post(
    '/v1/wallet/second-factor',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Enroll a TOTP authenticator for large withdrawals and transfers',
        response: {
          201: Type.Object({ secret: Type.String(), otpauthUri: Type.String(), status: Type.Literal('pending') }),
        },
      },
    },
    async (request, reply) => {
      const result = await run((tx) => enrollSecondFactor(tx, deps, customerIdOf(request)));
      return reply.status(201).send(result);
    },
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
            bankCardId: Type.Optional(Type.String({ maxLength: 64, description: 'withdrawal: the card' })),
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
    async (request, reply) => {
      const body = request.body as {
        operation: 'withdrawal' | 'transfer';
        amountMinor: number;
        bankCardId?: string;
        toPhone?: string;
      };
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
      const sent = await run((tx) => sendStepUpSms(tx, deps, customerIdOf(request), op));
      return reply.status(202).send({ expiresAt: sent.expiresAt.toISOString(), phoneMasked: sent.phoneMasked });
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
    async (request) =>
      run((tx) => confirmSecondFactor(tx, deps, customerIdOf(request), (request.body as { code: string }).code)),
  );

  app.get(
    '/v1/wallet/statements/:file',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'My monthly statement as CSV or PDF: /v1/wallet/statements/2026-03.csv or .pdf',
        params: Type.Object({ file: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}\\.(csv|pdf)$' }) }),
      },
    },
    async (request, reply) => {
      const { file } = request.params as { file: string };
      const [month = '', extension] = file.split('.');
      const customerId = customerIdOf(request);
      const statement = await run((tx) => monthlyStatement(tx, deps, customerId, month));
      if (extension === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="zulin-wallet-${month}.csv"`)
          .send(statementCsv(statement, ctx.config.timeZone));
      }
      const pdf = await statementPdf(statement, { timeZone: ctx.config.timeZone, now: ctx.clock.now() });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="zulin-wallet-${month}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/v1/bank-cards',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'My bound bank cards (last 4 digits only)',
        response: { 200: Type.Object({ data: Type.Array(ref('BankCard')) }) },
      },
    },
    async (request) => {
      const cards = await run((tx) => listBankCards(tx, customerIdOf(request)));
      return { data: cards.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) };
    },
  );

  app.post(
    '/v1/bank-cards',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Bind a bank card: Luhn check and bank verification; stored as a token and the last 4 digits',
        body: Type.Object(
          { cardNumber: Type.String({ minLength: 12, maxLength: 23 }) },
          { additionalProperties: false },
        ),
        response: { 201: ref('BankCard') },
      },
    },
    async (request, reply) => {
      // Not in one transaction: the bank is asked between a short read and a short write.
      const card = await bindBankCard(
        ctx.database,
        { ...deps, bank: walletBankAdapter(ctx) },
        { customerId: customerIdOf(request), cardNumber: (request.body as { cardNumber: string }).cardNumber },
      );
      return reply.status(201).send({ ...card, createdAt: card.createdAt.toISOString() });
    },
  );

  app.delete(
    '/v1/bank-cards/:id',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Remove a bound bank card (refused while a withdrawal to it is in progress; kept for history)',
        params: Id,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const bankCardId = (request.params as { id: string }).id;
      await run((tx) => removeBankCard(tx, deps, { customerId: customerIdOf(request), bankCardId }));
      return reply.status(204).send();
    },
  );

  registerBillSplitRoutes(app, ctx, deps);
  registerPointsAndDisputeRoutes(app, ctx, deps);
};

function registerBillSplitRoutes(app: Parameters<typeof walletRoutes>[0], ctx: AppContext, deps: WalletDeps) {
  const run = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(ctx.database, fn);
  app.post(
    '/v1/bill-splits',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Split a bill (AA): ask friends by phone to pay equal shares into my wallet',
        body: Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 60 }),
            totalMinor: Minor('the whole bill'),
            friendPhones: Type.Array(Type.String({ maxLength: 20 }), { minItems: 1, maxItems: 20 }),
            includeRequester: Type.Optional(
              Type.Boolean({ default: true, description: 'I pay a share too (it counts as paid)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: ref('BillSplit') },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        title: string;
        totalMinor: number;
        friendPhones: string[];
        includeRequester?: boolean;
      };
      const friendPhones = body.friendPhones.map((p, i) => parsePhone(p, `/body/friendPhones/${i}`));
      const split = await run((tx) =>
        createBillSplit(tx, deps, {
          customerId: customerIdOf(request),
          title: body.title,
          totalMinor: body.totalMinor,
          friendPhones,
          includeRequester: body.includeRequester ?? true,
        }),
      );
      return reply.status(201).send(presentBillSplit(split));
    },
  );
  app.get(
    '/v1/bill-splits',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Bill splits I asked for or was asked to pay (latest 50)',
        response: { 200: Type.Object({ data: Type.Array(ref('BillSplit')) }) },
      },
    },
    async (request) => ({
      data: (await run((tx) => listBillSplits(tx, deps.masterKey, customerIdOf(request)))).map(presentBillSplit),
    }),
  );
  app.get(
    '/v1/bill-splits/:id',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'One bill split and its shares',
        params: Id,
        response: { 200: ref('BillSplit') },
      },
    },
    async (request) =>
      presentBillSplit(
        await run((tx) =>
          getBillSplit(tx, deps.masterKey, customerIdOf(request), (request.params as { id: string }).id),
        ),
      ),
  );
  app.post(
    '/v1/bill-splits/:id/pay',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Pay my share of a bill split from my wallet',
        params: Id,
        response: { 200: ref('BillSplit') },
      },
    },
    async (request) =>
      presentBillSplit(
        await run((tx) =>
          payBillSplitShare(tx, deps, {
            customerId: customerIdOf(request),
            splitId: (request.params as { id: string }).id,
          }),
        ),
      ),
  );
}

function registerPointsAndDisputeRoutes(app: Parameters<typeof walletRoutes>[0], ctx: AppContext, deps: WalletDeps) {
  const run = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(ctx.database, fn);
  const presentPoints = (p: Awaited<ReturnType<typeof pointsSummary>>) => ({
    ...p,
    lots: p.lots.map((l) => ({ ...l, earnedAt: l.earnedAt.toISOString(), expiresAt: l.expiresAt.toISOString() })),
  });
  app.get(
    '/v1/points',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'My points: balance, cash value (100 points = ¥1) and lots by expiry',
        response: { 200: ref('Points') },
      },
    },
    async (request) => presentPoints(await run((tx) => pointsSummary(tx, ctx.clock, customerIdOf(request)))),
  );
  app.post(
    '/v1/points/redemptions',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Redeem points into my wallet: 100 points = ¥1, oldest points first',
        body: Type.Object({ points: Type.Integer({ minimum: 100, multipleOf: 100 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ points: Type.Integer(), creditedMinor: Type.Integer(), transferId: Type.String() }),
        },
      },
    },
    async (request, reply) => {
      const result = await run((tx) =>
        redeemPoints(tx, ctx.clock, {
          customerId: customerIdOf(request),
          points: (request.body as { points: number }).points,
        }),
      );
      return reply.status(201).send(result);
    },
  );
  app.post(
    '/v1/admin/wallet/points-awards',
    {
      config: { auth: { permission: 'wallet.manage' } },
      schema: {
        tags: ['wallet-admin'],
        summary: 'Award points to a customer (once per sourceRef)',
        body: Type.Object(
          {
            customerId: Type.String({ maxLength: 64 }),
            points: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
            reason: Type.String({ minLength: 1, maxLength: 100 }),
            sourceRef: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ lotId: Type.String(), awarded: Type.Boolean() }) },
      },
    },
    async (request, reply) => {
      const body = request.body as { customerId: string; points: number; reason: string; sourceRef: string };
      return reply.status(201).send(await run((tx) => awardPoints(tx, deps, body)));
    },
  );
  app.post(
    '/v1/admin/wallet/cashbacks',
    {
      config: { auth: { permission: 'wallet.manage' } },
      schema: {
        tags: ['wallet-admin'],
        summary: 'Grant cashback into a customer wallet from marketing expense (once per sourceRef)',
        body: Type.Object(
          {
            customerId: Type.String({ maxLength: 64 }),
            amountMinor: Minor('cashback, at most 100000'),
            reason: Type.String({ minLength: 1, maxLength: 100 }),
            sourceRef: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ cashbackId: Type.String(), granted: Type.Boolean() }) },
      },
    },
    async (request, reply) => {
      const body = request.body as { customerId: string; amountMinor: number; reason: string; sourceRef: string };
      return reply.status(201).send(await run((tx) => grantCashback(tx, ctx.clock, body)));
    },
  );

  const DisputeType = Type.Union([
    Type.Literal('charged_but_failed'),
    Type.Literal('charged_twice'),
    Type.Literal('refund_not_received'),
  ]);
  app.post(
    '/v1/disputes',
    {
      config: customer,
      schema: {
        tags: ['disputes'],
        summary: 'Dispute a wallet transaction (SLA 3 days)',
        body: Type.Object(
          {
            transferId: Type.String({ maxLength: 128, description: 'the id of a transaction in my wallet history' }),
            type: DisputeType,
            description: Type.String({ minLength: 1, maxLength: 1000 }),
            evidence: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    kind: Type.Union([Type.Literal('text'), Type.Literal('upload')]),
                    text: Type.Optional(Type.String({ maxLength: 1000 })),
                    uploadId: Type.Optional(Type.String({ maxLength: 64 })),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 9 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: ref('Dispute') },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        transferId: string;
        type: DisputeType;
        description: string;
        evidence?: Evidence[];
      };
      const dispute = await run((tx) =>
        openDispute(tx, ctx.clock, { ...body, customerId: customerIdOf(request), evidence: body.evidence ?? [] }),
      );
      return reply.status(201).send(presentDispute(dispute));
    },
  );
  app.get(
    '/v1/disputes/:id',
    {
      config: customer,
      schema: { tags: ['disputes'], summary: 'One of my disputes', params: Id, response: { 200: ref('Dispute') } },
    },
    async (request) =>
      presentDispute(
        await run((tx) => getDispute(tx, ctx.clock, (request.params as { id: string }).id, customerIdOf(request))),
      ),
  );
  app.get(
    '/v1/disputes',
    {
      config: customer,
      schema: {
        tags: ['disputes'],
        summary: 'My disputes, newest first',
        querystring: Type.Object(PageQuery),
        response: { 200: Page('Dispute#') },
      },
    },
    async (request) => {
      const page = await run((tx) =>
        listDisputes(tx, ctx.clock, {
          ...(request.query as { limit?: number; cursor?: string }),
          customerId: customerIdOf(request),
        }),
      );
      return { data: page.data.map(presentDispute), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/v1/admin/disputes',
    {
      config: { auth: { permission: 'disputes.read' } },
      schema: {
        tags: ['disputes'],
        summary: 'Dispute queue: open cases by SLA due time (status=open), or all newest first',
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('rejected')])),
          customerId: Type.Optional(Type.String({ maxLength: 64 })),
          breached: Type.Optional(
            Type.Boolean({ description: 'true: only disputes the SLA tick marked breached; false: only the others' }),
          ),
          ...PageQuery,
        }),
        response: { 200: Page('Dispute#') },
      },
    },
    async (request) => {
      const page = await run((tx) =>
        listDisputes(
          tx,
          ctx.clock,
          request.query as {
            status?: 'open';
            customerId?: string;
            breached?: boolean;
            limit?: number;
            cursor?: string;
          },
        ),
      );
      return { data: page.data.map(presentDispute), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/v1/admin/disputes/:id',
    {
      config: { auth: { permission: 'disputes.read' } },
      schema: { tags: ['disputes'], summary: 'One dispute', params: Id, response: { 200: ref('Dispute') } },
    },
    async (request) =>
      presentDispute(await run((tx) => getDispute(tx, ctx.clock, (request.params as { id: string }).id))),
  );
  app.post(
    '/v1/admin/disputes/:id/resolve',
    {
      config: { auth: { permission: 'disputes.handle' } },
      schema: {
        tags: ['disputes'],
        summary: 'Resolve a dispute: refund (from suspense), reversal (of the disputed charge) or reject',
        params: Id,
        body: Type.Object(
          {
            outcome: Type.Union([Type.Literal('refund'), Type.Literal('reversal'), Type.Literal('rejected')]),
            amountMinor: Type.Optional(Minor('defaults to the disputed amount')),
            note: Type.String({ minLength: 1, maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref('Dispute') },
      },
    },
    async (request) => {
      const body = request.body as { outcome: 'refund' | 'reversal' | 'rejected'; amountMinor?: number; note: string };
      const staff = staffOf(request);
      return presentDispute(
        await run((tx) =>
          resolveDispute(tx, ctx.clock, { disputeId: (request.params as { id: string }).id, staff, ...body }),
        ),
      );
    },
  );
}

/**
 * The second factor the body carries. An SMS code's try is counted here, in its own transaction
 * before the command's, so that a wrong code uses up a try even though the command fails.
 */
async function secondFactorProof(
  ctx: AppContext,
  deps: WalletDeps,
  customerId: string,
  body: SecondFactorBody,
  operation: StepUpOperation,
): Promise<SecondFactorProof | undefined> {
  const totpCode = body.totpCode ?? body.secondFactorCode;
  if (body.smsCode !== undefined && totpCode !== undefined) {
    throw KernelErrors.VALIDATION_FAILED({
      errors: [{ path: '/body/smsCode', message: 'send smsCode or totpCode, not both', code: 'SECOND_FACTOR_BOTH' }],
    });
  }
  if (body.smsCode !== undefined) {
    return { sms: await claimStepUpTry(ctx.database, deps, customerId, body.smsCode, operation) };
  }
  return totpCode === undefined ? undefined : { totpCode };
}

export type { DisputeType };
