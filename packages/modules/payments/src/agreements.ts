// Auto-debit agreements (docs/payments.md "Auto-debit agreements"): request one (the payer signs on
// the channel's page), learn that it is signed by asking the channel, unsign it, and charge it.
// `chargeAgreement` runs in the caller's transaction and only records the charge — a payment order
// with the agreement — which the `payments.agreement_charges` sweep sends to the channel after
// commit (outside systems are never called inside a transaction); the outcome is told back with
// `payments.payment_succeeded` / `payments.payment_failed`, purpose and reference as given.
import { type Database, type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, isNotNull, lte, or } from 'drizzle-orm';
import type { AgreementChannelClient } from './agreement-clients';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { applyChannelTrade, createPaymentOrder, type PaymentOrder, recordSubmission } from './payment-orders';
import { type AgreementState, paymentsAgreements, paymentsOrders } from './schema';

export type Agreement = typeof paymentsAgreements.$inferSelect;

export interface AgreementDeps {
  clock: Clock;
  client: AgreementChannelClient;
}

async function setState(tx: Executor, clock: Clock, a: Agreement, changes: Partial<Agreement>): Promise<Agreement> {
  const now = clock.now();
  const [updated] = await tx
    .update(paymentsAgreements)
    .set({ ...changes, updatedAt: now })
    .where(eq(paymentsAgreements.id, a.id))
    .returning();
  assert(updated, 'the agreement was updated');
  if (updated.state !== a.state) {
    await emitEvent(tx, now, {
      type: 'payments.agreement_changed',
      aggregateType: 'payment_agreement',
      aggregateId: a.id,
      payload: { agreementId: a.id, customerId: a.customerId, reference: a.reference, state: updated.state },
    });
  }
  return updated;
}

export async function getAgreement(db: Executor, id: string): Promise<Agreement> {
  const [found] = await db.select().from(paymentsAgreements).where(eq(paymentsAgreements.id, id));
  if (!found) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_FOUND();
  return found;
}

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

/** Asks the channel whether the payer signed (or since unsigned) and records it. */
export async function refreshAgreement(
  database: Database,
  deps: AgreementDeps,
  agreementId: string,
): Promise<Agreement> {
  const a = await getAgreement(database.db, agreementId);
  if (a.state === 'unsigned' || a.state === 'failed') return a;
  const answer = await deps.client.query(a.externalAgreementNo);
  if (answer.outcome !== 'ok') return a;
  return runCommand(database, async (tx) => {
    const [locked] = await tx.select().from(paymentsAgreements).where(eq(paymentsAgreements.id, a.id)).for('update');
    assert(locked, 'the agreement exists');
    const state: AgreementState | undefined =
      answer.value.state === 'active' ? 'active' : answer.value.state === 'unsigned' ? 'unsigned' : undefined;
    if (!state || state === locked.state || locked.state === 'unsigned') return locked;
    return setState(tx, deps.clock, locked, {
      state,
      channelAgreementNo: answer.value.agreementNo ?? locked.channelAgreementNo,
    });
  });
}

/** Ends an agreement at the channel; no charge is sent under it afterwards. */
export async function unsignAgreement(
  database: Database,
  deps: AgreementDeps,
  agreementId: string,
): Promise<Agreement> {
  const a = await getAgreement(database.db, agreementId);
  if (a.state === 'unsigned') return a;
  if (a.channelAgreementNo) {
    const answer = await deps.client.unsign(a.channelAgreementNo);
    if (answer.outcome === 'unknown') throw PaymentsErrors.PAYMENTS_CHANNEL_UNAVAILABLE();
  }
  return runCommand(database, async (tx) => {
    const [locked] = await tx.select().from(paymentsAgreements).where(eq(paymentsAgreements.id, a.id)).for('update');
    assert(locked, 'the agreement exists');
    return locked.state === 'unsigned' ? locked : setState(tx, deps.clock, locked, { state: 'unsigned' });
  });
}

/**
 * Records a charge under an active agreement, in the caller's transaction: a payment order the
 * `payments.agreement_charges` sweep sends. Idempotent per agreement, purpose and reference (the
 * caller names the attempt in the reference, e.g. `bill_…#2`).
 */
