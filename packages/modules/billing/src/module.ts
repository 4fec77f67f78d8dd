// Billing as the server sees it: the bill routes, points for paying on time, the daily overdue mark
// and the demo bills.
import { inBatches, subscribe } from '@zulin/db';
import type { ServerModule } from '@zulin/platform';
import { BillingEvents } from './events';
import { BillingLimits } from './limits';
import { markOverdueBills } from './mark-overdue';
import { awardOnTimePoints } from './on-time-points';
import { billingRoutes } from './routes';
import { seedBilling } from './seed';

export const billingModule: ServerModule = {
  name: 'billing',
  routes: billingRoutes,
  subscribers: (ctx) => [
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
