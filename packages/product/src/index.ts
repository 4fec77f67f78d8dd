// The product: the modules this server runs, in the order their routes are registered. The
// composition root shared by the server (apps/server) and by tests that need the whole product;
// no module imports it outside its tests.
import { billingModule } from '@zulin/billing';
import { catalogModule } from '@zulin/catalog';
import { contractsModule } from '@zulin/contracts';
import { feedbackModule } from '@zulin/feedback';
import { identityModule } from '@zulin/identity';
import { installmentModule } from '@zulin/installment';
import { inventoryModule } from '@zulin/inventory';
import { ledgerModule } from '@zulin/ledger';
import { logisticsModule } from '@zulin/logistics';
import { marketingModule } from '@zulin/marketing';
import { notificationModule } from '@zulin/notification';
import { opsModule } from '@zulin/ops';
import { paymentsModule } from '@zulin/payments';
import { type ServerModule, systemModule } from '@zulin/platform';
import { rentalModule } from '@zulin/rental';
import { riskModule } from '@zulin/risk';
import { supportModule } from '@zulin/support';
import { walletModule } from '@zulin/wallet';

export const modules: readonly ServerModule[] = [
  systemModule,
  identityModule,
  catalogModule,
  inventoryModule,
  ledgerModule,
  walletModule,
  notificationModule,
  paymentsModule,
  billingModule,
  marketingModule,
  opsModule,
  riskModule,
  // Before contracts: its demo orders are signed with the clock set weeks back, and a signing code
  // contracts' seed sends today would otherwise count as sent "later" and refuse the earlier ones.
  installmentModule,
  logisticsModule,
  // Before contracts too, for the same reason: its demo rentals are signed days back.
  rentalModule,
  contractsModule,
  supportModule,
  feedbackModule,
];