export async function chargeAgreement(
  tx: Executor,
  deps: { clock: Clock },
  request: {
    agreementId: string;
    amountMinor: number;
    reference: string;
    purpose: string;
    creditAccountId: string;
    description: string;
  },
): Promise<PaymentOrder> {
  const [a] = await tx
    .select()
    .from(paymentsAgreements)
    .where(eq(paymentsAgreements.id, request.agreementId))
    .for('update');
  if (!a) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_FOUND();
  const [existing] = await tx
    .select()
    .from(paymentsOrders)
    .where(
      and(
        eq(paymentsOrders.agreementId, a.id),
        eq(paymentsOrders.purpose, request.purpose),
        eq(paymentsOrders.reference, request.reference),
      ),
    );
  if (existing) {
    if (existing.amountMinor !== request.amountMinor) throw PaymentsErrors.PAYMENTS_REQUEST_NUMBER_REUSED();
    return existing;
  }
  if (a.state !== 'active' || !a.channelAgreementNo) throw PaymentsErrors.PAYMENTS_AGREEMENT_NOT_ACTIVE();
  if (request.amountMinor > a.perChargeMaxMinor) {
    throw PaymentsErrors.PAYMENTS_AGREEMENT_CAP_EXCEEDED({
      detail: `One charge under this agreement is at most ${a.perChargeMaxMinor} fen.`,
    });
  }
  const order = await createPaymentOrder(tx, deps.clock, {
    channel: a.channel,
    customerId: a.customerId,
    amountMinor: request.amountMinor,
    description: request.description,
    purpose: request.purpose,
    reference: request.reference,
    creditAccountId: request.creditAccountId,
  });
  const [withAgreement] = await tx
    .update(paymentsOrders)
    .set({ agreementId: a.id })
    .where(eq(paymentsOrders.id, order.id))
    .returning();
  assert(withAgreement, 'the charge was recorded');
  return withAgreement;
}

/**
 * The sweep: sends recorded charges (and again those whose answer was unknown, once due) to the
 * channel, one call each outside any transaction, and records each answer: paid (posted through
 * clearing), refused (failed, e.g. insufficient funds) or unknown (asked again later).
 */
export async function sendAgreementCharges(
  database: Database,
  deps: AgreementDeps,
): Promise<{ sent: number; succeeded: number; failed: number; unknown: number }> {
  const now = deps.clock.now();
  const due = await database.db
    .select({ order: paymentsOrders, agreement: paymentsAgreements })
    .from(paymentsOrders)
    .innerJoin(paymentsAgreements, eq(paymentsAgreements.id, paymentsOrders.agreementId))
    .where(
      and(
        isNotNull(paymentsOrders.agreementId),
        eq(paymentsOrders.channel, deps.client.name),
        or(
          eq(paymentsOrders.state, 'created'),
          and(eq(paymentsOrders.state, 'unknown'), lte(paymentsOrders.nextQueryAt, now)),
        ),
      ),
    )
    .orderBy(asc(paymentsOrders.createdAt))
    .limit(PaymentsLimits.agreementChargeBatch);
  const counts = { sent: 0, succeeded: 0, failed: 0, unknown: 0 };
  for (const { order, agreement } of due) {
    counts.sent++;
    const answer =
      agreement.channelAgreementNo && agreement.state === 'active'
        ? await deps.client.charge({
            outTradeNo: order.outTradeNo,
            agreementNo: agreement.channelAgreementNo,
            amountMinor: order.amountMinor,
            description: order.description,
          })
        : ({ outcome: 'refused', code: 'AGREEMENT_NOT_ACTIVE', message: agreement.state } as const);
    const recorded = await runCommand(database, async (tx) => {
      if (answer.outcome === 'ok' && answer.value.state === 'paid') {
        return applyChannelTrade(tx, deps.clock, {
          ...answer.value,
          channel: order.channel,
          outTradeNo: order.outTradeNo,
          expectedMerchantId: deps.client.merchantId,
          source: 'agreement_charge',
        });
      }
      if (answer.outcome === 'ok') {
        return recordSubmission(tx, deps.clock, order.id, {
          outcome: 'refused',
          code: `trade ${answer.value.state}`,
          message: '',
        });
      }
      return recordSubmission(tx, deps.clock, order.id, answer);
    });
    if (recorded?.state === 'succeeded') counts.succeeded++;
    else if (recorded?.state === 'failed') counts.failed++;
    else counts.unknown++;
  }
  return counts;
}
