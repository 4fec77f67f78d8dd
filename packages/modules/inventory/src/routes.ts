// The inventory's HTTP API, one file per resource under routes/: units (register, import, list,
// history, state changes), warehouses, suppliers, procurement orders, and the supplier partner feed.
// Thin: validate, authorize (the route's declared auth), run the use case in a command, shape the
// reply.
import multipart from '@fastify/multipart';
import type { RoutesPlugin } from '@zulin/platform';
import { InventoryLimits } from './limits';
import { availabilityRoutes } from './routes/availability';
import { procurementRoutes } from './routes/procurement';
import { supplierFeedRoutes } from './routes/supplier-feed';
import { unitRoutes } from './routes/units';
import { warehouseRoutes } from './routes/warehouses';

export const inventoryRoutes: RoutesPlugin = async (app, options) => {
  await app.register(multipart, { limits: { fileSize: InventoryLimits.importBytesMax, files: 1, fields: 5 } });
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: InventoryLimits.importBytesMax },
    (_request, body, done) => done(null, body),
  );
  for (const routes of [unitRoutes, warehouseRoutes, procurementRoutes, supplierFeedRoutes, availabilityRoutes]) {
    await app.register(routes, options);
  }
};
