// The ledger as the server sees it: the admin routes, the expiry tick and the chart-of-accounts seed.
import { transaction } from '@zulin/db';
import type { ServerModule } from '@zulin/server/context';
import { ensureChartOfAccounts } from './chart';
import { expirePendingTransfers } from './expire-pending';
import { ledgerRoutes } from './routes';

export const ledgerModule: ServerModule = {
  name: 'ledger',
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
  async seed(ctx) {
    const { accounts } = await transaction(ctx.database, (tx) => ensureChartOfAccounts(tx, ctx.clock));
    return { created: accounts };
  },
};
