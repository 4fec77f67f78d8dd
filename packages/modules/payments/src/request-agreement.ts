import type { Executor } from '@zulin/db';
import { assert, newId } from '@zulin/kernel';
import { and, desc, eq } from 'drizzle-orm';
import type { Agreement, AgreementDeps } from './agreements';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { paymentsAgreements } from './schema';

/** Records an agreement to sign and the page where the payer signs it (a signed URL; no call). */
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
  const id = newId('pag', deps.clock);
  const now = deps.clock.now();
  const externalAgreementNo = `ZG${id.slice(4)}`.slice(0, PaymentsLimits.outTradeNoLengthMax);
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
      signUrl: deps.client.signUrl({
        externalAgreementNo,
        perChargeMaxMinor: max,
        periodDays: request.periodDays,
        startDate: new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      }),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  assert(created, 'the agreement was inserted');
  return created;
}

/**
 * A payer asking for monthly auto-debit (`POST /v1/payments/agreements`): the agreement they are still
 * signing is answered again, else a new one with the standard cap and period.
 */
export async function requestCustomerAgreement(
  tx: Executor,
  deps: AgreementDeps,
  customerId: string,
): Promise<Agreement> {
  const [open] = await tx
    .select()
    .from(paymentsAgreements)
    .where(and(eq(paymentsAgreements.customerId, customerId), eq(paymentsAgreements.state, 'signing')))
    .orderBy(desc(paymentsAgreements.createdAt))
    .limit(1);
  if (open) return open;
  const outRequestNo = newId('agr', deps.clock);
  return requestAgreement(tx, deps, {
    customerId,
    outRequestNo,
    perChargeMaxMinor: PaymentsLimits.agreementPerChargeMaxMinor,
    periodDays: PaymentsLimits.agreementPeriodDays,
    reference: outRequestNo,
  });
}
