// Confirms a paid reservation: the unit stays reserved for the order but no longer lapses.
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { assertHeldBy } from './reservations';
import { inventoryUnits } from './schema';
import { loadUnit } from './unit-transitions';

/**
 * Confirms a paid reservation: it no longer lapses. The unit stays `reserved` until it ships;
 * only its expiry is cleared.
 */
export async function confirmReservation(
  tx: Executor,
  options: { unitId: string; orderRef: string; now: Date },
): Promise<void> {
  const unit = await loadUnit(tx, options.unitId, true);
  assertHeldBy(unit, options.orderRef, 'reserved');
  await tx
    .update(inventoryUnits)
    .set({ reservationExpiresAt: null, updatedAt: options.now })
    .where(eq(inventoryUnits.id, unit.id));
}
