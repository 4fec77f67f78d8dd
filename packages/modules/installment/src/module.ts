// The installment module as the server sees it: the public calculators and installment orders; an
// order moves on when its contract is signed through the contracts routes (a subscriber to contracts'
// event) and starts when its down-payment bill is paid (a subscriber to billing's event); the daily tick
// issues each period's bill ahead of its due date.
import { applyAutoDebitPayment, BillingEvents } from '@zulin/billing';
import { ContractsEvents } from '@zulin/contracts';
import { inBatches, subscribe } from '@zulin/db';
import { LogisticsEvents } from '@zulin/logistics';
import { PaymentsEvents } from '@zulin/payments';
import type { ServerModule } from '@zulin/platform';
import { and, eq } from 'drizzle-orm';
import { trackOverdueBatch } from './accrue-overdue';
import { activateOrder } from './activate-order';
import { closeRepaidOrder } from './close-repaid-order';
import { collectPeriodBills, notifyPeriodAutoDebitFailed } from './collect-period-bills';
import { installmentDeps } from './deps';
import { disburseFundedOrder } from './disburse-funded-order';
import { InstallmentEvents } from './events';
import { expireUnpaidOrders } from './expire-unpaid-orders';
import { onParcelDelivered } from './fulfilment-events';
import { issueDueBillsBatch } from './issue-period-bills';
import { InstallmentLimits } from './limits';
import { loadOrder } from './orders';
import { policyOf, readOverduePolicy } from './overdue-policy';
import { installmentAutoDebitPurpose } from './period-auto-debits';
import { recordFunderCollection } from './record-funder-collection';
import { installmentRoutes } from './routes';
import { installmentOrderBills } from './schema';
import { seedInstallment } from './seed';
import { seedFunders } from './seed-funders';
import { onContractSigned } from './sign-order';
import { onParcelReturned } from './undelivered-parcel';

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
    subscribe(BillingEvents, {
      name: 'installment.close_on_last_period',
      eventTypes: ['billing.bill_paid'],
      async handle(event, tx) {
        if (event.payload.settled !== true) return;
        const [row] = await tx
          .select({ orderId: installmentOrderBills.orderId })
          .from(installmentOrderBills)
          .where(and(eq(installmentOrderBills.billId, event.payload.billId), eq(installmentOrderBills.kind, 'period')));
        if (row) await closeRepaidOrder(tx, installmentDeps(ctx), row.orderId);
      },
    }),
    subscribe(LogisticsEvents, {
      name: 'installment.parcel_returned',
      eventTypes: ['logistics.shipment_returned'],
      async handle(event, tx) {
        await onParcelReturned(tx, installmentDeps(ctx), event.payload);
      },
    }),
    subscribe(LogisticsEvents, {
      name: 'installment.parcel_delivered',
      eventTypes: ['logistics.shipment_delivered'],
      async handle(event, tx) {
        await onParcelDelivered(tx, installmentDeps(ctx), event.payload);
      },
    }),
    subscribe(BillingEvents, {
      name: 'installment.funder_collections',
      eventTypes: ['billing.bill_paid'],
      async handle(event, tx) {
        await recordFunderCollection(tx, installmentDeps(ctx), {
          billId: event.payload.billId,
          paymentId: event.payload.paymentId,
        });
      },
    }),
    subscribe(PaymentsEvents, {
      name: 'installment.period_auto_debit',
      eventTypes: ['payments.payment_succeeded'],
      async handle(event, tx) {
        if (event.payload.purpose !== installmentAutoDebitPurpose) return;
        await applyAutoDebitPayment(tx, installmentDeps(ctx), event.payload);
      },
    }),
    subscribe(PaymentsEvents, {
      name: 'installment.period_auto_debit_failed',
      eventTypes: ['payments.payment_failed'],
      async handle(event, tx) {
        if (event.payload.purpose !== installmentAutoDebitPurpose) return;
        await notifyPeriodAutoDebitFailed(tx, installmentDeps(ctx), event.payload);
      },
    }),
    subscribe(InstallmentEvents, {
      name: 'installment.funder_disbursement',
      eventTypes: ['installment.order_activated'],
      async handle(event, tx) {
        await disburseFundedOrder(tx, installmentDeps(ctx), await loadOrder(tx, event.payload.orderId));
      },
    }),
  ],
  sweeps: (ctx) => [
    {
      name: 'installment.expire_unpaid_orders',
      description: `Cancels installment orders not signed and paid by their deadline (placing + the operator's unpaid-order timer, default ${InstallmentLimits.unpaidOrderMinutes} min) and releases their phones`,
      everySeconds: 60,
      run: ({ db, clock }) => expireUnpaidOrders(db, { ...installmentDeps(ctx), clock }),
    },
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
    {
      name: 'installment.track_overdue',
      description:
        'Books the day’s penalty interest on every overdue period bill of active orders and keeps each order’s delinquency bucket changes',
      // After billing.mark_overdue (00:20), so that yesterday's due bills are overdue first.
      runAt: '00:30',
      async run({ db, clock, businessDate }) {
        let after: string | null = null;
        let penaltyBookedMinor = 0;
        let bucketChanges = 0;
        // The buckets in force (each order's penalty rate is its own, a term of its contract).
        const overduePolicy = await readOverduePolicy(db, clock.now());
        const policy = policyOf(overduePolicy.value, overduePolicy.cap);
        const orders = await inBatches(
          db,
          { batchSize: InstallmentLimits.overdueBatchSize, maxBatches: InstallmentLimits.overdueBatchesPerRun },
          async (tx) => {
            const done = await trackOverdueBatch(tx, { ...installmentDeps(ctx), clock }, businessDate, after, policy);
            after = done.lastId;
            penaltyBookedMinor += done.penaltyBookedMinor;
            bucketChanges += done.changes;
            return done.orders;
          },
        );
        return { orders, penaltyBookedMinor, bucketChanges };
      },
    },
    {
      name: 'installment.collect_period_bills',
      description: `Reminds the customer of each unpaid period bill on the operator's reminder days (default T−${InstallmentLimits.reminderDaysBeforeDue.join(', T−')} and D+${InstallmentLimits.reminderDaysAfterDue.join(', D+')}; the amount, and whether auto-debit takes it), and auto-debits it through the customer's agreement on its due date, retrying on the operator's retry days (default D+${InstallmentLimits.autoDebitRetryDaysAfterDue.join(', D+')})`,
      // After the overdue tick (00:30): a retry charges the penalty booked for the late days too.
      runAt: '09:00',
      run: ({ db, clock, businessDate }) => collectPeriodBills(db, { ...installmentDeps(ctx), clock }, businessDate),
    },
  ],
  seed: async (ctx) => {
    const funders = await seedFunders(ctx);
    const orders = await seedInstallment(ctx);
    return { created: funders.created + orders.created };
  },
};
