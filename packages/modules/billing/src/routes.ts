// Billing's HTTP API, one file per resource under routes/: a customer's bills and paying them from
// the wallet; staff search, manual charges and waivers. Thin: validate, authorize (the route's
// declared auth), run the use case in a command, shape the reply.
import type { RoutesPlugin } from '@zulin/platform';
import { AdminBillSchema, BillPaymentSchema, BillSchema, BillWaiverRequestSchema } from './api-schemas';
import { billRoutes } from './routes/bills';
import { waiverRoutes } from './routes/waivers';

export const billingRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(BillPaymentSchema);
  app.addSchema(BillSchema);
  app.addSchema(AdminBillSchema);
  app.addSchema(BillWaiverRequestSchema);
  await app.register(billRoutes, options);
  await app.register(waiverRoutes, options);
};
