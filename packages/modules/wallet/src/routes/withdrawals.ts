// Money out: bank cards (bound through the bank) and withdrawals to them.
import { customerIdOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { walletBankAdapter } from '../adapters';
import { presentWithdrawal } from '../api-schemas';
import { listBankCards } from '../bank-cards';
import { saveBankCard, verifyBankCard } from '../bind-bank-card';
import type { WalletDeps } from '../deps';
import { removeBankCard } from '../remove-bank-card';
import { requestWithdrawal } from '../request-withdrawal';
import { getWithdrawal } from '../withdrawals';
import { customer, Minor, SecondFactorFields, secondFactorProof } from './shared';

export const withdrawalRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: WalletDeps = { clock: ctx.clock, masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone };

  app.post(
    '/v1/wallet/withdrawals',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Withdraw to a bound bank card (≤ ¥50,000 each, ≤ ¥200,000 a day, second factor from ¥5,000)',
        body: Type.Object(
          {
            bankCardId: Type.String({ minLength: 1, maxLength: 64 }),
            amountMinor: Minor('amount to withdraw'),
            ...SecondFactorFields,
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('WalletWithdrawal') },
      },
    },
    async (request, reply) => {
      const { bankCardId, amountMinor } = request.body;
      const customerId = customerIdOf(request);
      const secondFactor = await secondFactorProof(ctx.database, deps, customerId, request.body, {
        kind: 'withdrawal',
        bankCardId,
        amountMinor,
      });
      return command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentWithdrawal(await requestWithdrawal(tx, deps, { customerId, bankCardId, amountMinor, secondFactor })),
      );
    },
  );

  app.get(
    '/v1/wallet/withdrawals/:id',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'One of my withdrawals and its status',
        params: IdParams,
        response: { 200: Ref('WalletWithdrawal') },
      },
    },
    async (request) =>
      presentWithdrawal(await getWithdrawal(ctx.database.db, customerIdOf(request), request.params.id)),
  );

  app.get(
    '/v1/bank-cards',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'My bound bank cards (last 4 digits only)',
        response: { 200: Type.Object({ data: Type.Array(Ref('BankCard')) }) },
      },
    },
    async (request) => {
      const cards = await listBankCards(ctx.database.db, customerIdOf(request));
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
        response: { 201: Ref('BankCard') },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      // The bank is asked before the command's transaction opens, never while it is open.
      const verified = await verifyBankCard(
        ctx.database,
        { ...deps, bank: walletBankAdapter(ctx) },
        { customerId, cardNumber: request.body.cardNumber },
      );
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const card = await saveBankCard(tx, deps, verified);
        return { ...card, createdAt: card.createdAt.toISOString() };
      });
    },
  );

  app.delete(
    '/v1/bank-cards/:id',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'Remove a bound bank card (refused while a withdrawal to it is in progress; kept for history)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 204 }, async (tx) => {
        await removeBankCard(tx, deps, { customerId: customerIdOf(request), bankCardId: request.params.id });
        return null;
      }),
  );
};
