import { type Database, type Executor, transaction } from '@zulin/db';
import { assert, newId } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { type Agreement, type AgreementDeps, liveAgreementOf, lockAgreement } from './agreements';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { paymentsAgreements } from './schema';

const liveIndex = 'payments_agreements_live_uq';

function agreementExists(live: Pick<Agreement, 'id' | 'state'>) {
  return PaymentsErrors.PAYMENTS_AGREEMENT_EXISTS({
    detail: `Agreement ${live.id} is ${live.state === 'active' ? 'in force' : 'being signed'}; end it first.`,
  });
}

function isLiveIndexViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  const name = e.constraint ?? e.cause?.constraint;
  return code === '23505' && (name === undefined || name === liveIndex);
}

/**
 * Records an agreement to sign; its sign page is asked of the channel after commit (`openSignPage`).
 * Refused (409 PAYMENTS_AGREEMENT_EXISTS) while the customer has a live one at the channel — checked
 * here and, for two requests at once, by the unique index (the loser's insert is rolled back to its
 * savepoint and refused the same way).
 */
export async function requestAgreement(
  tx: Executor,
  deps: AgreementDeps,
  request: {
    customerId: string;
    outRequestNo: string;
    perChargeMaxMinor: number;
    periodDays: number;
    reference: string;
  },
): Promise<Agreement> {
  const [existing] = await tx
    .select()
    .from(paymentsAgreements)
    .where(eq(paymentsAgreements.outRequestNo, request.outRequestNo));
  if (existing) {
    if (existing.customerId !== request.customerId || existing.perChargeMaxMinor !== request.perChargeMaxMinor)
      throw PaymentsErrors.PAYMENTS_REQUEST_NUMBER_REUSED();
    return existing;
  }
  const max = request.perChargeMaxMinor;
  if (!Number.isSafeInteger(max) || max < 1 || max > PaymentsLimits.paymentMaxMinor) {
    throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({ errors: [{ path: '/perChargeMaxMinor', message: 'out of range' }] });
  }
  if (!Number.isSafeInteger(request.periodDays) || request.periodDays < 7 || request.periodDays > 366) {
    // Alipay: a DAY period is at least 7 days.
    throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({ errors: [{ path: '/periodDays', message: '7 to 366 days' }] });
  }
  const live = await liveAgreementOf(tx, request.customerId, deps.client.name);
  if (live) throw agreementExists(live);
  const id = newId('pag', deps.clock);
  const now = deps.clock.now();
  const externalAgreementNo = `ZG${id.slice(4)}`.slice(0, PaymentsLimits.outTradeNoLengthMax);
  const created = await transaction(tx, (sp) =>
    insertAgreement(sp, deps, request, { id, now, externalAgreementNo, max }),
  ).catch((error: unknown) => {
    if (isLiveIndexViolation(error)) throw agreementExists({ id: '(another request)', state: 'signing' });
    throw error;
  });
  return created;
}

async function insertAgreement(
  tx: Executor,
  deps: AgreementDeps,
  request: { customerId: string; outRequestNo: string; periodDays: number; reference: string },
  { id, now, externalAgreementNo, max }: { id: string; now: Date; externalAgreementNo: string; max: number },
): Promise<Agreement> {
  const [created] = await tx
    .insert(paymentsAgreements)
    .values({
      id,
      channel: deps.client.name,
      customerId: request.customerId,
      outRequestNo: request.outRequestNo,
      externalAgreementNo,
      reference: request.reference,
      perChargeMaxMinor: max,
      periodDays: request.periodDays,
      state: 'signing',
      // The sign page is asked of the channel after commit (`openSignPage`): '' until then.
      signUrl: '',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  assert(created, 'the agreement was inserted');
  return created;
}

/**
 * A payer asking for monthly auto-debit (`POST /v1/payments/agreements`): the agreement they are still
 * signing is answered again (also to a request that lost the race to create it); one in force is
 * refused (409 PAYMENTS_AGREEMENT_EXISTS); else a new one with the standard cap and period.
 */
export async function requestCustomerAgreement(
  tx: Executor,
  deps: AgreementDeps,
  customerId: string,
): Promise<Agreement> {
  const answerLive = (live: Agreement) => {
    if (live.state === 'signing') return live;
    throw agreementExists(live);
  };
  const live = await liveAgreementOf(tx, customerId, deps.client.name);
  if (live) return answerLive(live);
  const outRequestNo = newId('agr', deps.clock);
  try {
    return await requestAgreement(tx, deps, {
      customerId,
      outRequestNo,
      perChargeMaxMinor: PaymentsLimits.agreementPerChargeMaxMinor,
      periodDays: PaymentsLimits.agreementPeriodDays,
      reference: outRequestNo,
    });
  } catch (error) {
    if ((error as { code?: string }).code !== 'PAYMENTS_AGREEMENT_EXISTS') throw error;
    // Another request created it meanwhile (the index refused ours, after waiting for its commit):
    // a statement of our read-committed transaction now sees it.
    const winner = await liveAgreementOf(tx, customerId, deps.client.name);
    if (winner) return answerLive(winner);
    throw error;
  }
}

/**
 * Asks the channel for the page where the payer signs an agreement still being signed that has none
 * yet (outside any transaction: Alipay builds a signed URL, WeChat answers pre-entrust-sign with its
 * redirect_url) and records it. Answers the agreement as it stands when the channel gave no page (the
 * next request for it asks again); refused (503 PAYMENTS_CHANNEL_UNAVAILABLE) then.
 */
export async function openSignPage(database: Database, deps: AgreementDeps, agreement: Agreement): Promise<Agreement> {
  if (agreement.state !== 'signing' || agreement.signUrl !== '') return agreement;
  const page = await deps.client.signPage({
    externalAgreementNo: agreement.externalAgreementNo,
    perChargeMaxMinor: agreement.perChargeMaxMinor,
    periodDays: agreement.periodDays,
    startDate: new Date(agreement.createdAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
  });
  if (page.outcome !== 'ok') {
    throw PaymentsErrors.PAYMENTS_CHANNEL_UNAVAILABLE({
      detail: `The channel gave no sign page (${page.outcome === 'refused' ? page.code : page.reason}); ask again.`,
    });
  }
  return runCommand(database, (tx) => recordSignPage(tx, agreement.id, page.value.url));
}

/** Records the sign page the channel gave, in the caller's transaction (once; a later page is ignored). */
export async function recordSignPage(tx: Executor, agreementId: string, url: string): Promise<Agreement> {
  const locked = await lockAgreement(tx, agreementId);
  if (locked.signUrl !== '') return locked;
  const [updated] = await tx
    .update(paymentsAgreements)
    .set({ signUrl: url })
    .where(eq(paymentsAgreements.id, agreementId))
    .returning();
  assert(updated, 'the sign page was recorded');
  return updated;
}
