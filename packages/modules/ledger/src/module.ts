// The ledger as the server sees it: the admin routes, the hold expiry (tick and sweep) and the
// chart-of-accounts seed.
import { transaction } from '@zulin/db';
import type { ServerModule } from '@zulin/platform';
import { ledgerDashboardFigures } from './dashboard-figures';
import { ensureChartOfAccounts } from './ensure-chart-of-accounts';
import { expirePendingTransfers } from './expire-pending';
import { ledgerRoutes } from './routes';

export const ledgerModule: ServerModule = {
  name: 'ledger',
  dashboard: ledgerDashboardFigures,
  routes: ledgerRoutes,
  ticks: () => [
    {
      name: 'ledger.expire_pending',
      description: 'Releases pending transfers (holds) whose timeout has passed',
      runAt: '00:05',
      async run({ db, clock }) {
        return expirePendingTransfers(db, clock);
      },
    },
  ],
  // The daily tick catches up after downtime; the sweep keeps holds from outliving their timeout by
  // more than a minute (a withdrawal the bank never answered fails within a minute of its timeout).
  sweeps: () => [
    {
      name: 'ledger.expire_pending',
      description: 'Releases pending transfers (holds) whose timeout has passed',
      everySeconds: 60,
      run: ({ db, clock }) => expirePendingTransfers(db, clock),
    },
  ],
  async seed(ctx) {
    const { created } = await transaction(ctx.database, (tx) => ensureChartOfAccounts(tx, ctx.clock));
    return { created };
  },
};
