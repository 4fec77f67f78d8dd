// Staff accounts: username, role, scrypt password and TOTP secret (encrypted), lock-out after 5
// failed logins for 15 minutes, and every login attempt and every change audited. This file holds
// the staff view and reads; the use cases are create-staff.ts, log-in-staff.ts, update-staff.ts.
import { type Executor, queryRows } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { totpUri as platformTotpUri } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { isRole, type Permission, permissionsOf, type Role } from './permissions';
import type { StaffPrincipal } from './principal';

export const TOTP_ISSUER = 'Zulin';

export interface StaffView {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface StaffRow {
  id: string;
  username: string;
  display_name: string | null;
  role: string;
  status: 'active' | 'disabled';
  locked_until: Date | string | null;
  last_login_at: Date | string | null;
  created_at: Date | string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function toView(row: StaffRow): StaffView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: isRole(row.role) ? row.role : 'auditor',
    status: row.status,
    lockedUntil: iso(row.locked_until),
    lastLoginAt: iso(row.last_login_at),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function totpUri(username: string, secret: string): string {
  return platformTotpUri({ issuer: TOTP_ISSUER, label: username, secret });
}

const staffColumns = sql.raw('id, username, display_name, role, status, locked_until, last_login_at, created_at');

export async function listStaff(
  db: Executor,
  query: { limit?: number | undefined; cursor?: string | undefined; role?: string | undefined },
): Promise<Page<StaffView>> {
  const limit = pageLimit(query.limit);
  const after = query.cursor ? String(decodeCursor(query.cursor)[0]) : '';
  const rows = await queryRows<StaffRow>(
    db,
    sql`select ${staffColumns} from identity_staff
        where username > ${after} ${query.role ? sql`and role = ${query.role}` : sql``}
        order by username limit ${limit + 1}`,
  );
  const page = toPage(rows, limit, (row) => [row.username]);
  return { data: page.data.map(toView), nextCursor: page.nextCursor };
}

/**
 * The first staff member of a role (by username) as the principal the demo seeds act as — the
 * warehouse that ships, the agent who answers — with the role's permissions; null when there is none.
 */
export async function firstStaffOfRole(db: Executor, role: Role): Promise<StaffPrincipal | null> {
  const [staff] = (await listStaff(db, { role, limit: 1 })).data;
  if (staff === undefined) return null;
  return {
    kind: 'staff',
    staffId: staff.id,
    username: staff.username,
    role: staff.role,
    permissions: permissionsOf(staff.role),
  };
}

/**
 * The names staff are shown by (display name, else username), for screens that list who did what
 * (a waiver's maker and checker). Unknown ids are left out.
 */
export async function staffNames(db: Executor, staffIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(staffIds)];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; username: string; display_name: string | null }>(
    db,
    sql`select id, username, display_name from identity_staff where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r.display_name ?? r.username]));
}

/** True when the staff member exists, is active and their role grants the permission (an assignee check). */
export async function isActiveStaffWith(db: Executor, staffId: string, permission: Permission): Promise<boolean> {
  const rows = await queryRows<StaffRow>(db, sql`select ${staffColumns} from identity_staff where id = ${staffId}`);
  const row = rows[0];
  return row !== undefined && row.status === 'active' && isRole(row.role) && permissionsOf(row.role).has(permission);
}

export async function getStaff(db: Executor, staffId: string): Promise<StaffView> {
  const rows = await queryRows<StaffRow>(db, sql`select ${staffColumns} from identity_staff where id = ${staffId}`);
  const row = rows[0];
  if (row === undefined) throw KernelErrors.NOT_FOUND({ detail: 'No such staff member.' });
  return toView(row);
}
