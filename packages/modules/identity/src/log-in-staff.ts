// Staff login: password plus TOTP (no replayed step), lock-out after repeated failures, every attempt audited.
import { type Executor, queryRows } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { matchTotp, type Refusal, refuse } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { recordAudit } from './audit';
import { IdentityErrors } from './errors';
import { IdentityLimits } from './limits';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { isRole, permissionsOf } from './permissions';
import { decryptPii } from './pii';
import type { StaffPrincipal } from './principal';
import { type Session, startSession } from './sessions';
import { type StaffRow, type StaffView, toView } from './staff';

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
