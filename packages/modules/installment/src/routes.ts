// The installment module's HTTP API, one file per resource under routes/.
import type { RoutesPlugin } from '@zulin/platform';
import {
  InstallmentOrderOversightSchema,
  InstallmentOrderSchema,
  InstallmentQuoteSchema,
  OrderPrepayQuoteSchema,
  PartialPrepayQuoteSchema,
  PayoffQuoteSchema,
  ScheduleRowSchema,
} from './api-schemas';
import { orderAdminRoutes } from './routes/admin';
import { calculatorRoutes } from './routes/calculators';
import { orderStepRoutes } from './routes/order-steps';
import { orderRoutes } from './routes/orders';

export const installmentRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(ScheduleRowSchema);
  app.addSchema(InstallmentQuoteSchema);
  app.addSchema(PartialPrepayQuoteSchema);
  app.addSchema(PayoffQuoteSchema);
  app.addSchema(InstallmentOrderSchema);
  app.addSchema(OrderPrepayQuoteSchema);
  app.addSchema(InstallmentOrderOversightSchema);
  await app.register(calculatorRoutes, options);
  await app.register(orderRoutes, options);
  await app.register(orderStepRoutes, options);
  await app.register(orderAdminRoutes, options);
};
