// The logistics module's HTTP API: the console's shipments (list, one with its tracking, the label).
// Shipping an order (`POST /v1/admin/shipments`) is the rental module's (it moves the order); carrier
// webhooks come in through the platform's `POST /v1/webhooks/{channel}` (module.ts registers them).
import type { RoutesPlugin } from '@zulin/platform';
import {
  LostParcelSettingsViewSchema,
  PickupStoreSchema,
  ShipmentDetailSchema,
  ShipmentSchema,
  StoreParcelSchema,
  TrackingEventSchema,
} from './api-schemas';
import { settingsRoutes } from './routes/settings';
import { shipmentRoutes } from './routes/shipments';
import { storeCounterRoutes } from './routes/store-counter';

export const logisticsRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(TrackingEventSchema);
  app.addSchema(ShipmentSchema);
  app.addSchema(ShipmentDetailSchema);
  app.addSchema(PickupStoreSchema);
  app.addSchema(StoreParcelSchema);
  app.addSchema(LostParcelSettingsViewSchema);
  await app.register(shipmentRoutes, options);
  await app.register(storeCounterRoutes, options);
  await app.register(settingsRoutes, options);
};
