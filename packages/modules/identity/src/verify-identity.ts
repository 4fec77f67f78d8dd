// Real-name verification (DOMAIN.md §2): the ID number's check character and birth date, age
// 18–65 on the business date, then the provider's three-element and liveness checks. The
// provider is called before the transaction (it is an outside system); the outcome and the
// encrypted identity are written in one transaction with the audit entry and the event.
import { type Database, type Executor, emitEvent, queryRows } from '@zulin/db';
import { type Clock, type ErrorFactory, KernelErrors, newId, today } from '@zulin/kernel';
import { type Refusal, refuse } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { recordAudit } from './audit';
import { IdentityErrors } from './errors';
import { ageOn, checkIdNumber } from './id-number';
import type { IdentityProvider } from './identity-provider';
import { IdentityLimits } from './limits';
import { blindIndex, encryptPii } from './pii';
import { type CustomerProfile, customerIdentity, getCustomerProfile } from './profile';

const NAME_PATTERN = /^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z·• ]{0,28}[\p{Script=Han}A-Za-z]$/u;

export interface VerifyIdentityOptions {
  masterKey: Buffer;
  clock: Clock;
  timeZone: string;
  provider: IdentityProvider;
  customerId: string;
  name: string;
  idNumber: string;
  livenessToken?: string | undefined;
  ip?: string | undefined;
}

function fieldError(factory: ErrorFactory, path: string, reason: string, code: string) {
  return factory({ detail: reason, errors: [{ path, message: reason, code }] });
}

const idProblems = {
  format: 'must be 17 digits and a check digit or X',
  check_digit: 'the check digit does not match (GB 11643)',
  birth_date: 'the birth date in the number is not a real date',
} as const;

/** What the identity provider answered for one verification, before anything is recorded. */
export interface IdentityCheck {
  customerId: string;
  name: string;
  idNumber: string;
  birthDate: string;
  idBidx: string;
  provider: string;
  outcome: Awaited<ReturnType<IdentityProvider['check']>>;
}

/**
 * The first step of real-name verification, outside any transaction: validates the input, checks
 * the customer and asks the provider (an outside system, which may take seconds).
 */
export async function checkIdentity(database: Database, options: VerifyIdentityOptions): Promise<IdentityCheck> {
  const name = options.name.trim().normalize('NFC');
  if (!NAME_PATTERN.test(name)) {
    throw fieldError(
      IdentityErrors.IDENTITY_NAME_INVALID,
      '/body/name',
      'must be 2–30 Chinese or Latin letters',
      'NAME_INVALID',
    );
  }
  const checked = checkIdNumber(options.idNumber);
  if (!checked.ok) {
    throw fieldError(
      IdentityErrors.IDENTITY_ID_NUMBER_INVALID,
      '/body/idNumber',
      idProblems[checked.problem],
      `ID_${checked.problem.toUpperCase()}`,
    );
  }
  const age = ageOn(checked.birthDate, today(options.clock, options.timeZone));
  if (age < IdentityLimits.ageMinYears || age > IdentityLimits.ageMaxYears) {
    throw fieldError(
      IdentityErrors.IDENTITY_AGE_OUT_OF_RANGE,
      '/body/idNumber',
      `age ${age} is outside 18–65`,
      'AGE_OUT_OF_RANGE',
    );
  }
  const current = await customerIdentity(database.db, options.masterKey, options.customerId);
  if (current === null) throw KernelErrors.NOT_FOUND();
  if (current.status === 'verified') throw IdentityErrors.IDENTITY_ALREADY_VERIFIED();
  const idBidx = blindIndex(options.masterKey, 'id_number', checked.idNumber);
  await assertIdNumberFree(database, idBidx, options.customerId);
  const outcome = await options.provider.check({
    name,
    idNumber: checked.idNumber,
    phone: current.phone,
    livenessToken: options.livenessToken,
  });
  return {
    customerId: options.customerId,
    name,
    idNumber: checked.idNumber,
    birthDate: checked.birthDate,
    idBidx,
    provider: options.provider.name,
    outcome,
  };
}

/**
 * The second step, in the command's transaction: records the provider's answer, and on success the
 * verified identity. A failed check is recorded and refused (the record commits).
 */
export async function recordIdentityCheck(
  tx: Executor,
  options: { masterKey: Buffer; clock: Clock; ip?: string | undefined },
  check: IdentityCheck,
): Promise<CustomerProfile | Refusal> {
  const { customerId, outcome, idBidx } = check;
  const now = options.clock.now();
  await tx.execute(sql`
    insert into identity_verifications (id, customer_id, outcome, provider, provider_reference, id_number_bidx, created_at)
    values (${newId('idv', options.clock)}, ${customerId}, ${outcome.kind}, ${check.provider},
            ${outcome.reference}, ${idBidx}, ${now})`);
  if (outcome.kind !== 'verified') {
    await tx.execute(sql`update identity_customers set identity_status = 'failed', updated_at = ${now}
        where id = ${customerId} and identity_status <> 'verified'`);
    return refuse(
      outcome.kind === 'mismatch' ? IdentityErrors.IDENTITY_MISMATCH() : IdentityErrors.IDENTITY_LIVENESS_FAILED(),
    );
  }
  const updated = await queryRows(
    tx,
    sql`update identity_customers set identity_status = 'verified',
          real_name_enc = ${await encryptPii(tx, options.masterKey, check.name)},
          id_number_enc = ${await encryptPii(tx, options.masterKey, check.idNumber)},
          id_number_bidx = ${idBidx}, verified_at = ${now}, updated_at = ${now}
        where id = ${customerId} and identity_status <> 'verified'
          and not exists (select 1 from identity_customers o
                          where o.id_number_bidx = ${idBidx} and o.identity_status = 'verified')
        returning id`,
  );
  if (updated.length === 0) throw IdentityErrors.IDENTITY_ID_NUMBER_IN_USE();
  await recordAudit(tx, {
    actor: { kind: 'customer', customerId },
    action: 'identity.real_name_verified',
    targetType: 'customer',
    targetId: customerId,
    ip: options.ip,
    detail: { provider: check.provider, reference: outcome.reference },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'identity.customer_verified',
    aggregateType: 'customer',
    aggregateId: customerId,
    payload: { customerId, birthDate: check.birthDate },
  });
  return getCustomerProfile(tx, options.masterKey, customerId);
}

async function assertIdNumberFree(database: Database, idBidx: string, customerId: string): Promise<void> {
  const rows = await queryRows(
    database.db,
    sql`select 1 from identity_customers where id_number_bidx = ${idBidx} and identity_status = 'verified' and id <> ${customerId}`,
  );
  if (rows.length > 0) throw IdentityErrors.IDENTITY_ID_NUMBER_IN_USE();
}
