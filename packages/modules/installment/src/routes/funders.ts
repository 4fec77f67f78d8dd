// Funder partners (资金方): the console lists and adds them, issues a funder's API key, assigns an
// installment order to a funder and downloads a funder's monthly statement; the funder's own client
// downloads its statement with its partner key (docs/installment.md, "Funders").
import { partnerOf, staffOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { assignFunder } from '../assign-funder';
import { createFunder } from '../create-funder';
import { installmentDeps } from '../deps';
import { funderStatement, funderStatementCsv } from '../funder-statement';
import { funderStatementScope, listFunders } from '../funders';
import { issueFunderKey } from '../issue-funder-key';
import { InstallmentLimits } from '../limits';

const tags = ['installments'];
const Bps = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000, description });

export const FunderSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    principalShareBps: Type.Integer(),
    interestShareBps: Type.Integer(),
    payableAccountId: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    ordersFunded: Type.Integer(),
    disbursedMinor: Type.Integer(),
    collectedForFunderMinor: Type.Integer(),
  },
  { $id: 'InstallmentFunder' },
);

const MonthParams = Type.Object({ month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }) });

export const funderRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = installmentDeps(ctx);
  const db = ctx.database.db;

  app.get(
    '/v1/admin/installment-funders',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags,
        summary: 'Funder partners with their shares, orders funded, disbursed and collected for them',
        response: { 200: Type.Object({ items: Type.Array(Ref('InstallmentFunder')) }) },
      },
    },
    async () => ({ items: await listFunders(db) }),
  );

  app.post(
    '/v1/admin/installment-funders',
    {
      config: { auth: { permission: 'partners.manage' } },
      schema: {
        tags,
        summary: 'Add a funder partner: its share of the financed principal and of the interest (bps)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: InstallmentLimits.funderNameLengthMax }),
            principalShareBps: Bps('The funder’s share of each funded order’s principal'),
            interestShareBps: Bps('The funder’s share of the interest collected'),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('InstallmentFunder') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createFunder(tx, deps, { input: request.body, actor: staffOf(request), actorId: staffOf(request).staffId }),
      ),
  );

  app.post(
    '/v1/admin/installment-funders/:id/api-keys',
    {
      config: { auth: { permission: 'partners.manage' }, sensitiveResponse: true },
      schema: {
        tags,
        summary: `Issue the funder's partner API key (scope ${funderStatementScope}); shown once`,
        params: IdParams,
        response: { 201: Type.Object({ keyId: Type.String(), apiKey: Type.String(), scope: Type.String() }) },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        issueFunderKey(tx, deps, { funderId: request.params.id, actor: staffOf(request) }),
      ),
  );

  app.get(
    '/v1/admin/installment-funders/:id/statements/:month',
    {
      config: { auth: { permission: 'ledger.read' } },
      schema: {
        tags,
        summary: 'A funder’s monthly statement as CSV: one row per collection, a totals row',
        params: Type.Object({ id: IdParams.properties.id, ...MonthParams.properties }),
      },
    },
    async (request, reply) => {
      const statement = await funderStatement(db, request.params.id, request.params.month);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="zulin-funder-${statement.funderId}-${statement.month}.csv"`,
        )
        .send(funderStatementCsv(statement));
    },
  );

  app.get(
    '/v1/partner/funder-statements/:month',
    {
      config: { auth: { partnerScope: funderStatementScope } },
      schema: {
        tags: ['partners'],
        summary: 'A funder’s own monthly statement as CSV (the funder’s partner API key)',
        security: [{ bearer: [] }],
        params: MonthParams,
      },
    },
    async (request, reply) => {
      const statement = await funderStatement(db, partnerOf(request).partnerId, request.params.month);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="zulin-funder-${statement.month}.csv"`)
        .send(funderStatementCsv(statement));
    },
  );

  app.post(
    '/v1/admin/installment-orders/:id/funder',
    {
      config: { auth: { permission: 'ledger.write' } },
      schema: {
        tags,
        summary:
          'Assign the order to a funder (once, before its first collection); an order already repaying is disbursed at once',
        params: IdParams,
        body: Type.Object({ funderId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: Ref('InstallmentOrderFunder') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        assignFunder(tx, deps, {
          orderId: request.params.id,
          funderId: request.body.funderId,
          actor: staffOf(request),
          actorId: staffOf(request).staffId,
        }),
      ),
  );
};
