// The modules this server runs, in the order their routes are registered.
import { billingModule } from '@zulin/billing';
import { catalogModule } from '@zulin/catalog';
import { identityModule } from '@zulin/identity';
import { inventoryModule } from '@zulin/inventory';
import { ledgerModule } from '@zulin/ledger';
import { notificationModule } from '@zulin/notification';
import { walletModule } from '@zulin/wallet';
import type { ServerModule } from './context';
import { platformModule } from './platform/module';

export const modules: readonly ServerModule[] = [
  platformModule,
  identityModule,
  catalogModule,
  inventoryModule,
  ledgerModule,
  walletModule,
  notificationModule,
  billingModule,
];
