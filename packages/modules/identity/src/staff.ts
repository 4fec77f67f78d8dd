// Staff accounts: username, role, scrypt password and TOTP secret (encrypted), lock-out after 5
// failed logins for 15 minutes, and every login attempt and every change audited.
import { type Database, type Executor, queryRows, transaction } from '@zulin/db';
import { type Clock, decodeCursor, KernelErrors, newId, type Page, pageLimit, toPage } from '@zulin/kernel';
import { matchTotp, newTotpSecret, totpUri as platformTotpUri, type Refusal, refuse } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { recordAudit } from './audit';
import { IdentityErrors } from './errors';
import { IdentityLimits } from './limits';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { isRole, permissionsOf, type Role } from './permissions';
import { decryptPii, encryptPii } from './pii';
import type { StaffPrincipal } from './principal';
import { type Session, startSession } from './sessions';

export const TOTP_ISSUER = 'Zulin';
const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;
const BASE32_PATTERN = /^[A-Z2-7]{16,128}$/;

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

interface StaffRow {
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

function toView(row: StaffRow): StaffView {
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

export interface CreateStaffInput {
  username: string;
  role: string;
  password: string;
  displayName?: string | null | undefined;
  totpSecret?: string | undefined;
}

export interface CreatedStaff {
  staff: StaffView;
  totpSecret: string;
  otpauthUrl: string;
}

function validateStaffInput(input: CreateStaffInput): { username: string; role: Role; totpSecret: string } {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw KernelErrors.VALIDATION_FAILED({
      detail: 'A username is 3–32 lowercase letters, digits, dot, dash or underscore, starting with a letter.',
      errors: [{ path: '/body/username', message: 'invalid username', code: 'USERNAME_INVALID' }],
    });
  }
  if (!isRole(input.role)) {
    throw KernelErrors.VALIDATION_FAILED({
      detail: `Unknown role ${input.role}.`,
      errors: [{ path: '/body/role', message: 'unknown role', code: 'ROLE_UNKNOWN' }],
    });
  }
  if (input.password.length < IdentityLimits.staffPasswordLengthMin) {
    throw IdentityErrors.STAFF_PASSWORD_WEAK({
      detail: `At least ${IdentityLimits.staffPasswordLengthMin} characters.`,
      errors: [{ path: '/body/password', message: 'too short', code: 'PASSWORD_TOO_SHORT' }],
    });
  }
  const totpSecret = (input.totpSecret ?? newTotpSecret()).replace(/\s/g, '').toUpperCase();
  if (!BASE32_PATTERN.test(totpSecret)) throw IdentityErrors.STAFF_TOTP_SECRET_INVALID();
  return { username, role: input.role, totpSecret };
}

export async function createStaff(
  database: Database | Executor,
  options: { masterKey: Buffer; clock: Clock; actor: StaffPrincipal | { kind: 'system' }; ip?: string | undefined },
  input: CreateStaffInput,
): Promise<CreatedStaff> {
  const { username, role, totpSecret } = validateStaffInput(input);
  const passwordHash = await hashPassword(input.password);
  return transaction(database, (tx) => insertStaff(tx, options, input, { username, role, totpSecret, passwordHash }));
}

async function insertStaff(
  tx: Executor,
  options: { masterKey: Buffer; clock: Clock; actor: StaffPrincipal | { kind: 'system' }; ip?: string | undefined },
  input: CreateStaffInput,
  {
    username,
    role,
    totpSecret,
    passwordHash,
  }: { username: string; role: Role; totpSecret: string; passwordHash: string },
): Promise<CreatedStaff> {
  const now = options.clock.now();
  const id = newId('stf', options.clock);
  const inserted = await queryRows<StaffRow>(
    tx,
    sql`insert into identity_staff (id, username, display_name, role, password_hash, totp_secret_enc, created_at, updated_at)
        values (${id}, ${username}, ${input.displayName ?? null}, ${role}, ${passwordHash},
                ${await encryptPii(tx, options.masterKey, totpSecret)}, ${now}, ${now})
        on conflict (username) do nothing
        returning id, username, display_name, role, status, locked_until, last_login_at, created_at`,
  );
  const row = inserted[0];
  if (row === undefined) throw IdentityErrors.STAFF_USERNAME_TAKEN();
  await recordAudit(tx, {
    actor: options.actor,
    action: 'staff.created',
    targetType: 'staff',
    targetId: id,
    ip: options.ip,
    detail: { username, role },
    at: now,
  });
  return { staff: toView(row), totpSecret, otpauthUrl: totpUri(username, totpSecret) };
}

interface LoginRow {
  id: string;
  username: string;
  role: string;
  status: string;
  password_hash: string;
  totp_secret_enc: string;
  totp_last_step: number | null;
  failed_attempts: number;
  locked_until: Date | string | null;
}

type LoginOutcome =
  | { kind: 'ok'; session: Session; staff: StaffView }
  | { kind: 'failed' }
  | { kind: 'locked'; until: Date }
  | { kind: 'disabled' };

/**
 * Password + TOTP login. Every attempt writes an audit entry, failures included; a failure is
 * returned as a refusal so that its audit entry and failure count commit.
 */
export async function staffLogin(
  tx: Executor,
  options: { masterKey: Buffer; clock: Clock; ip?: string | undefined },
  input: { username: string; password: string; totp: string },
): Promise<{ session: Session; staff: StaffView } | Refusal> {
  const username = input.username.trim().toLowerCase();
  const now = options.clock.now();
  const outcome = await (async (): Promise<LoginOutcome> => {
    const rows = await queryRows<LoginRow>(
      tx,
      sql`select id, username, role, status, password_hash, totp_secret_enc, totp_last_step, failed_attempts, locked_until
          from identity_staff where username = ${username} for update`,
    );
    const row = rows[0];
    const audit = (action: string, detail: Record<string, unknown>) =>
      recordAudit(tx, {
        actor: row ? staffActor(row) : { kind: 'anonymous' },
        action,
        targetType: 'staff',
        targetId: row?.id ?? username,
        ip: options.ip,
        detail: { username, ...detail },
        at: now,
      });
    if (row === undefined) {
      await verifyPassword(input.password, await decoyPasswordHash());
      await audit('staff.login_failed', { reason: 'unknown_username' });
      return { kind: 'failed' };
    }
    if (row.locked_until !== null && new Date(row.locked_until).getTime() > now.getTime()) {
      await audit('staff.login_failed', { reason: 'locked' });
      return { kind: 'locked', until: new Date(row.locked_until) };
    }
    const passwordOk = await verifyPassword(input.password, row.password_hash);
    const step = passwordOk ? await totpStep(tx, options.masterKey, row, input.totp, now) : null;
    if (!passwordOk || step === null) {
      const failures = row.failed_attempts + 1;
      const lock = failures >= IdentityLimits.staffLoginFailuresMax;
      const lockedUntil = lock ? new Date(now.getTime() + IdentityLimits.staffLockoutMs) : null;
      await tx.execute(sql`update identity_staff set failed_attempts = ${lock ? 0 : failures},
          locked_until = ${lockedUntil}, updated_at = ${now} where id = ${row.id}`);
      await audit('staff.login_failed', { reason: passwordOk ? 'wrong_totp' : 'wrong_password', locked: lock });
      return lock && lockedUntil ? { kind: 'locked', until: lockedUntil } : { kind: 'failed' };
    }
    if (row.status !== 'active') {
      await audit('staff.login_failed', { reason: 'disabled' });
      return { kind: 'disabled' };
    }
    const updated = await queryRows<StaffRow>(
      tx,
      sql`update identity_staff set failed_attempts = 0, locked_until = null, totp_last_step = ${step},
            last_login_at = ${now}, updated_at = ${now} where id = ${row.id}
          returning id, username, display_name, role, status, locked_until, last_login_at, created_at`,
    );
    await audit('staff.login_succeeded', {});
    const session = await startSession(tx, options.masterKey, now, { kind: 'staff', staffId: row.id });
    return { kind: 'ok', session, staff: toView(updated[0] as StaffRow) };
  })();
  switch (outcome.kind) {
    case 'ok':
      return { session: outcome.session, staff: outcome.staff };
    case 'locked':
      return refuse(
        IdentityErrors.STAFF_LOCKED({
          detail: `Locked until ${outcome.until.toISOString()}.`,
          headers: { 'retry-after': String(Math.ceil((outcome.until.getTime() - now.getTime()) / 1000)) },
        }),
      );
    case 'disabled':
      return refuse(IdentityErrors.AUTH_STAFF_DISABLED());
    case 'failed':
      return refuse(IdentityErrors.STAFF_LOGIN_FAILED());
  }
}

function staffActor(row: LoginRow): StaffPrincipal {
  const role = isRole(row.role) ? row.role : 'auditor';
  return { kind: 'staff', staffId: row.id, username: row.username, role, permissions: permissionsOf(role) };
}

/** The TOTP time step the code matched, or null; a step already used is refused (no replay). */
async function totpStep(
  tx: Executor,
  masterKey: Buffer,
  row: LoginRow,
  token: string,
  now: Date,
): Promise<number | null> {
  const secret = await decryptPii(tx, masterKey, row.totp_secret_enc);
  return matchTotp({ secret, token, now, lastStep: row.totp_last_step });
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

export async function getStaff(db: Executor, staffId: string): Promise<StaffView> {
  const rows = await queryRows<StaffRow>(db, sql`select ${staffColumns} from identity_staff where id = ${staffId}`);
  const row = rows[0];
  if (row === undefined) throw KernelErrors.NOT_FOUND({ detail: 'No such staff member.' });
  return toView(row);
}

/** Changes role and/or status. Nobody changes their own; setting the status to active also lifts a lock-out. */
export async function updateStaff(
  database: Database | Executor,
  options: { clock: Clock; actor: StaffPrincipal; ip?: string | undefined },
  staffId: string,
  changes: { role?: string | undefined; status?: 'active' | 'disabled' | undefined },
): Promise<StaffView> {
  return transaction(database, (tx) => applyStaffChange(tx, options, staffId, changes));
}

async function applyStaffChange(
  tx: Executor,
  options: { clock: Clock; actor: StaffPrincipal; ip?: string | undefined },
  staffId: string,
  changes: { role?: string | undefined; status?: 'active' | 'disabled' | undefined },
): Promise<StaffView> {
  // Two admins changing one account at once apply one after the other, each seeing the other's result.
  await tx.execute(sql`select 1 from identity_staff where id = ${staffId} for update`);
  const before = await getStaff(tx, staffId);
  if (staffId === options.actor.staffId) throw IdentityErrors.STAFF_SELF_CHANGE();
  if (changes.role !== undefined && !isRole(changes.role)) {
    throw KernelErrors.VALIDATION_FAILED({
      errors: [{ path: '/body/role', message: 'unknown role', code: 'ROLE_UNKNOWN' }],
    });
  }
  const now = options.clock.now();
  const role = changes.role ?? before.role;
  const status = changes.status ?? before.status;
  await tx.execute(sql`update identity_staff set role = ${role}, status = ${status}, updated_at = ${now}
      ${changes.status === 'active' ? sql`, failed_attempts = 0, locked_until = null` : sql``}
      where id = ${staffId}`);
  if (status === 'disabled' && before.status !== 'disabled') {
    await tx.execute(sql`update identity_refresh_tokens set revoked_at = ${now}
        where subject_kind = 'staff' and subject_id = ${staffId} and revoked_at is null`);
  }
  const changed: Record<string, unknown> = {};
  if (role !== before.role) changed.role = { from: before.role, to: role };
  if (status !== before.status) changed.status = { from: before.status, to: status };
  await recordAudit(tx, {
    actor: options.actor,
    action: 'staff.updated',
    targetType: 'staff',
    targetId: staffId,
    ip: options.ip,
    detail: changed,
    at: now,
  });
  return getStaff(tx, staffId);
}
