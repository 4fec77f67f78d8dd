// The marketing module as the server runs it: coupons — the console's templates, the customer's
// coupons (redeem, list) — and the demo coupons. Rental prices, uses and returns coupons through
// index.ts in its own transactions.
import type { ServerModule } from '@zulin/platform';
import { marketingRoutes } from './routes';
import { seedMarketing } from './seed';

export const marketingModule: ServerModule = {
  name: 'marketing',
  routes: marketingRoutes,
  seed: seedMarketing,
};
