// The installment module's HTTP API, one file per resource under routes/.
import type { RoutesPlugin } from '@zulin/platform';
import {
  InstallmentOrderOversightSchema,
  InstallmentOrderSchema,
  InstallmentOverduePolicyViewSchema,
  InstallmentQuoteSchema,
  InstallmentTimersViewSchema,
  OrderFunderSchema,
  OrderPrepayQuoteSchema,
  PartialPrepayQuoteSchema,
  PayoffQuoteSchema,
  ScheduleRowSchema,
} from './api-schemas';
import { orderAdminRoutes } from './routes/admin';
import { calculatorRoutes } from './routes/calculators';
import { fulfilmentRoutes } from './routes/fulfilment';
import { FunderSettlementSchema, funderSettlementRoutes } from './routes/funder-settlements';
import { FunderSchema, funderRoutes } from './routes/funders';
import { orderStepRoutes } from './routes/order-steps';
import { orderRoutes } from './routes/orders';

export const installmentRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(ScheduleRowSchema);
  app.addSchema(InstallmentQuoteSchema);
  app.addSchema(PartialPrepayQuoteSchema);
  app.addSchema(PayoffQuoteSchema);
  app.addSchema(InstallmentOrderSchema);
  app.addSchema(OrderPrepayQuoteSchema);
  app.addSchema(FunderSchema);
  app.addSchema(OrderFunderSchema);
  app.addSchema(FunderSettlementSchema);
  app.addSchema(InstallmentOrderOversightSchema);
  app.addSchema(InstallmentTimersViewSchema);
  app.addSchema(InstallmentOverduePolicyViewSchema);
  await app.register(calculatorRoutes, options);
  await app.register(orderRoutes, options);
  await app.register(orderStepRoutes, options);
  await app.register(orderAdminRoutes, options);
  await app.register(funderRoutes, options);
  await app.register(funderSettlementRoutes, options);
  await app.register(fulfilmentRoutes, options);
};
