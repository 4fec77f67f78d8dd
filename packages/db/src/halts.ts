// Halts: a part of the system that found one of its invariants broken stops itself — it refuses
// work with a clear error — until a person has looked and cleared it. This is how a money
// invariant is handled without stopping the process: the rest of the service keeps answering, and
// nothing moves money on books that are known to be wrong.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from './database';
import { halts } from './schema';

export interface Halt {
  scope: string;
  reason: string;
  detectedAt: Date;
}

/** Records an open halt of `scope` (once: while one is open, later failures are only logged). */
export async function recordHalt(db: Executor, scope: string, reason: string, now: Date): Promise<void> {
  await db
    .insert(halts)
    .values({ scope, reason: reason.slice(0, 2000), detectedAt: now })
    .onConflictDoNothing({ target: halts.scope, where: sql`${halts.clearedAt} is null` });
}

/** The open halt of `scope`, if any. */
export async function openHalt(db: Executor, scope: string): Promise<Halt | undefined> {
  const [row] = await db
    .select({ scope: halts.scope, reason: halts.reason, detectedAt: halts.detectedAt })
    .from(halts)
    .where(and(eq(halts.scope, scope), isNull(halts.clearedAt)));
  return row;
}

export async function openHalts(db: Executor): Promise<Halt[]> {
  return db
    .select({ scope: halts.scope, reason: halts.reason, detectedAt: halts.detectedAt })
    .from(halts)
    .where(isNull(halts.clearedAt));
}

/** Clears the open halt of `scope`; false when there was none. */
export async function clearHalt(
  db: Executor,
  input: { scope: string; by: string; note: string; now: Date },
): Promise<boolean> {
  const cleared = await db
    .update(halts)
    .set({ clearedAt: input.now, clearedBy: input.by, clearNote: input.note })
    .where(and(eq(halts.scope, input.scope), isNull(halts.clearedAt)))
    .returning({ id: halts.id });
  return cleared.length > 0;
}
