// The timers as configuration (DOMAIN §5, issue #14): stored in rental_settings under `timers`,
// defaults when nothing is stored, changed only through `saveRentalTimers` (checked, audited, with
// an event), and read by every use case and sweep that needs one.
import type { Executor } from '@zulin/db';
import { emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { eq } from 'drizzle-orm';
import { rentalSettings } from './schema';
import { defaultRentalTimers, parseRentalTimers, type RentalTimers } from './timers';

const TIMERS = 'timers';

export interface StoredTimers {
  timers: RentalTimers;
  /** null while the defaults apply. */
  updatedBy: string | null;
  updatedAt: Date | null;
}

export async function readRentalTimers(db: Executor): Promise<StoredTimers> {
  const [row] = await db.select().from(rentalSettings).where(eq(rentalSettings.key, TIMERS));
  if (row === undefined) return { timers: { ...defaultRentalTimers }, updatedBy: null, updatedAt: null };
  // Stored settings were checked when saved; parsing again fills defaults for timers added since.
  return { timers: parseRentalTimers(row.value), updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

/** Replaces the timers with `input` (missing fields take their default); refuses bad ones, naming each. */
export async function saveRentalTimers(
  tx: Executor,
  options: { input: unknown; staff: StaffPrincipal; now: Date },
): Promise<StoredTimers> {
  const timers = parseRentalTimers(options.input);
  const before = await readRentalTimers(tx);
  const changed = (Object.keys(timers) as (keyof RentalTimers)[]).filter(
    (key) => JSON.stringify(timers[key]) !== JSON.stringify(before.timers[key]),
  );
  await tx
    .insert(rentalSettings)
    .values({ key: TIMERS, value: timers, updatedBy: options.staff.staffId, updatedAt: options.now })
    .onConflictDoUpdate({
      target: rentalSettings.key,
      set: { value: timers, updatedBy: options.staff.staffId, updatedAt: options.now },
    });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'rental.timers_changed',
    targetType: 'rental_settings',
    targetId: TIMERS,
    detail: { changed, before: before.timers, after: timers },
    at: options.now,
  });
  await emitEvent(tx, options.now, {
    type: 'rental.timers_changed',
    aggregateType: 'rental_settings',
    aggregateId: TIMERS,
    payload: { changedBy: options.staff.staffId, keys: changed },
  });
  return { timers, updatedBy: options.staff.staffId, updatedAt: options.now };
}
