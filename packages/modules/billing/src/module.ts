// Billing as the server sees it: the bill routes, points for paying on time, the daily overdue mark
// and the demo bills.
import { inBatches, subscribe } from '@zulin/db';
import { PaymentsEvents } from '@zulin/payments';
import type { ServerModule } from '@zulin/platform';
import { billingDashboardFigures } from './dashboard-figures';
import { BillingEvents } from './events';
import { BillingLimits } from './limits';
import { markOverdueBills } from './mark-overdue';
import { awardOnTimePoints } from './on-time-points';
import { applyChannelPaymentToBill, billPaymentPurpose } from './pay-bill-by-channel';
import { billingRoutes } from './routes';
import { seedBilling } from './seed';

export const billingModule: ServerModule = {
  name: 'billing',
  dashboard: billingDashboardFigures,
  routes: billingRoutes,
  subscribers: (ctx) => [
    subscribe(PaymentsEvents, {
      name: 'billing.channel_payments',
      eventTypes: ['payments.payment_succeeded'],
      async handle(event, tx) {
        const p = event.payload;
        if (p.purpose !== billPaymentPurpose) return;
        if (p.channel !== 'alipay' && p.channel !== 'wechatpay') return;
        await applyChannelPaymentToBill(
          tx,
          { clock: ctx.clock, timeZone: ctx.config.timeZone },
          { ...p, billId: p.reference, channel: p.channel },
        );
      },
    }),
    subscribe(BillingEvents, {
      name: 'billing.on_time_points',
      eventTypes: ['billing.bill_paid'],
      async handle(event, tx) {
        if (event.payload.settled !== true) return;
        await awardOnTimePoints(tx, { clock: ctx.clock, timeZone: ctx.config.timeZone }, event.payload.billId);
      },
    }),
  ],
  ticks: () => [
    {
      name: 'billing.mark_overdue',
      description: 'Marks open bills whose due date has passed as overdue (once each, with an event)',
      runAt: '00:20',
      async run({ db, clock, businessDate }) {
        const marked = await inBatches(
          db,
          { batchSize: BillingLimits.overdueBatchSize, maxBatches: BillingLimits.overdueBatchesPerRun },
          (tx) => markOverdueBills(tx, clock, businessDate),
        );
        return { marked };
      },
    },
  ],
  seed: seedBilling,
};
