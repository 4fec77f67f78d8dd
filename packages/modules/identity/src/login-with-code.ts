// Customer login with phone number and SMS code. The newest code of the number counts; it is
// valid for 5 minutes and 5 tries. A number never seen before becomes a new customer.
import { type Database, type Executor, queryRows, transaction } from '@zulin/db';
import { type Clock, KernelErrors } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { customerIsActive, findOrCreateCustomer } from './customers';
import { IdentityErrors } from './errors';
import { IdentityLimits } from './limits';
import { parsePhone } from './phone';
import { blindIndex } from './pii';
import { loginCodeMatches } from './send-login-code';
import { type Session, startSession } from './sessions';

export interface LoginResult {
  session: Session;
  customerId: string;
  created: boolean;
}

type LoginOutcome =
  | { kind: 'ok'; result: LoginResult }
  | { kind: 'disabled' }
  | { kind: 'code'; check: Exclude<CodeCheck, { kind: 'ok' }> };

type CodeCheck = { kind: 'ok' } | { kind: 'invalid' } | { kind: 'wrong'; attemptsLeft: number } | { kind: 'exhausted' };

export function assertCodeShape(code: string, path = '/body/code'): void {
  if (!/^[0-9]{6}$/.test(code)) {
    throw KernelErrors.VALIDATION_FAILED({
      detail: 'The code is the 6 digits of the SMS.',
      errors: [{ path, message: 'must be 6 digits', code: 'SMS_CODE_FORMAT' }],
    });
  }
}

/** Checks and consumes the newest code of a number in the caller's transaction. */
export async function consumeLoginCode(
  tx: Executor,
  masterKey: Buffer,
  now: Date,
  phone: string,
  code: string,
): Promise<CodeCheck> {
  const rows = await queryRows<{
    id: string;
    code_hash: string;
    attempts: number;
    expires_at: Date | string;
    consumed_at: unknown;
  }>(
    tx,
    sql`select id, code_hash, attempts, expires_at, consumed_at from identity_sms_codes
        where phone_bidx = ${blindIndex(masterKey, 'phone', phone)}
        order by created_at desc, id desc limit 1 for update`,
  );
  const row = rows[0];
  if (row === undefined || row.consumed_at !== null) return { kind: 'invalid' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { kind: 'invalid' };
  if (row.attempts >= IdentityLimits.smsCodeAttemptsMax) return { kind: 'exhausted' };
  if (!loginCodeMatches(masterKey, row.id, code, row.code_hash)) {
    await tx.execute(sql`update identity_sms_codes set attempts = attempts + 1 where id = ${row.id}`);
    const attemptsLeft = IdentityLimits.smsCodeAttemptsMax - row.attempts - 1;
    return attemptsLeft <= 0 ? { kind: 'exhausted' } : { kind: 'wrong', attemptsLeft };
  }
  await tx.execute(sql`update identity_sms_codes set consumed_at = ${now} where id = ${row.id}`);
  return { kind: 'ok' };
}

export function throwForCodeCheck(check: Exclude<CodeCheck, { kind: 'ok' }>): never {
  if (check.kind === 'exhausted') throw IdentityErrors.SMS_CODE_TOO_MANY_ATTEMPTS();
  if (check.kind === 'wrong') {
    throw IdentityErrors.SMS_CODE_INVALID({ detail: `Wrong code; ${check.attemptsLeft} tries left.` });
  }
  throw IdentityErrors.SMS_CODE_INVALID({ detail: 'No valid code for this number; request a new one.' });
}

export async function loginWithCode(
  database: Database,
  options: { masterKey: Buffer; clock: Clock; phone: string; code: string },
): Promise<LoginResult> {
  const phone = parsePhone(options.phone);
  assertCodeShape(options.code);
  const now = options.clock.now();
  // A wrong try must be counted even though the request fails, so the outcome leaves the transaction.
  const outcome = await transaction(database, async (tx): Promise<LoginOutcome> => {
    const check = await consumeLoginCode(tx, options.masterKey, now, phone, options.code);
    if (check.kind !== 'ok') return { kind: 'code', check };
    const { customerId, created } = await findOrCreateCustomer(tx, options.masterKey, options.clock, phone);
    if (!(await customerIsActive(tx, customerId))) return { kind: 'disabled' };
    const session = await startSession(tx, options.masterKey, now, { kind: 'customer', customerId });
    return { kind: 'ok', result: { session, customerId, created } };
  });
  switch (outcome.kind) {
    case 'ok':
      return outcome.result;
    case 'disabled':
      throw IdentityErrors.AUTH_CUSTOMER_DISABLED();
    case 'code':
      return throwForCodeCheck(outcome.check);
  }
}
