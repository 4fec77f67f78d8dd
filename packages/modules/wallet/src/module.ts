// The wallet as the server sees it: routes, the top-up subscriber (payments decides a top-up's
// payment), the payout subscriber, the ticks (and sweeps) that expire points and bill splits and escalate
// disputes past their SLA, and the demo data.
import { type Executor, inBatches, subscribe } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { LedgerEvents } from '@zulin/ledger';
import { PaymentsEvents } from '@zulin/payments';
import type { ServerModule } from '@zulin/platform';
import { walletAdapterStatuses, walletBankAdapter } from './adapters';
import { walletCode } from './codes';
import { completeTopUp } from './complete-top-up';
import { walletDashboardFigures } from './dashboard-figures';
import { WalletEvents } from './events';
import { expireBillSplits } from './expire-bill-splits';
import { expirePointsLots } from './expire-points-lots';
import { failExpiredWithdrawal } from './fail-expired-withdrawal';
import { WalletLimits } from './limits';
import { markBreachedDisputes } from './mark-breached-disputes';
import { processWithdrawalPayout } from './pay-out-withdrawal';
import { walletRoutes } from './routes';
import { seedWallet } from './seed';
import { topUpPurpose } from './top-ups';

export const walletModule: ServerModule = {
  name: 'wallet',
  dashboard: walletDashboardFigures,
  routes: walletRoutes,
  adapters: walletAdapterStatuses,
  subscribers: (ctx) => {
    const deps = { clock: ctx.clock, masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone };
    return [
      subscribe(WalletEvents, {
        name: 'wallet.withdrawal_payout',
        eventTypes: ['wallet.withdrawal_requested'],
        async handle(event, tx) {
          // The adapter is looked up per delivery: one breaker per app, and tests may swap the bank.
          await processWithdrawalPayout(tx, { ...deps, bank: walletBankAdapter(ctx) }, event.payload.withdrawalId);
        },
      }),
      // A top-up's payment order, decided by payments (docs/ledger-wallet.md, "Top-ups").
      subscribe(PaymentsEvents, {
        name: 'wallet.top_up_payments',
        eventTypes: ['payments.payment_succeeded', 'payments.payment_failed', 'payments.payment_closed'],
        async handle(event, tx) {
          const p = event.payload;
          if (p.purpose !== topUpPurpose) return;
          await completeTopUp(
            tx,
            ctx.clock,
            event.type === 'payments.payment_succeeded' && 'transferId' in p
              ? { topUpId: p.reference, orderId: p.orderId, outcome: 'succeeded', transferId: p.transferId }
              : { topUpId: p.reference, orderId: p.orderId, outcome: 'failed', reason: 'channel_failed' },
          );
        },
      }),
      subscribe(LedgerEvents, {
        name: 'wallet.withdrawal_hold_expired',
        eventTypes: ['ledger.pending_expired'],
        async handle(event, tx) {
          if (event.payload.code !== walletCode('withdrawal') || typeof event.payload.reference !== 'string') return;
          await failExpiredWithdrawal(tx, deps, event.payload.reference);
        },
      }),
    ];
  },
  ticks: () => [
    {
      name: 'wallet.expire_points',
      description: 'Expires points 12 months after they were earned',
      runAt: '00:10',
      run: async ({ db, clock }) => ({
        lotsExpired: await inBatches(db, batches, (tx) => expirePointsLots(tx, clock)),
      }),
    },
    {
      name: 'wallet.expire_bill_splits',
      description: 'Closes bill splits that stayed open past their 7 days',
      runAt: '00:15',
      run: ({ db, clock }) => expireAllBillSplits(db, clock),
    },
    {
      name: 'wallet.dispute_sla',
      description: 'Marks open disputes past their SLA as breached (once) and escalates them',
      runAt: '00:20',
      run: ({ db, clock }) => markAllBreachedDisputes(db, clock),
    },
  ],
  // The same work every few minutes, so a split closes and a dispute escalates on time, not the next
  // morning; the daily ticks catch up after downtime.
  sweeps: () => [
    {
      name: 'wallet.expire_bill_splits',
      description: 'Closes bill splits that stayed open past their 7 days',
      everySeconds: 300,
      run: ({ db, clock }) => expireAllBillSplits(db, clock),
    },
    {
      name: 'wallet.dispute_sla',
      description: 'Marks open disputes past their SLA as breached (once) and escalates them',
      everySeconds: 300,
      run: ({ db, clock }) => markAllBreachedDisputes(db, clock),
    },
  ],
  seed: (ctx) => seedWallet(ctx),
};

const batches = { batchSize: WalletLimits.tickBatchSize, maxBatches: WalletLimits.tickBatchesPerRun };

async function expireAllBillSplits(db: Executor, clock: Clock) {
  return { expired: await inBatches(db, batches, (tx) => expireBillSplits(tx, clock.now())) };
}

async function markAllBreachedDisputes(db: Executor, clock: Clock) {
  return { breached: await inBatches(db, batches, (tx) => markBreachedDisputes(tx, clock)) };
}
