// The rental module as the server sees it: the routes, the unpaid-order sweep (the 2 h timer) and
// the timers it reads.
import type { ServerModule } from '@zulin/platform';
import type { RentalDeps } from './deps';
import { expireUnpaidOrders } from './expire-unpaid-orders';
import { runRentTick } from './rent-tick';
import { rentalRoutes } from './routes';

export function rentalDeps(ctx: { clock: RentalDeps['clock']; config: { timeZone: string; masterKey: Buffer } }) {
  return { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey } satisfies RentalDeps;
}

export const rentalModule: ServerModule = {
  name: 'rental',
  routes: rentalRoutes,
  ticks: (ctx) => [
    {
      name: 'rental.rent',
      description: 'Starts the rent the day after delivery and bills each period 7 days before it is due',
      runAt: '00:05',
      run: ({ db, clock, businessDate }) => runRentTick(db, { ...rentalDeps(ctx), clock }, businessDate),
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
  ],
};
