// Logistics as the server sees it (phase 2): the console's shipment routes, the carriers' webhooks
// (`POST /v1/webhooks/sandbox_express`, sandbox mode only), the inbox handler that applies their
// tracking events to the shipments, and the sandbox courier's timed pushes.
import type { SweepDefinition } from '@zulin/db';
import type { AppContext, ServerModule, WebhookVerifier } from '@zulin/platform';
import { applyCarrierEvents } from './apply-tracking';
import {
  logisticsAdapterStatuses,
  sandboxCarrierCode,
  sandboxCarrierSecret,
  shippingCarrier,
  tableReplayGuard,
} from './carriers';
import { flagSilentParcels } from './flag-silent-parcels';
import { LogisticsLimits } from './limits';
import { seedPickupStores } from './pickup-stores';
import { returnUncollectedParcels } from './return-uncollected-parcels';
import { logisticsRoutes } from './routes';
import { type PushPoster, pushSandboxScans } from './sandbox-push';
import { parseSandboxPush, toTrackingEvent } from './sandbox-wire';

function sandboxVerifier(ctx: AppContext): WebhookVerifier {
  return {
    // The sandbox courier exists only in sandbox mode; a national courier brings its own channel.
    sandboxOnly: true,
    async verify({ rawBody, headers, now }) {
      const flat: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value[0] : value;
      const carrier = shippingCarrier(ctx, ctx.database.db);
      const verified = await carrier.verifyWebhook(
        { headers: flat, rawBody, now },
        tableReplayGuard(ctx.database.db, ctx.clock),
      );
      return { eventId: verified.deliveryId, eventType: 'tracking' };
    },
  };
}

const posters = new WeakMap<AppContext, PushPoster>();

/** Tests hand the sandbox courier a poster of their own (`app.inject`): they listen on no port. */
export function useSandboxCourierPoster(ctx: AppContext, post: PushPoster): void {
  posters.set(ctx, post);
}

/** The sandbox courier posts to this server's own webhook. */
const sandboxPoster = (ctx: AppContext): PushPoster =>
  posters.get(ctx) ??
  (async (request) => {
    const response = await fetch(`http://127.0.0.1:${ctx.config.port}/v1/webhooks/${sandboxCarrierCode}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(LogisticsLimits.sandboxPushTimeoutMs),
    });
    return { status: response.status };
  });

export const logisticsModule: ServerModule = {
  name: 'logistics',
  routes: logisticsRoutes,
  adapters: logisticsAdapterStatuses,
  webhookVerifiers: (ctx): Record<string, WebhookVerifier> =>
    ctx.config.sandbox ? { [sandboxCarrierCode]: sandboxVerifier(ctx) } : {},
  inboxHandlers: (ctx) => ({
    async [sandboxCarrierCode](message, tx) {
      const push = parseSandboxPush(Buffer.from(message.body, 'utf8'));
      const report = await applyCarrierEvents(tx, {
        carrier: sandboxCarrierCode,
        events: push.events.map(toTrackingEvent),
        now: ctx.clock.now(),
      });
      if (report.unknown > 0) ctx.logger.warn({ pushId: push.pushId, ...report }, 'tracking for unknown waybills');
    },
  }),
  seed: async (ctx) => ({ created: await seedPickupStores(ctx.database.db, ctx.clock.now()) }),
  sweeps: (ctx) => [
    {
      name: 'logistics.store_shelf',
      description: 'Parcels not collected at a pick-up store within the shelf time go back to the warehouse',
      everySeconds: LogisticsLimits.shelfSweepEverySeconds,
      run: async ({ clock }) => ({
        sentBack: await returnUncollectedParcels(ctx.database, {
          clock,
          timeZone: ctx.config.timeZone,
          masterKey: ctx.config.masterKey,
        }),
      }),
    },
    {
      name: 'logistics.lost_parcels',
      description: `Flags outbound parcels with no carrier scan for the configured business days (default ${LogisticsLimits.suspectedLostAfterDays}) as suspected lost, for the shipping desk; audited, the customer told once`,
      everySeconds: LogisticsLimits.lostSweepEverySeconds,
      run: ({ clock }) => flagSilentParcels(ctx.database, { clock, timeZone: ctx.config.timeZone }),
    },
    ...(ctx.config.sandbox
      ? ([
          {
            name: 'logistics.sandbox_courier',
            description: 'The sandbox courier pushes the scans that fell due by the clock to its signed webhook',
            everySeconds: LogisticsLimits.sandboxPushEverySeconds,
            run: ({ clock }) =>
              pushSandboxScans(ctx.database, {
                clock,
                secret: sandboxCarrierSecret(ctx.config.masterKey),
                post: sandboxPoster(ctx),
              }),
          },
        ] satisfies SweepDefinition[])
      : []),
  ],
};
