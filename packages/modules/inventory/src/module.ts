// The inventory as the server sees it: routes, the reservation-expiry tick, and demo stock.
import { transaction } from '@zulin/db';
import type { ServerModule } from '@zulin/server/context';
import { releaseExpiredReservations } from './reservations';
import { inventoryRoutes } from './routes';
import { seedInventory } from './seed';

export const inventoryModule: ServerModule = {
  name: 'inventory',
  async routes(app, { ctx }) {
    await app.register(inventoryRoutes(ctx));
  },
  ticks: () => [
    {
      name: 'inventory.release_expired_reservations',
      description: 'Puts back in stock the units whose reservation lapsed unpaid (30 minutes)',
      // The platform runs a tick once per business date, so this is a daily sweep; reservations are
      // also released eagerly whenever a unit of the same SKU is reserved.
      runAt: '00:05',
      async run({ db, clock }) {
        let released = 0;
        // Bounded: one batch per transaction, at most 100 batches per run.
        for (let batch = 0; batch < 100; batch++) {
          const n = await transaction(db, (tx) => releaseExpiredReservations(tx, { now: clock.now() }));
          released += n;
          if (n === 0) break;
        }
        return { released };
      },
    },
  ],
  seed: (ctx) => seedInventory(ctx.database.db, { now: ctx.clock.now(), timeZone: ctx.config.timeZone }),
};
