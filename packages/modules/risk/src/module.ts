// Risk as the server sees it: the staff routes (decisions, lists, rule sets) and its outside systems.
import type { ServerModule } from '@zulin/platform';
import { riskAdapterStatuses } from './adapters';
import { riskRoutes } from './routes';

export const riskModule: ServerModule = {
  name: 'risk',
  routes: riskRoutes,
  adapters: riskAdapterStatuses,
};
