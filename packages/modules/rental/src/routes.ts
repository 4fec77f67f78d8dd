// The rental module's HTTP API: the customer's routes and the console's, one file each under routes/.
import type { RoutesPlugin } from '@zulin/platform';
import {
  RentalBillSchema,
  RentalExitQuoteSchema,
  RentalOrderSchema,
  RentalQuoteSchema,
  RentalTimersViewSchema,
} from './api-schemas';
import { RentalInspectionSchema } from './inspection-schemas';
import { rentalAdminRoutes } from './routes/admin';
import { rentalAdminOrderRoutes } from './routes/admin-orders';
import { rentalAfterSaleRoutes } from './routes/after-sale';
import { RentalCarrierClaimSchema, rentalCarrierClaimRoutes } from './routes/carrier-claims';
import { CustomerRentalFaultSchema, RentalFaultSchema, rentalFaultRoutes } from './routes/faults';
import { rentalInspectionCustomerRoutes } from './routes/inspection-customer';
import { rentalInspectionDisputeRoutes } from './routes/inspection-disputes';
import { rentalInspectionRoutes } from './routes/inspections';
import { rentalPaymentRoutes } from './routes/payments';
import { rentalRoutes as customerRoutes } from './routes/rentals';
import { rentalReturnLostRoutes } from './routes/returns';
import { rentalShipmentRoutes } from './routes/shipments';
import { RentalOrderSummarySchema, rentalSummaryRoutes } from './routes/summary';
import { RentalTrackingSchema, rentalTrackingRoutes } from './routes/tracking';

export const rentalRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(RentalQuoteSchema);
  app.addSchema(RentalOrderSchema);
  app.addSchema(RentalTimersViewSchema);
  app.addSchema(RentalExitQuoteSchema);
  app.addSchema(RentalBillSchema);
  app.addSchema(RentalInspectionSchema);
  app.addSchema(RentalOrderSummarySchema);
  app.addSchema(RentalTrackingSchema);
  app.addSchema(RentalFaultSchema);
  app.addSchema(CustomerRentalFaultSchema);
  app.addSchema(RentalCarrierClaimSchema);
  await app.register(customerRoutes, options);
  await app.register(rentalPaymentRoutes, options);
  await app.register(rentalAfterSaleRoutes, options);
  await app.register(rentalAdminRoutes, options);
  await app.register(rentalShipmentRoutes, options);
  await app.register(rentalInspectionRoutes, options);
  await app.register(rentalInspectionCustomerRoutes, options);
  await app.register(rentalInspectionDisputeRoutes, options);
  await app.register(rentalReturnLostRoutes, options);
  await app.register(rentalCarrierClaimRoutes, options);
  await app.register(rentalAdminOrderRoutes, options);
  await app.register(rentalSummaryRoutes, options);
  await app.register(rentalTrackingRoutes, options);
  await app.register(rentalFaultRoutes, options);
};
