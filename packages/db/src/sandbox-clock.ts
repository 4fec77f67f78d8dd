// The sandbox's test clock, as stored: the offset the server's OffsetClock adds to the wall clock.
import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from './database';
import { sandboxClock } from './schema';

const ROW = 'clock';

/** The stored offset; 0 before any move, and before the migrations made the table (`zulin migrate`). */
export async function readClockOffset(db: Executor): Promise<number> {
  const [table] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('sandbox_clock') is not null as present`,
  );
  if (table?.present !== true) return 0;
  const [row] = await db.select().from(sandboxClock).where(eq(sandboxClock.id, ROW));
  return row?.offsetMs ?? 0;
}

export async function saveClockOffset(db: Executor, offsetMs: number, now: Date): Promise<void> {
  await db
    .insert(sandboxClock)
    .values({ id: ROW, offsetMs, updatedAt: now })
    .onConflictDoUpdate({ target: sandboxClock.id, set: { offsetMs, updatedAt: now } });
}
