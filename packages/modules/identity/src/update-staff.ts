// Changes a staff member's role and/or status (never one's own); disabling revokes their sessions; audited.
import { type Database, type Executor, emitEvent, transaction } from '@zulin/db';
import { type Clock, KernelErrors } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { recordAudit } from './audit';
import { IdentityErrors } from './errors';
import { isRole } from './permissions';
import type { StaffPrincipal } from './principal';
import { getStaff, type StaffView } from './staff';

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
  const sessionsRevoked = status === 'disabled' && before.status !== 'disabled';
  if (sessionsRevoked || role !== before.role) {
    await emitEvent(tx, now, {
      type: 'identity.staff_access_changed',
      aggregateType: 'staff',
      aggregateId: staffId,
      payload: { staffId, status, role, sessionsRevoked },
    });
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
