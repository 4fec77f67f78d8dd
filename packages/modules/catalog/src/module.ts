// The catalog as the server sees it: its routes and its demo data.
import type { ServerModule } from '@zulin/platform';
import { catalogRoutes } from './routes';
import { seedCatalog } from './seed';

export const catalogModule: ServerModule = {
  name: 'catalog',
  routes: catalogRoutes,
  seed: (ctx) => seedCatalog(ctx.database.db, { dataDir: ctx.config.dataDir, now: ctx.clock.now() }),
};
