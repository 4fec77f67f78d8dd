// The payments module's HTTP API, one file per resource under routes/.
import type { RoutesPlugin } from '@zulin/platform';
import { sandboxRoutes } from './routes/sandbox';

export const paymentsRoutes: RoutesPlugin = async (app, options) => {
  await app.register(sandboxRoutes, options);
};
