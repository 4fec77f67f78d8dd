// Customer login with phone number and SMS code. The newest code of the number counts; it is
// valid for 5 minutes and 5 tries. A number never seen before becomes a new customer.
//
// A try is counted first, in its own transaction (`claimLoginCodeTry`), so a wrong code uses up a
// try although the login fails; the code is then spent in the login's own transaction.
import type { Database, Executor } from '@zulin/db';
import { type Clock, KernelErrors } from '@zulin/kernel';
import { type CodeTry, claimCodeTry, spendCode } from '@zulin/platform';
import { type ConsentGiven, requireConsents } from './consents';
import { customerIsActive, findOrCreateCustomer } from './customers';
import { IdentityErrors } from './errors';
import { parsePhone } from './phone';
import { codeSecret, loginCodeBinding, loginCodePolicy, loginCodeSubject } from './send-login-code';
import { type Session, startSession } from './sessions';

export interface LoginResult {
  session: Session;
  customerId: string;
  created: boolean;
}

export function assertCodeShape(code: string, path = '/body/code'): void {
  if (!/^[0-9]{6}$/.test(code)) {
    throw KernelErrors.VALIDATION_FAILED({
      detail: 'The code is the 6 digits of the SMS.',
      errors: [{ path, message: 'must be 6 digits', code: 'SMS_CODE_FORMAT' }],
    });
  }
}

/** Counts one try at the number's newest login code (kept whatever happens next). */
export async function claimLoginCodeTry(
  database: Database,
  options: { masterKey: Buffer; clock: Clock; phone: string; code: string; path?: string },
): Promise<CodeTry> {
  assertCodeShape(options.code, options.path);
  const outcome = await claimCodeTry(database, {
    policy: loginCodePolicy,
    subject: loginCodeSubject(options.masterKey, parsePhone(options.phone)),
    now: options.clock.now(),
  });
  if (outcome.kind === 'exhausted') throw IdentityErrors.SMS_CODE_TOO_MANY_ATTEMPTS();
  if (outcome.kind === 'none') {
    throw IdentityErrors.SMS_CODE_INVALID({ detail: 'No valid code for this number; request a new one.' });
  }
  return outcome;
}

/** Spends the counted try's code in the caller's transaction; a wrong code is refused. */
export async function spendLoginCode(
  tx: Executor,
  options: { masterKey: Buffer; now: Date; phone: string; code: string; codeTry: CodeTry },
): Promise<void> {
  const spent = await spendCode(tx, {
    secret: codeSecret(options.masterKey),
    policy: loginCodePolicy,
    subject: loginCodeSubject(options.masterKey, options.phone),
    codeTry: options.codeTry,
    code: options.code,
    binding: loginCodeBinding,
    now: options.now,
  });
  if (spent) return;
  if (options.codeTry.triesLeft <= 0) throw IdentityErrors.SMS_CODE_TOO_MANY_ATTEMPTS();
  throw IdentityErrors.SMS_CODE_INVALID({ detail: `Wrong code; ${options.codeTry.triesLeft} tries left.` });
}

export async function loginWithCode(
  tx: Executor,
  options: {
    masterKey: Buffer;
    clock: Clock;
    phone: string;
    code: string;
    codeTry: CodeTry;
    /** The documents agreed to on the login page; required for a new customer and after a new version. */
    consents?: readonly ConsentGiven[];
    ip?: string | null;
  },
): Promise<LoginResult> {
  const phone = parsePhone(options.phone);
  const now = options.clock.now();
  await spendLoginCode(tx, { masterKey: options.masterKey, now, phone, code: options.code, codeTry: options.codeTry });
  const { customerId, created } = await findOrCreateCustomer(tx, options.masterKey, options.clock, phone);
  if (!(await customerIsActive(tx, customerId))) throw IdentityErrors.AUTH_CUSTOMER_DISABLED();
  // Refused without consent: the transaction rolls back, so neither the account nor the spent code stays.
  await requireConsents(tx, { customerId, given: options.consents, now, ip: options.ip ?? null });
  const session = await startSession(tx, options.masterKey, now, { kind: 'customer', customerId });
  return { session, customerId, created };
}
