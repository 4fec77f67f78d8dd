// The installment module as the server sees it: the public calculators, installment orders and
// their demo data.
import type { ServerModule } from '@zulin/platform';
import { installmentRoutes } from './routes';

export const installmentModule: ServerModule = {
  name: 'installment',
  routes: installmentRoutes,
};
