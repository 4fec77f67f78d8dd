// The inventory as the server sees it: routes, the reservation expiry (tick and sweep), and demo stock.
import { type Executor, inBatches } from '@zulin/db';
import type { ServerModule } from '@zulin/platform';
import { InventoryLimits } from './limits';
import { releaseExpiredReservations } from './release-expired-reservations';
import { inventoryRoutes } from './routes';
import { seedInventory } from './seed';

/** Bounded: one batch per transaction, at most `releaseBatchesPerRun` batches per run. */
async function releaseAllExpired(db: Executor, now: Date): Promise<{ released: number }> {
  const released = await inBatches(
    db,
    { batchSize: InventoryLimits.releaseBatchSize, maxBatches: InventoryLimits.releaseBatchesPerRun },
    (tx) => releaseExpiredReservations(tx, { now }),
  );
  return { released };
}

export const inventoryModule: ServerModule = {
  name: 'inventory',
  routes: inventoryRoutes,
  ticks: () => [
    {
      name: 'inventory.release_expired_reservations',
      description: 'Puts back in stock the units whose reservation lapsed unpaid (30 minutes)',
      runAt: '00:05',
      run: ({ db, clock }) => releaseAllExpired(db, clock.now()),
    },
  ],
  // Every minute as well, so a lapsed reservation is back on sale within a minute (reservations are
  // also released eagerly whenever a unit of the same SKU is reserved).
  sweeps: () => [
    {
      name: 'inventory.release_expired_reservations',
      description: 'Puts back in stock the units whose reservation lapsed unpaid (30 minutes)',
      everySeconds: 60,
      run: ({ db, clock }) => releaseAllExpired(db, clock.now()),
    },
  ],
  seed: (ctx) => seedInventory(ctx.database.db, { now: ctx.clock.now(), timeZone: ctx.config.timeZone }),
};
