// The audit log: who did what to which object, when and from where. Entries are written in the
// transaction of the action they describe and never changed (a trigger refuses UPDATE/DELETE).
import { type Executor, queryRows } from '@zulin/db';
import { assert, decodeCursor, newId, type Page, pageLimit, toPage } from '@zulin/kernel';
import { type SQL, sql } from 'drizzle-orm';
import { customerLabels } from './customer-labels';
import type { Principal } from './principal';

export type AuditActor = Principal | { kind: 'system' } | { kind: 'anonymous' };

export interface AuditEntryInput {
  actor: AuditActor;
  /** `module.thing_done`, e.g. `catalog.product_published`. */
  action: string;
  targetType: string;
  targetId: string;
  ip?: string | undefined;
  /** Never put clear personal data here: masked forms only. */
  detail?: Record<string, unknown> | undefined;
  at: Date;
}

const ACTION_PATTERN = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/;

function actorColumns(actor: AuditActor): { kind: string; id: string | null; name: string | null } {
  switch (actor.kind) {
    case 'customer':
      return { kind: 'customer', id: actor.customerId, name: null };
    case 'staff':
      return { kind: 'staff', id: actor.staffId, name: actor.username };
    case 'partner':
      return { kind: 'partner', id: actor.partnerId, name: null };
    case 'system':
      return { kind: 'system', id: null, name: null };
    case 'anonymous':
      return { kind: 'anonymous', id: null, name: null };
  }
}

export async function recordAudit(tx: Executor, entry: AuditEntryInput): Promise<void> {
  assert(ACTION_PATTERN.test(entry.action), `audit action must read module.something_done: ${entry.action}`);
  assert(entry.targetType.length > 0, 'audit targetType must not be empty');
  const actor = actorColumns(entry.actor);
  await tx.execute(sql`
    insert into identity_audit_log (id, at, actor_kind, actor_id, actor_name, action, target_type, target_id, ip, detail)
    values (${newId('aud')}, ${entry.at}, ${actor.kind}, ${actor.id}, ${actor.name}, ${entry.action},
            ${entry.targetType}, ${entry.targetId}, ${entry.ip ?? null}, ${JSON.stringify(entry.detail ?? {})}::jsonb)`);
}

/** Writes several audit entries in one statement (bulk work such as the demo seed). */
export async function recordAudits(tx: Executor, entries: readonly AuditEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => {
    assert(ACTION_PATTERN.test(entry.action), `audit action must read module.something_done: ${entry.action}`);
    assert(entry.targetType.length > 0, 'audit targetType must not be empty');
    const actor = actorColumns(entry.actor);
    return sql`(${newId('aud')}, ${entry.at}, ${actor.kind}, ${actor.id}, ${actor.name}, ${entry.action},
                ${entry.targetType}, ${entry.targetId}, ${entry.ip ?? null}, ${JSON.stringify(entry.detail ?? {})}::jsonb)`;
  });
  await tx.execute(sql`
    insert into identity_audit_log (id, at, actor_kind, actor_id, actor_name, action, target_type, target_id, ip, detail)
    values ${sql.join(rows, sql`, `)}`);
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { kind: string; id: string | null; name: string | null };
  action: string;
  targetType: string;
  targetId: string;
  /** A customer target's masked real name (张*), read when listed; null: show the id. */
  targetName?: string | null;
  /**
   * The customers the detail names (a `cus_…` value at any depth), by id: the masked name and phone
   * (张* 138****8000), or the masked phone when no name is verified. Read when listed.
   */
  detailNames?: Record<string, string>;
  ip: string | null;
  detail: Record<string, unknown>;
}

