// The payments module's HTTP API, one file per resource under routes/.
import type { RoutesPlugin } from '@zulin/platform';
import { PaymentSchema, RefundSchema, StaffPaymentSchema } from './api-schemas';
import { agreementRoutes } from './routes/agreements';
import { channelRoutes } from './routes/channels';
import { paymentRoutes } from './routes/payments';
import { reconciliationRoutes } from './routes/reconciliation';
import { refundRoutes } from './routes/refunds';
import { sandboxRoutes } from './routes/sandbox';

export const paymentsRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(PaymentSchema);
  app.addSchema(StaffPaymentSchema);
  app.addSchema(RefundSchema);
  await app.register(paymentRoutes, options);
  await app.register(agreementRoutes, options);
  await app.register(refundRoutes, options);
  await app.register(reconciliationRoutes, options);
  await app.register(channelRoutes, options);
  await app.register(sandboxRoutes, options);
};
