// The marketing module's HTTP API: registers its schemas and the route files under routes/.
import type { RoutesPlugin } from '@zulin/platform';
import { CouponTemplateSchema, CustomerCouponSchema } from './api-schemas';
import { adminCouponRoutes } from './routes/admin-coupons';
import { customerCouponRoutes } from './routes/coupons';

export const marketingRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(CouponTemplateSchema);
  app.addSchema(CustomerCouponSchema);
  await app.register(customerCouponRoutes, options);
  await app.register(adminCouponRoutes, options);
};
