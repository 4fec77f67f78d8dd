// The contracts module as the server runs it: evidence subscribers for other modules' events, the
// daily root (built after each business day, then timestamped), the sweep that retries timestamps
// an authority outage delayed, and its outside systems.
import { addDays, type BusinessDate } from '@zulin/kernel';
import type { AppContext, ServerModule, WebhookVerifier } from '@zulin/platform';
import { applyESignCallback } from './apply-esign-callback';
import { buildMissedRoots, timestampPendingRoots } from './daily-roots';
import { esignAdapterStatus, esignProviderOf } from './esign-flows';
import { parseCallbackBody } from './esign-provider';
import { evidenceSubscribers } from './evidence-subscribers';
import { ContractsLimits } from './limits';
import { contractsRoutes } from './routes';
import { contractsAdapters, rootSignerOf, sealOf, timestampAuthoritiesOf } from './runtime';
import { seedContracts } from './seed';
import { verifyEvidenceIncrementally } from './verify-incrementally';

async function buildRootsUpTo(ctx: AppContext, lastDate: BusinessDate): Promise<number> {
  const signer = await rootSignerOf(ctx, ctx.database.db);
  return buildMissedRoots(ctx.database, { signer, timeZone: ctx.config.timeZone, now: ctx.clock.now() }, lastDate);
}

export const contractsModule: ServerModule = {
  name: 'contracts',
  routes: contractsRoutes,
  subscribers: () => evidenceSubscribers(),
  ticks: (ctx) => [
    {
      name: 'contracts.daily_root',
      description: "Builds and signs the previous business day's evidence root, then timestamps it (RFC 3161)",
      runAt: '00:10',
      async run({ businessDate }) {
        const built = await buildRootsUpTo(ctx, addDays(businessDate, -1));
        const stamps = await timestampPendingRoots(ctx.database, timestampAuthoritiesOf(ctx, ctx.database.db));
        return { built, ...stamps };
      },
    },
  ],
  sweeps: (ctx) => [
    {
      name: 'contracts.timestamp_roots',
      description: 'Timestamps daily evidence roots that an authority outage left without a token',
      everySeconds: ContractsLimits.timestampSweepSeconds,
      run: ({ db }) => timestampPendingRoots(ctx.database, timestampAuthoritiesOf(ctx, db)),
    },
    {
      name: 'contracts.verify_evidence',
      description:
        'Verifies the evidence entries and daily roots appended since its last run and moves the checkpoint the console reads from',
      everySeconds: ContractsLimits.verifySweepSeconds,
      async run({ db }) {
        const { chain, roots } = await verifyEvidenceIncrementally(db, ctx.clock.now(), { advance: true });
        return {
          entries: chain.checkedNow,
          roots: roots.checkedNow,
          broken: chain.broken !== null || roots.broken !== null,
        };
      },
    },
  ],
  adapters: (ctx) => [...contractsAdapters(ctx), esignAdapterStatus(ctx)],
  webhookVerifiers: (ctx): Record<string, WebhookVerifier> => {
    const status = esignAdapterStatus(ctx);
    if (status.mode !== 'sandbox' && status.mode !== 'production') return {};
    return {
      esign: {
        sandboxOnly: status.mode === 'sandbox',
        verify({ rawBody, headers, now }) {
          const flat: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value[0] : value;
          const outcome = esignProviderOf(ctx, ctx.database.db).readCallback(flat, rawBody.toString('utf8'), now);
          return { eventId: `${outcome.flowId}:${outcome.status}`, eventType: `esign.flow_${outcome.status}` };
        },
      },
    };
  },
  inboxHandlers: (ctx) => ({
    // Checked when it came (webhook verifier): read here without the timestamp window, as a retry may be late.
    async esign(message, tx) {
      const deps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
      await applyESignCallback(tx, { ...deps, seal: await sealOf(ctx, tx) }, parseCallbackBody(message.body));
    },
  }),
  seed: (ctx) => seedContracts(ctx),
};
