// The wallet's HTTP API, one file per resource under routes/. Thin: validate, authorize (the
// route's declared auth), run the use case in a command, shape the reply.
import type { RoutesPlugin } from '@zulin/platform';
import {
  AdminDisputeSchema,
  BankCardSchema,
  BillSplitSchema,
  DisputeSchema,
  PointsSchema,
  TopUpSchema,
  WalletSchema,
  WalletTransactionSchema,
  WithdrawalSchema,
} from './api-schemas';
import { balanceRoutes } from './routes/balance';
import { billSplitRoutes } from './routes/bill-splits';
import { disputeRoutes } from './routes/disputes';
import { pointsRoutes } from './routes/points';
import { topUpRoutes } from './routes/top-ups';
import { transferRoutes } from './routes/transfers';
import { withdrawalRoutes } from './routes/withdrawals';

export const walletRoutes: RoutesPlugin = async (app, options) => {
  for (const schema of [
    WalletSchema,
    WalletTransactionSchema,
    TopUpSchema,
    WithdrawalSchema,
    BankCardSchema,
    BillSplitSchema,
    PointsSchema,
    DisputeSchema,
    AdminDisputeSchema,
  ]) {
    app.addSchema(schema);
  }
  for (const routes of [
    balanceRoutes,
    topUpRoutes,
    withdrawalRoutes,
    transferRoutes,
    billSplitRoutes,
    pointsRoutes,
    disputeRoutes,
  ]) {
    await app.register(routes, options);
  }
};
