// Operator settings, one way for every module (docs/modules.md, "Settings"): a module keeps its settings
// in its own `<module>_settings` table (key, JSON value, who changed it, when), one JSON document per
// key, checked by the module's parser when saved and again when read (so a field added since takes its
// default). The defaults apply while a key has no row. A change is written with its audit entry
// (who, before, after, which fields) and its event, in the caller's transaction — beside the audit
// log, which is why this lives in identity.
import { type EventMap, type EventType, type Executor, emitEvent, queryRows } from '@zulin/db';
import { sql } from 'drizzle-orm';
import { recordAudit } from './audit';
import type { StaffPrincipal } from './principal';
import { staffNames } from './staff';

/** An event type whose payload names who changed the settings and which fields changed. */
type SettingsEventType = {
  [K in EventType]: EventMap[K] extends { changedBy: string; keys: string[] } ? K : never;
}[EventType];

export interface StoredSettings<T> {
  value: T;
  /** null while the defaults apply. */
  updatedBy: string | null;
  updatedAt: Date | null;
}

export interface AuditedSettingsSpec<T extends object> {
  /** The module's settings table, `<module>_settings` (key text primary key, value jsonb, updated_by, updated_at). */
  table: `${string}_settings`;
  key: string;
  defaults: Readonly<T>;
  /** Checks a value from outside (missing fields take their default) and throws a problem naming each bad field. */
  parse: (input: unknown) => T;
  /** `module.something_changed`, for the audit log. */
  auditAction: string;
  eventType: SettingsEventType;
}

/** What a settings route answers beside the value (under the module's own name for it). */
export interface SettingsMeta<T> {
  defaults: Readonly<T>;
  updatedBy: string | null;
  /** The staff member who last changed them, by name. */
  updatedByName: string | null;
  updatedAt: string | null;
}

export interface AuditedSettings<T> {
  /**
   * The value in force. With `guard: true` (in a transaction), a writer that acts on the value — an
   * offer checked against a rate cap — holds it until its transaction ends: a concurrent `save` waits
   * for it, and it waits for a `save` under way, then reads what that save committed.
   */
  read(db: Executor, options?: { guard?: boolean }): Promise<StoredSettings<T>>;
  /** The defaults and who changed the settings last, by name and when, for a settings route's answer. */
  present(db: Executor, stored: StoredSettings<T>): Promise<SettingsMeta<T>>;
  /** Replaces the value with `input` (missing fields take their default); refuses bad input, naming each field. */
  save(tx: Executor, options: { input: unknown; staff: StaffPrincipal; now: Date }): Promise<StoredSettings<T>>;
}

export function auditedSettings<T extends object>(spec: AuditedSettingsSpec<T>): AuditedSettings<T> {
  const table = sql.identifier(spec.table);
  // A transaction-scoped advisory lock per setting: shared by guarded readers, exclusive for a save. A
  // row lock would not do: while the defaults apply there is no row to lock.
  const lockKey = sql`hashtextextended(${`${spec.table}:${spec.key}`}, 0)`;
  const read = async (db: Executor, options?: { guard?: boolean }): Promise<StoredSettings<T>> => {
    if (options?.guard) await db.execute(sql`select pg_advisory_xact_lock_shared(${lockKey})`);
    const [row] = await queryRows<{ value: unknown; updated_by: string; updated_at: Date | string }>(
      db,
      sql`select value, updated_by, updated_at from ${table} where key = ${spec.key}`,
    );
    if (row === undefined) return { value: structuredClone(spec.defaults) as T, updatedBy: null, updatedAt: null };
    const value = spec.parse(row.value);
    return { value, updatedBy: row.updated_by, updatedAt: new Date(row.updated_at) };
  };
  return {
    read,
    async present(db, stored) {
      const updatedByName =
        stored.updatedBy === null ? null : ((await staffNames(db, [stored.updatedBy])).get(stored.updatedBy) ?? null);
      return {
        defaults: spec.defaults,
        updatedBy: stored.updatedBy,
        updatedByName,
        updatedAt: stored.updatedAt?.toISOString() ?? null,
      };
    },
    async save(tx, options) {
      const value = spec.parse(options.input);
      // Exclusive: the audit's "before" is the value this save replaces, and readers that acted on
      // the old value (guarded reads) have committed before the new one is written.
      await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
      const before = await read(tx);
      const changed = Object.keys(value).filter(
        (key) =>
          JSON.stringify((value as Record<string, unknown>)[key]) !==
          JSON.stringify((before.value as Record<string, unknown>)[key]),
      );
      await tx.execute(sql`
        insert into ${table} (key, value, updated_by, updated_at)
        values (${spec.key}, ${JSON.stringify(value)}::jsonb, ${options.staff.staffId}, ${options.now})
        on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
      await recordAudit(tx, {
        actor: options.staff,
        action: spec.auditAction,
        targetType: spec.table,
        targetId: spec.key,
        detail: { changed, before: before.value, after: value },
        at: options.now,
      });
      await emitEvent(tx, options.now, {
        type: spec.eventType,
        aggregateType: spec.table,
        aggregateId: spec.key,
        payload: { changedBy: options.staff.staffId, keys: changed },
      } as Parameters<typeof emitEvent>[2]);
      return { value, updatedBy: options.staff.staffId, updatedAt: options.now };
    },
  };
}
