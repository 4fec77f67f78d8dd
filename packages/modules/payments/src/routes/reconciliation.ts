// Reconciliation runs for the console: the list with each run's mismatches, and running a day again.
import { addDays, type BusinessDate, parseBusinessDate, today } from '@zulin/kernel';
import { command, Nullable, PageOf, PageQuery, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { PaymentChannelSchema, ReconciliationMismatchKindSchema } from '../api-schemas';
import { configuredPaymentChannel } from '../channel-client-of';
import { PaymentsErrors } from '../errors';
import { type ReconciliationMismatch, type ReconciliationRun, reconcilePayments } from '../reconcile-payments';
import { fetchStatement, listReconciliationRuns } from '../reconciliation-runs';

const tags = ['payments'];
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD (business date)' });

const Mismatch = Type.Object({
  id: Type.String(),
  kind: ReconciliationMismatchKindSchema,
  outTradeNo: Type.String(),
  channelTradeNo: Nullable(Type.String()),
  paymentId: Nullable(Type.String()),
  ourAmountMinor: Nullable(Type.Integer()),
  theirAmountMinor: Nullable(Type.Integer()),
  resolution: Type.Union([Type.Literal('recovered'), Type.Literal('suspense'), Type.Literal('none')]),
});

const Run = Type.Object({
  id: Type.String(),
  channel: PaymentChannelSchema,
  businessDate: Type.String({ format: 'date' }),
  statementCount: Type.Integer(),
  ourCount: Type.Integer(),
  matchedCount: Type.Integer(),
  mismatchCount: Type.Integer(),
  statementTotalMinor: Type.Integer(),
  ourTotalMinor: Type.Integer(),
  feeTotalMinor: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  mismatches: Type.Array(Mismatch),
});

function presentRun(run: ReconciliationRun & { mismatches: ReconciliationMismatch[] }) {
  return {
    id: run.id,
    channel: run.channel,
    businessDate: run.businessDate,
    statementCount: run.statementCount,
    ourCount: run.ourCount,
    matchedCount: run.matchedCount,
    mismatchCount: run.mismatchCount,
    statementTotalMinor: run.statementTotalMinor,
    ourTotalMinor: run.ourTotalMinor,
    feeTotalMinor: run.feeTotalMinor,
    createdAt: run.createdAt.toISOString(),
    mismatches: run.mismatches.map((m) => ({
      id: m.id,
      kind: m.kind,
      outTradeNo: m.outTradeNo,
      channelTradeNo: m.channelTradeNo,
      paymentId: m.orderId,
      ourAmountMinor: m.ourAmountMinor,
      theirAmountMinor: m.theirAmountMinor,
      resolution: m.resolution,
    })),
  };
}

export const reconciliationRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/admin/reconciliation',
    {
      config: { auth: { permission: 'reconciliation.read' } },
      schema: {
        tags,
        summary:
          'Reconciliation runs (newest first) with what each found: missing on our side, on theirs, amounts that differ',
        querystring: Type.Object(
          { channel: Type.Optional(PaymentChannelSchema), businessDate: Type.Optional(DateString), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(Run) },
      },
    },
    async (request) => {
      const { businessDate, ...rest } = request.query;
      const page = await listReconciliationRuns(ctx.database.db, {
        ...rest,
        ...(businessDate ? { businessDate: parseBusinessDate(businessDate) } : {}),
      });
      return { data: page.data.map(presentRun), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/admin/reconciliation',
    {
      config: { auth: { permission: 'ledger.write' } },
      schema: {
        tags,
        summary: 'Reconcile a channel’s statement for a past business date now (the daily run does yesterday at 10:00)',
        body: Type.Object(
          { channel: PaymentChannelSchema, businessDate: Type.Optional(DateString) },
          { additionalProperties: false },
        ),
        response: { 201: Run },
      },
    },
    async (request, reply) => {
      const yesterday = addDays(today(ctx.clock, ctx.config.timeZone), -1);
      const businessDate: BusinessDate = request.body.businessDate
        ? parseBusinessDate(request.body.businessDate)
        : yesterday;
      if (businessDate > yesterday) {
        throw PaymentsErrors.PAYMENTS_STATEMENT_NOT_READY({ detail: `Statements exist up to ${yesterday}.` });
      }
      const channel = await configuredPaymentChannel(ctx, request.body.channel);
      if (!channel) throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED();
      // The statement is fetched before the command's transaction opens.
      const statement = await fetchStatement(ctx, request.body.channel, businessDate);
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { run, mismatches } = await reconcilePayments(
          tx,
          { clock: ctx.clock, timeZone: ctx.config.timeZone },
          { channel: request.body.channel, businessDate, statement, merchantId: channel.merchantId },
        );
        return presentRun({ ...run, mismatches });
      });
    },
  );
};
