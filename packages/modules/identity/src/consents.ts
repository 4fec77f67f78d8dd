// Consent to the legal documents in force (PIPL): a customer agrees to the current user agreement and
// privacy policy before their account is created, and again when a document gets a new version. The
// agreement is recorded with the version agreed to, the time and the address it came from.
import { type Executor, queryRows } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { IdentityErrors } from './errors';
import { currentLegalDocuments, type LegalDocumentKind, legalDocumentKinds } from './legal-documents';

export interface ConsentGiven {
  document: LegalDocumentKind;
  version: string;
}

/** The documents whose current version the customer has not agreed to (all of them for a new customer). */
export async function pendingConsents(tx: Executor, customerId: string): Promise<ConsentGiven[]> {
  const rows = await queryRows<{ document: LegalDocumentKind; version: string }>(
    tx,
    sql`select document, version from identity_consents where customer_id = ${customerId}`,
  );
  return legalDocumentKinds
    .map((document) => ({ document, version: currentLegalDocuments[document].version }))
    .filter((current) => !rows.some((r) => r.document === current.document && r.version === current.version));
}

/**
 * Records the consents given with a request, refusing a version that is not in force (the person read
 * another text than the one in force), then refuses the request when a document is still pending.
 */
export async function requireConsents(
  tx: Executor,
  options: {
    customerId: string;
    given: readonly ConsentGiven[] | undefined;
    now: Date;
    ip: string | null;
    /** Require only these documents (agreeing to one of two from the customer's page); all by default. */
    only?: readonly LegalDocumentKind[];
  },
): Promise<void> {
  const given = options.given ?? [];
  given.forEach((consent, index) => {
    const current = currentLegalDocuments[consent.document].version;
    if (consent.version !== current) {
      throw IdentityErrors.CONSENT_VERSION_OUTDATED({
        detail: `The ${consent.document} in force is version ${current}; you agreed to ${consent.version}. Read it again.`,
        errors: [
          { path: `/body/consents/${index}/version`, message: `must be ${current}`, code: 'CONSENT_VERSION_OUTDATED' },
        ],
      });
    }
  });
  for (const consent of given) {
    await tx.execute(
      sql`insert into identity_consents (id, customer_id, document, version, accepted_at, ip)
          values (${newId('cns')}, ${options.customerId}, ${consent.document}, ${consent.version}, ${options.now}, ${options.ip})
          on conflict (customer_id, document, version) do nothing`,
    );
  }
  const pending = (await pendingConsents(tx, options.customerId)).filter(
    (p) => options.only === undefined || options.only.includes(p.document),
  );
  if (pending.length > 0) {
    throw IdentityErrors.CONSENT_REQUIRED({
      detail: `Agree to ${pending.map((p) => `${p.document} ${p.version}`).join(' and ')} to continue.`,
      errors: pending.map((p) => ({
        path: '/body/consents',
        message: `must include {"document":"${p.document}","version":"${p.version}"}`,
        code: 'CONSENT_REQUIRED',
      })),
    });
  }
}

/** The customer's agreements, newest first, for their own page. */
export async function listConsents(
  tx: Executor,
  customerId: string,
): Promise<{ document: LegalDocumentKind; version: string; acceptedAt: string }[]> {
  const rows = await queryRows<{ document: LegalDocumentKind; version: string; accepted_at: Date | string }>(
    tx,
    sql`select document, version, accepted_at from identity_consents
        where customer_id = ${customerId} order by accepted_at desc, document`,
  );
  return rows.map((r) => ({
    document: r.document,
    version: r.version,
    acceptedAt: new Date(r.accepted_at).toISOString(),
  }));
}
