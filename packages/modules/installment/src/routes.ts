// The installment module's HTTP API, one file per resource under routes/.
import type { RoutesPlugin } from '@zulin/platform';
import { InstallmentQuoteSchema, PartialPrepayQuoteSchema, PayoffQuoteSchema, ScheduleRowSchema } from './api-schemas';
import { calculatorRoutes } from './routes/calculators';

export const installmentRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(ScheduleRowSchema);
  app.addSchema(InstallmentQuoteSchema);
  app.addSchema(PartialPrepayQuoteSchema);
  app.addSchema(PayoffQuoteSchema);
  await app.register(calculatorRoutes, options);
};
