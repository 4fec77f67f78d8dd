// The contracts module as the server runs it: evidence subscribers for other modules' events, the
// daily root (built after each business day, then timestamped), the sweep that retries timestamps
// an authority outage delayed, and its outside systems.
import { addDays, type BusinessDate } from '@zulin/kernel';
import type { AppContext, ServerModule } from '@zulin/platform';
import { buildMissedRoots, timestampPendingRoots } from './daily-roots';
import { evidenceSubscribers } from './evidence-subscribers';
import { ContractsLimits } from './limits';
import { contractsRoutes } from './routes';
import { contractsAdapters, rootSignerOf, timestampAuthoritiesOf } from './runtime';
import { seedContracts } from './seed';

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
  ],
  adapters: contractsAdapters,
  seed: (ctx) => seedContracts(ctx),
};
