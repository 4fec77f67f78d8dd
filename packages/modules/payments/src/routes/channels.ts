// Channel health for the console (财务 → 支付渠道): per channel its configuration, breaker, the last
// 24 hours of payments, what waits for an answer, stuck callbacks and the last reconciliation.
import { Instant, Literals, Nullable, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { PaymentChannelSchema } from '../api-schemas';
import { channelAttentionReasons, readChannelHealth } from '../channel-health';
import { paymentsAdapterStatuses } from '../channel-settings';

const tags = ['payments'];
const Count = Type.Integer({ minimum: 0 });

const ChannelHealthSchema = Type.Object({
  channel: PaymentChannelSchema,
  mode: Literals(['sandbox', 'production', 'unconfigured', 'unused'] as const),
  status: Literals(['ok', 'attention', 'down'] as const),
  attention: Type.Array(Literals(channelAttentionReasons), {
    description: 'why the channel asks for a person, most serious first (docs/payments.md "Channel health")',
  }),
  breaker: Type.Object({
    state: Literals(['closed', 'open', 'half_open'] as const),
    consecutiveFailures: Count,
    openedAt: Nullable(Instant),
    retryAfterSeconds: Count,
    lastFailure: Nullable(Type.String()),
  }),
  window: Type.Object({
    from: Instant,
    created: Count,
    succeeded: Count,
    failed: Count,
    refusedByPayer: Type.Integer({
      minimum: 0,
      description:
        'of `failed`, refused because of the payer (not enough balance, the payer’s limits): not counted in the success rate',
    }),
    closed: Count,
    open: Count,
    succeededMinor: Count,
    successRatePct: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    topFailures: Type.Array(
      Type.Object({ reason: Type.String(), count: Count, side: Literals(['payer', 'channel'] as const) }),
    ),
  }),
  unknownNow: Count,
  lastSucceededAt: Nullable(Instant),
  callbacks: Type.Object({ pending: Count, dead: Count }),
  lastReconciliation: Nullable(
    Type.Object({
      runId: Type.String(),
      businessDate: Type.String({ format: 'date' }),
      mismatchCount: Count,
      createdAt: Instant,
    }),
  ),
  suspense: Type.Object(
    {
      from: Instant,
      count: Count,
      amountMinor: Count,
      recent: Type.Array(
        Type.Object({
          outTradeNo: Type.String(),
          channelTradeNo: Type.String(),
          amountMinor: Count,
          parkedAt: Instant,
        }),
      ),
    },
    { description: 'money the channel took that matches no payment of ours, parked in suspense lately (the alert)' },
  ),
});

export const channelRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/admin/payment-channels',
    {
      config: { auth: { permission: 'payments.read' } },
      schema: {
        tags,
        summary:
          'Each payment channel’s health: configuration, circuit breaker, the last 24 h of payments, unknown payments, stuck callbacks, the last reconciliation, money parked in suspense',
        response: { 200: Type.Object({ data: Type.Array(ChannelHealthSchema), generatedAt: Instant }) },
      },
    },
    async () => {
      const health = await readChannelHealth(ctx.database.db, ctx.clock, paymentsAdapterStatuses(ctx));
      const iso = (at: Date | null) => at?.toISOString() ?? null;
      return {
        generatedAt: ctx.clock.now().toISOString(),
        data: health.map((h) => ({
          ...h,
          breaker: { ...h.breaker, openedAt: iso(h.breaker.openedAt) },
          window: { ...h.window, from: h.window.from.toISOString() },
          lastSucceededAt: iso(h.lastSucceededAt),
          lastReconciliation:
            h.lastReconciliation === null
              ? null
              : { ...h.lastReconciliation, createdAt: h.lastReconciliation.createdAt.toISOString() },
          suspense: {
            ...h.suspense,
            from: h.suspense.from.toISOString(),
            recent: h.suspense.recent.map((p) => ({ ...p, parkedAt: p.parkedAt.toISOString() })),
          },
        })),
      };
    },
  );
};
