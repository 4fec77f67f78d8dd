// Creates a staff account: validated username and role, scrypt password, TOTP secret stored encrypted; audited.
import { type Database, type Executor, queryRows, transaction } from '@zulin/db';
import { type Clock, KernelErrors, newId } from '@zulin/kernel';
import { newTotpSecret } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { recordAudit } from './audit';
import { IdentityErrors } from './errors';
import { IdentityLimits } from './limits';
import { hashPassword } from './passwords';
import { isRole, type Role } from './permissions';
import { encryptPii } from './pii';
import type { StaffPrincipal } from './principal';
import { type StaffRow, type StaffView, totpUri, toView } from './staff';

const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;
const BASE32_PATTERN = /^[A-Z2-7]{16,128}$/;

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
