// The catalog's HTTP API, one file per resource under routes/: the public catalog (search, product
// page, plans, offers, images), the console's editors under /v1/admin and the rate cap setting. Thin: validate, authorize
// (the route's declared auth), run the use case in a command, shape the reply.
import multipart from '@fastify/multipart';
import type { RoutesPlugin } from '@zulin/platform';
import { CatalogLimits } from './limits';
import { offerRoutes } from './routes/offers';
import { planRoutes } from './routes/plans';
import { productRoutes } from './routes/products';
import { publicRoutes } from './routes/public';
import { rateCapRoutes } from './routes/rate-cap';
import { skuRoutes } from './routes/skus';

export const catalogRoutes: RoutesPlugin = async (app, options) => {
  await app.register(multipart, { limits: { fileSize: CatalogLimits.imageBytesMax, files: 1, fields: 5 } });
  for (const routes of [publicRoutes, productRoutes, skuRoutes, planRoutes, offerRoutes, rateCapRoutes]) {
    await app.register(routes, options);
  }
};