export interface AuditQuery {
  actorId?: string | undefined;
  action?: string | undefined;
  excludeAction?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

interface AuditRow {
  seq: string | number;
  id: string;
  at: Date | string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string;
  target_id: string;
  ip: string | null;
  detail: Record<string, unknown> | string;
}

/** Exact, or a prefix when the pattern ends in `.` or `*` (`staff.` → every staff action). */
function actionMatches(pattern: string): SQL {
  const prefix = pattern.replace(/\*$/, '');
  return prefix.endsWith('.') || pattern.endsWith('*') ? sql`starts_with(action, ${prefix})` : sql`action = ${pattern}`;
}

/**
 * Newest first; `action` ending in `.` or `*` matches a prefix (`staff.` → every staff action);
 * `excludeAction` leaves out what the same rule matches (`http.` → no per-request rows).
 */
export async function listAuditEntries(db: Executor, query: AuditQuery): Promise<Page<AuditEntry>> {
  const limit = pageLimit(query.limit);
  const conditions: SQL[] = [sql`true`];
  if (query.actorId) conditions.push(sql`actor_id = ${query.actorId}`);
  if (query.action) conditions.push(actionMatches(query.action));
  if (query.excludeAction) conditions.push(sql`not (${actionMatches(query.excludeAction)})`);
  if (query.targetType) conditions.push(sql`target_type = ${query.targetType}`);
  if (query.targetId) conditions.push(sql`target_id = ${query.targetId}`);
  if (query.from) conditions.push(sql`at >= ${query.from}`);
  if (query.to) conditions.push(sql`at < ${query.to}`);
  if (query.cursor) {
    const [seq] = decodeCursor(query.cursor);
    if (typeof seq === 'number') conditions.push(sql`seq < ${seq}`);
  }
  const rows = await queryRows<AuditRow>(
    db,
    sql`select seq, id, at, actor_kind, actor_id, actor_name, action, target_type, target_id, ip, detail
        from identity_audit_log where ${sql.join(conditions, sql` and `)}
        order by seq desc limit ${limit + 1}`,
  );
  const page = toPage(rows, limit, (row) => [Number(row.seq)]);
  return { data: page.data.map(toEntry), nextCursor: page.nextCursor };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
  };
}

const CUSTOMER_ID = /^cus_[A-Za-z0-9]+$/;

/** The customer ids a detail holds as values, at any depth (a detail is small: a few keys). */
function customerIdsIn(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return CUSTOMER_ID.test(value) ? [value] : [];
  if (depth > 4 || typeof value !== 'object' || value === null) return [];
  const values = Array.isArray(value) ? value : Object.values(value);
  return [...new Set(values.flatMap((v) => customerIdsIn(v, depth + 1)))];
}

/**
 * Names the customers of a page of entries as staff may read them: a customer actor's and a
 * customer target's masked real name (张*), resolved now (the log keeps only the id, so a later
 * verification or an erasure shows). A customer without a verified name keeps null: the id is shown.
 */
export async function nameAuditCustomers(
  db: Executor,
  masterKey: Buffer,
  entries: readonly AuditEntry[],
): Promise<AuditEntry[]> {
  const inDetail = new Map(entries.map((e) => [e.id, customerIdsIn(e.detail)]));
  const ids = entries.flatMap((e) => [
    ...(e.actor.kind === 'customer' && e.actor.id !== null ? [e.actor.id] : []),
    ...(e.targetType === 'customer' ? [e.targetId] : []),
    ...(inDetail.get(e.id) ?? []),
  ]);
  const labels = await customerLabels(db, masterKey, ids);
  return entries.map((e) => ({
    ...e,
    detailNames: Object.fromEntries(
      (inDetail.get(e.id) ?? []).flatMap((id) => {
        const label = labels.get(id)?.label;
        return label === undefined ? [] : [[id, label]];
      }),
    ),
    actor:
      e.actor.kind === 'customer' && e.actor.id !== null
        ? { ...e.actor, name: labels.get(e.actor.id)?.nameMasked ?? null }
        : e.actor,
    targetName: e.targetType === 'customer' ? (labels.get(e.targetId)?.nameMasked ?? null) : null,
  }));
}

/**
 * An entry as a reader without `audit.raw` may see it (#18): every customer id in the detail (at
 * any depth) is replaced by the customer's masked label from `detailNames` (张* 138****8000), or by
 * `cus_…` when the customer has none, and `detailNames` goes, since its keys are those ids. The
 * labelled fields still read the same; the record as written (with the ids) stays with `audit.raw`.
 */
export function withoutRawDetail(entry: AuditEntry): AuditEntry {
  const names = entry.detailNames ?? {};
  const { detailNames: _ids, ...rest } = entry;
  return { ...rest, detail: maskCustomerIds(entry.detail, names, 0) as Record<string, unknown> };
}

const HIDDEN_CUSTOMER = 'cus_…';

function maskCustomerIds(value: unknown, names: Record<string, string>, depth: number): unknown {
  if (typeof value === 'string') return CUSTOMER_ID.test(value) ? (names[value] ?? HIDDEN_CUSTOMER) : value;
  // Deeper than customerIdsIn looks, a value is dropped rather than passed on unread.
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 4) return HIDDEN_CUSTOMER;
  if (Array.isArray(value)) return value.map((v) => maskCustomerIds(v, names, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskCustomerIds(v, names, depth + 1)]));
}
