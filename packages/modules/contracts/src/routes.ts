// The contracts module's HTTP API: registers the route files under routes/.
import type { RoutesPlugin } from '@zulin/platform';
import { contractRoutes } from './routes/contracts';
import { esignRoutes } from './routes/esign';

export const contractsRoutes: RoutesPlugin = async (app, options) => {
  await app.register(contractRoutes, options);
  await app.register(esignRoutes, options);
};
