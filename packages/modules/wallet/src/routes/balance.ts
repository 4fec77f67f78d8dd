// My wallet: balance, history and monthly statements.
import { customerIdOf } from '@zulin/identity';
import { PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { walletBalance } from '../accounts';
import { presentLimits, presentTransaction } from '../api-schemas';
import { walletTypes } from '../codes';
import type { WalletDeps } from '../deps';
import { listWalletTransactions } from '../list-transactions';
import { pointsSummary } from '../points';
import { monthlyStatement, statementCsv, statementPdf } from '../statements';
import { customer } from './shared';

export const balanceRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: WalletDeps = { clock: ctx.clock, masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone };
  const db = ctx.database.db;

  app.get(
    '/v1/wallet',
    {
      config: customer,
      schema: {
        tags: ['wallet'],
        summary: 'My wallet: available, posted and held balance, and points',
        response: { 200: Ref('Wallet') },
      },
    },
    async (request) => {
      const customerId = customerIdOf(request);
      return {
        ...(await walletBalance(db, ctx.clock, customerId)),
        points: (await pointsSummary(db, ctx.clock, customerId)).balance,
        limits: presentLimits(),
      };
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
        response: { 200: PageOf(Ref('WalletTransaction')) },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      const page = await listWalletTransactions(db, ctx.clock, customerIdOf(request), {
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
      return { data: page.data.map(presentTransaction), nextCursor: page.nextCursor };
    },
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
      const [month = '', extension] = request.params.file.split('.');
      const statement = await monthlyStatement(db, deps, customerIdOf(request), month);
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
};
