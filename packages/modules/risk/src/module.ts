// Risk as the server sees it: the staff routes (decisions, lists, rule sets) and its outside systems.
import type { ServerModule } from '@zulin/platform';
import { riskAdapterStatuses } from './adapters';
import { markBreachedCases } from './mark-breached-cases';
import { riskRoutes } from './routes';
import { seedRisk } from './seed';

export const riskModule: ServerModule = {
  name: 'risk',
  routes: riskRoutes,
  adapters: riskAdapterStatuses,
  seed: (ctx) => seedRisk(ctx),
  sweeps: () => [
    {
      name: 'risk.review_sla',
      description: 'Marks open review cases past their SLA (2 h by default) as breached',
      everySeconds: 60,
      run: async ({ db, clock }) => ({ breached: await markBreachedCases(db, clock) }),
    },
  ],
};
