// The installment module as the server sees it: the public calculators and installment orders; an
// order moves on when its contract is signed through the contracts routes (a subscriber to contracts'
// event) and starts when its down-payment bill is paid (a subscriber to billing's event); the daily tick
// issues each period's bill ahead of its due date.
import { BillingEvents } from '@zulin/billing';
import { ContractsEvents } from '@zulin/contracts';
import { inBatches, subscribe } from '@zulin/db';
import type { ServerModule } from '@zulin/platform';
import { and, eq } from 'drizzle-orm';
import { activateOrder } from './activate-order';
import { installmentDeps } from './deps';
import { issueDueBillsBatch } from './issue-period-bills';
import { InstallmentLimits } from './limits';
import { installmentRoutes } from './routes';
import { installmentOrderBills } from './schema';
import { seedInstallment } from './seed';
import { onContractSigned } from './sign-order';

export const installmentModule: ServerModule = {
  name: 'installment',
  routes: installmentRoutes,
  subscribers: (ctx) => [
    subscribe(ContractsEvents, {
      name: 'installment.contract_signed',
      eventTypes: ['contracts.contract_signed'],
      async handle(event, tx) {
        await onContractSigned(tx, installmentDeps(ctx), event.payload);
      },
    }),
    subscribe(BillingEvents, {
      name: 'installment.start_on_down_payment',
      eventTypes: ['billing.bill_paid'],
      async handle(event, tx) {
        if (event.payload.settled !== true) return;
        const [row] = await tx
          .select({ orderId: installmentOrderBills.orderId })
          .from(installmentOrderBills)
          .where(
            and(eq(installmentOrderBills.billId, event.payload.billId), eq(installmentOrderBills.kind, 'down_payment')),
          );
        if (row) await activateOrder(tx, installmentDeps(ctx), row.orderId);
      },
    }),
  ],
  ticks: (ctx) => [
    {
      name: 'installment.issue_period_bills',
      description: `Issues each active order's period bill ${InstallmentLimits.billLeadDays} days before it is due`,
      runAt: '00:10',
      async run({ db, clock, businessDate }) {
        const orders = await inBatches(
          db,
          { batchSize: InstallmentLimits.billBatchSize, maxBatches: InstallmentLimits.billBatchesPerRun },
          (tx) => issueDueBillsBatch(tx, { ...installmentDeps(ctx), clock }, businessDate),
        );
        return { orders };
      },
    },
  ],
  seed: seedInstallment,
};
