// The rental module as the server sees it: the routes, the subscribers (a contract signed, a buyout
// bill paid, a review case closed), the rent tick and the unpaid-order sweep (the 2 h timer).
import { BillingEvents } from '@zulin/billing';
import { ContractsEvents } from '@zulin/contracts';
import { subscribe } from '@zulin/db';
import { LogisticsEvents } from '@zulin/logistics';
import { authorisationChannelClient, PaymentsEvents } from '@zulin/payments';
import type { ServerModule } from '@zulin/platform';
import { RiskEvents } from '@zulin/risk';
import { notifyAutoDebitFailed } from './auto-debit-failures';
import { onBillPaid } from './buy-out-order';
import { settleInspections } from './capture-deposit';
import { closeSettledOrders } from './close-settled-orders';
import { applyRentAutoDebit, collectRent, rentAutoDebitPurpose } from './collect-rent';
import type { RentalDeps } from './deps';
import { onFaultChangedForDevice, onOrderTransitionedForDevice } from './device-monitoring';
import { RentalEvents } from './events';
import { rentalEvidenceSubscribers } from './evidence-subscribers';
import { expireUnpaidOrders } from './expire-unpaid-orders';
import { onAuthorisationChanged, onFirstPaymentSucceeded } from './first-payment';
import { releaseDeposits } from './release-deposits';
import { runRentTick } from './rent-tick';
import { onReviewCaseClosed } from './review-case-closed';
import { rentalRoutes } from './routes';
import { seedRental } from './seed';
import { onShipmentDelivered, onShipmentReturned, onShipmentScanned } from './shipment-events';
import { onContractSigned } from './sign-order';

export function rentalDeps(ctx: { clock: RentalDeps['clock']; config: { timeZone: string; masterKey: Buffer } }) {
  return { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey } satisfies RentalDeps;
}

export const rentalModule: ServerModule = {
  name: 'rental',
  routes: rentalRoutes,
  seed: seedRental,
  subscribers: (ctx) => [
    subscribe(LogisticsEvents, {
      name: 'rental.shipment_scanned',
      eventTypes: ['logistics.shipment_scanned'],
      async handle(event, tx) {
        await onShipmentScanned(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(LogisticsEvents, {
      name: 'rental.shipment_delivered',
      eventTypes: ['logistics.shipment_delivered'],
      async handle(event, tx) {
        await onShipmentDelivered(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(LogisticsEvents, {
      name: 'rental.shipment_returned',
      eventTypes: ['logistics.shipment_returned'],
      async handle(event, tx) {
        await onShipmentReturned(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(ContractsEvents, {
      name: 'rental.contract_signed',
      eventTypes: ['contracts.contract_signed'],
      async handle(event, tx) {
        await onContractSigned(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(BillingEvents, {
      name: 'rental.bill_paid',
      eventTypes: ['billing.bill_paid'],
      async handle(event, tx) {
        await onBillPaid(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(PaymentsEvents, {
      name: 'rental.first_payment',
      eventTypes: ['payments.payment_succeeded'],
      async handle(event, tx) {
        await onFirstPaymentSucceeded(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(PaymentsEvents, {
      name: 'rental.rent_auto_debit',
      eventTypes: ['payments.payment_succeeded'],
      async handle(event, tx) {
        if (event.payload.purpose !== rentAutoDebitPurpose) return;
        await applyRentAutoDebit(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(PaymentsEvents, {
      name: 'rental.rent_auto_debit_failed',
      eventTypes: ['payments.payment_failed'],
      async handle(event, tx) {
        if (event.payload.purpose !== rentAutoDebitPurpose) return;
        await notifyAutoDebitFailed(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(PaymentsEvents, {
      name: 'rental.deposit_authorised',
      eventTypes: ['payments.authorisation_changed'],
      async handle(event, tx) {
        await onAuthorisationChanged(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(RentalEvents, {
      name: 'rental.device_monitoring',
      eventTypes: ['rental.order_transitioned'],
      async handle(event, tx) {
        await onOrderTransitionedForDevice(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(RentalEvents, {
      name: 'rental.device_swap',
      eventTypes: ['rental.fault_changed'],
      async handle(event, tx) {
        await onFaultChangedForDevice(tx, rentalDeps(ctx), event.payload);
      },
    }),
    subscribe(RiskEvents, {
      name: 'rental.review_case_closed',
      eventTypes: ['risk.review_case_closed'],
      async handle(event, tx) {
        await onReviewCaseClosed(tx, rentalDeps(ctx), event.payload);
      },
    }),
    ...rentalEvidenceSubscribers(),
  ],
  ticks: (ctx) => [
    {
      name: 'rental.rent',
      description: 'Starts the rent the day after delivery and bills each period 7 days before it is due',
      runAt: '00:05',
      run: ({ db, clock, businessDate }) => runRentTick(db, { ...rentalDeps(ctx), clock }, businessDate),
    },
    {
      name: 'rental.collect_rent',
      description:
        'Rent bill reminders (T−7, T−3, T−1, D+1, D+3) and auto-debit on the due date with retries (D+1, D+3, D+5), as the timers say',
      runAt: '09:00',
      run: ({ db, clock, businessDate }) => collectRent(db, { ...rentalDeps(ctx), clock }, businessDate),
    },
  ],
  sweeps: (ctx) => [
    {
      name: 'rental.expire_unpaid_orders',
      description:
        'Cancels orders left unpaid past their deadline (2 h after signing by default) and releases their phones',
      everySeconds: 60,
      run: ({ db, clock }) => expireUnpaidOrders(db, { ...rentalDeps(ctx), clock }),
    },
    {
      name: 'rental.release_deposits',
      description: 'Gives back the deposit holds of orders cancelled, rejected or bought out',
      everySeconds: 60,
      run: ({ clock }) =>
        releaseDeposits(ctx.database, { clock, clientOf: (channel) => authorisationChannelClient(ctx, channel) }),
    },
    {
      name: 'rental.settle_inspections',
      description:
        'Finishes graded returns the channel left undecided: captures from the hold, releases the rest, bills what is left',
      everySeconds: 60,
      run: ({ clock }) =>
        settleInspections(ctx.database, {
          ...rentalDeps(ctx),
          clock,
          clientOf: (channel) => authorisationChannelClient(ctx, channel),
        }),
    },
    {
      name: 'rental.close_settled_orders',
      description:
        'Closes settled returns once the dispute window has passed, no dispute is open and every bill is paid or waived',
      everySeconds: 300,
      run: ({ clock }) => closeSettledOrders(ctx.database, { ...rentalDeps(ctx), clock }),
    },
  ],
};
