// Real-name verification (DOMAIN.md §2): the ID number's check character and birth date, age
// 18–65 on the business date, then the provider's three-element and liveness checks. The
// provider is called before the transaction (it is an outside system); the outcome and the
// encrypted identity are written in one transaction with the audit entry and the event.
import { type Database, emitEvent, queryRows, transaction } from '@zulin/db';
import { type Clock, type ErrorFactory, KernelErrors, newId, today } from '@zulin/kernel';
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

export async function verifyIdentity(database: Database, options: VerifyIdentityOptions): Promise<CustomerProfile> {
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

  const now = options.clock.now();
  const result = await transaction(database, async (tx) => {
    await tx.execute(sql`
      insert into identity_verifications (id, customer_id, outcome, provider, provider_reference, id_number_bidx, created_at)
      values (${newId('idv', options.clock)}, ${options.customerId}, ${outcome.kind}, ${options.provider.name},
              ${outcome.reference}, ${idBidx}, ${now})`);
    if (outcome.kind !== 'verified') {
      await tx.execute(sql`update identity_customers set identity_status = 'failed', updated_at = ${now}
          where id = ${options.customerId} and identity_status <> 'verified'`);
      return outcome.kind;
    }
    const updated = await queryRows(
      tx,
      sql`update identity_customers set identity_status = 'verified',
            real_name_enc = ${await encryptPii(tx, options.masterKey, name)},
            id_number_enc = ${await encryptPii(tx, options.masterKey, checked.idNumber)},
            id_number_bidx = ${idBidx}, verified_at = ${now}, updated_at = ${now}
          where id = ${options.customerId} and identity_status <> 'verified'
            and not exists (select 1 from identity_customers o
                            where o.id_number_bidx = ${idBidx} and o.identity_status = 'verified')
          returning id`,
    );
    if (updated.length === 0) return 'conflict' as const;
    await recordAudit(tx, {
      actor: { kind: 'customer', customerId: options.customerId },
      action: 'identity.real_name_verified',
      targetType: 'customer',
      targetId: options.customerId,
      ip: options.ip,
      detail: { provider: options.provider.name, reference: outcome.reference },
      at: now,
    });
    await emitEvent(tx, now, {
      type: 'identity.customer_verified',
      aggregateType: 'customer',
      aggregateId: options.customerId,
      payload: { customerId: options.customerId, birthDate: checked.birthDate },
    });
    return 'verified' as const;
  });
  if (result === 'mismatch') throw IdentityErrors.IDENTITY_MISMATCH();
  if (result === 'liveness_failed') throw IdentityErrors.IDENTITY_LIVENESS_FAILED();
  if (result === 'conflict') throw IdentityErrors.IDENTITY_ID_NUMBER_IN_USE();
  return getCustomerProfile(database.db, options.masterKey, options.customerId);
}

async function assertIdNumberFree(database: Database, idBidx: string, customerId: string): Promise<void> {
  const rows = await queryRows(
    database.db,
    sql`select 1 from identity_customers where id_number_bidx = ${idBidx} and identity_status = 'verified' and id <> ${customerId}`,
  );
  if (rows.length > 0) throw IdentityErrors.IDENTITY_ID_NUMBER_IN_USE();
}
