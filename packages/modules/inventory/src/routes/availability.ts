// The stock a customer sees: how many phones of each of a published product's versions (SKUs) are
// free to rent now (in stock, or reserved by an order whose hold has run out), so the product page
// marks a version with none as out of stock and preselects one that has a phone.
import { getProduct } from '@zulin/catalog';
import type { RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { availabilityBySku } from '../reservations';

export const availabilityRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  app.get(
    '/v1/products/:id/availability',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'Phones free to rent now, per active SKU of a published product (0 when none)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: {
          200: Type.Object({
            data: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
              description: 'SKU id → phones free to rent now',
            }),
          }),
        },
      },
    },
    async (request) => {
      // A product that is not published answers 404 as its own page does.
      const product = await getProduct(db, { productId: request.params.id, audience: 'public' });
      const skuIds = product.skus.filter((sku) => sku.active).map((sku) => sku.id);
      return { data: await availabilityBySku(db, { skuIds, now: ctx.clock.now() }) };
    },
  );
};
