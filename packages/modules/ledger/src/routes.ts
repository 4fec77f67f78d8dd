// The ledger's admin API: accounts, transfers, the trial balance and a full verification. Read-only:
// money moves only through the modules that own a business reason (wallet, payments, rentals).

import { PageOf, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import {
  AccountSchema,
  presentAccount,
  presentTransfer,
  TransferKindSchema,
  TransferSchema,
  TrialBalanceSchema,
  VerificationSchema,
} from './api-schemas';
import { getTransfer, listTransfers } from './list-transfers';
import { getAccount, listAccounts, listAccountTransfers } from './read-accounts';
import { inSnapshot } from './snapshot';
import { trialBalance, trialBalanceAsOf } from './trial-balance';
import { verifyLedger } from './verify-ledger';

const read = { auth: { permission: 'ledger.read' } } as const;
const tags = ['ledger'];
const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'page size (default 20, at most 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 1024, description: 'nextCursor of the previous page' })),
};
const CurrencyQuery = Type.Union([Type.Literal('CNY'), Type.Literal('POINTS')]);

export const ledgerRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.addSchema(AccountSchema);
  app.addSchema(TransferSchema);
  app.addSchema(TrialBalanceSchema);
  app.addSchema(VerificationSchema);
  const db = ctx.database.db;

  app.get(
    '/v1/admin/ledger/trial-balance',
    {
      config: read,
      schema: {
        tags,
        summary: 'Trial balance: Σ debits and Σ credits, posted and pending, which are always equal',
        description:
          'Platform and channel accounts one per line; customer accounts summed per chart code. One currency per call (CNY by default). ' +
          'As of now, or of `asOf`: a business date (the end of that day in the operator’s time zone; today is now) or an ISO instant, ' +
          'never later than now (LEDGER_AS_OF_IN_FUTURE). The answer states the instant used.',
        querystring: Type.Object({
          currency: Type.Optional(CurrencyQuery),
          asOf: Type.Optional(
            Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })], {
              description: 'YYYY-MM-DD (end of that business day) or an ISO instant; default now',
            }),
          ),
        }),
        response: { 200: Ref('LedgerTrialBalance') },
      },
    },
    async (request) => {
      const { currency = 'CNY' } = request.query;
      const asOf = trialBalanceAsOf(request.query.asOf, { now: ctx.clock.now(), timeZone: ctx.config.timeZone });
      const balance = await inSnapshot(ctx.database, (tx) => trialBalance(tx, currency, { asOf }));
      return { ...balance, asOf: asOf.toISOString() };
    },
  );

  app.get(
    '/v1/admin/ledger/verification',
    {
      config: read,
      schema: {
        tags,
        summary: 'Recompute every balance from the transfers and check every ledger invariant',
        response: { 200: Ref('LedgerVerification') },
      },
    },
    async () => inSnapshot(ctx.database, (tx) => verifyLedger(tx)),
  );

  app.get(
    '/v1/admin/ledger/accounts',
    {
      config: read,
      schema: {
        tags,
        summary: 'List ledger accounts with their balances, newest first',
        querystring: Type.Object({
          ownerType: Type.Optional(
            Type.Union([
              Type.Literal('platform'),
              Type.Literal('channel'),
              Type.Literal('customer'),
              Type.Literal('partner'),
            ]),
          ),
          ownerId: Type.Optional(Type.String({ maxLength: 64 })),
          purpose: Type.Optional(Type.String({ maxLength: 64 })),
          code: Type.Optional(Type.Integer({ minimum: 1000, maximum: 9999 })),
          currency: Type.Optional(CurrencyQuery),
          ...PageQuery,
        }),
        response: { 200: PageOf(Ref('LedgerAccount')) },
      },
    },
    async (request) => {
      const page = await listAccounts(db, request.query);
      return { data: page.data.map(presentAccount), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/admin/ledger/accounts/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One ledger account, its balances and its postings (newest first, paged)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object(PageQuery),
        response: {
          200: Type.Object({
            account: Ref('LedgerAccount'),
            postings: PageOf(Ref('LedgerTransfer')),
          }),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const account = await getAccount(db, id);
      const postings = await listAccountTransfers(db, id, request.query);
      return {
        account: presentAccount(account),
        postings: { data: postings.data.map(presentTransfer), nextCursor: postings.nextCursor },
      };
    },
  );

  app.get(
    '/v1/admin/ledger/transfers',
    {
      config: read,
      schema: {
        tags,
        summary: 'Search transfers by account, reference, code, kind and recording time, newest first',
        querystring: Type.Object({
          accountId: Type.Optional(Type.String({ maxLength: 64 })),
          reference: Type.Optional(Type.String({ maxLength: 128 })),
          code: Type.Optional(Type.String({ maxLength: 64 })),
          kind: Type.Optional(TransferKindSchema),
          from: Type.Optional(Type.String({ format: 'date-time', description: 'recorded at or after' })),
          to: Type.Optional(Type.String({ format: 'date-time', description: 'recorded before' })),
          ...PageQuery,
        }),
        response: { 200: PageOf(Ref('LedgerTransfer')) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listTransfers(db, {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      return { data: page.data.map(presentTransfer), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/admin/ledger/transfers/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One transfer; a pending one says whether it is still held or how it was resolved',
        params: Type.Object({ id: Type.String({ maxLength: 128 }) }),
        response: { 200: Ref('LedgerTransfer') },
      },
    },
    async (request) => presentTransfer(await getTransfer(db, request.params.id)),
  );
};
