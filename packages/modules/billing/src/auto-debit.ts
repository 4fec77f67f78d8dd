// Auto-debit of due bills through the customer's withholding agreement (payments' agreements), shared
// by every module whose bills are collected this way — rental's rent bills and installment's period
// bills (DOMAIN §5: on the due date, then retries D+1, D+3, D+5 by default; the retry days are the
// caller's setting). One payment order per bill and attempt, its reference `<billId>#<attempt>`
// (0 = the due date, n = the n-th retry day), sent after the commit by payments' agreement sweep; a
// charge that succeeds pays its bill through billing's allocation (penalty → fees → interest →
// principal). A refused attempt is told to the customer with the generic notice below.
import type { Executor } from '@zulin/db';
import { addDays, assert, type BusinessDate, businessDateOf, diffDays, isBusinessDate } from '@zulin/kernel';
import { platformAccount } from '@zulin/ledger';
import { activeAgreementOf, chargeAgreement, paymentsOfReferences } from '@zulin/payments';
import type { BillingDeps } from './deps';
import { applyChannelPaymentToBill } from './pay-bill-by-channel';

/**
 * The bills an auto-debit agreement pays, by `sourceType`: rent (rental's `rental.collect_rent`) and
 * installment periods (`installment.collect_period_bills`) — the only sources `chaseDueBills` charges.
 * Every other bill (an exit or damage charge, a manual fee, a down payment, a payoff) is paid by hand,
 * so the notice that auto-debit stopped names the soonest unpaid bill of these sources, not of any.
 */
export const autoDebitBillSources = ['rental', 'installment'] as const;

/** The charge of one attempt on one bill: `<billId>#<attempt>` (0 = the due date, 1… = the retries). */
export const autoDebitReference = (billId: string, attempt: number) => `${billId}#${attempt}`;

/** Parses `<billId>#<attempt>`, the reference of an auto-debit charge; null for any other reference. */
export function parseAutoDebitReference(reference: string): { billId: string; attempt: number } | null {
  const match = /^(.+)#(\d+)$/.exec(reference);
  return match ? { billId: match[1] ?? '', attempt: Number(match[2]) } : null;
}

function sortedRetries(retryDaysAfterDue: readonly number[]): number[] {
  return [...retryDaysAfterDue].sort((a, b) => a - b);
}

/**
 * The auto-debit attempt due on `businessDate` for a bill due on `dueDate`: attempt 0 on the due date,
 * then retry n on the n-th retry day after it (D+1, D+3, D+5 by default). The caller tries only while
 * the bill is unpaid.
 */
export function autoDebitAttemptDue(options: {
  dueDate: BusinessDate;
  businessDate: BusinessDate;
  retryDaysAfterDue: readonly number[];
}): { attempt: number; daysAfterDue: number } | null {
  assert(isBusinessDate(options.dueDate), `dueDate must be a business date: ${options.dueDate}`);
  assert(isBusinessDate(options.businessDate), `businessDate must be a business date: ${options.businessDate}`);
  const offset = diffDays(options.dueDate, options.businessDate);
  if (offset === 0) return { attempt: 0, daysAfterDue: 0 };
  const retryIndex = sortedRetries(options.retryDaysAfterDue).indexOf(offset);
  return retryIndex >= 0 ? { attempt: retryIndex + 1, daysAfterDue: offset } : null;
}

/** The day of the next attempt after attempt `attempt` failed, or null when no retry is left. */
export function nextAutoDebitRetryDate(options: {
  dueDate: BusinessDate;
  attempt: number;
  retryDaysAfterDue: readonly number[];
}): BusinessDate | null {
  const next = sortedRetries(options.retryDaysAfterDue)[options.attempt];
  return next === undefined ? null : addDays(options.dueDate, next);
}

/**
 * The customer's active agreement when it can take what the bill owes (within its per-charge cap):
 * what auto-debit would charge the bill through; null when it would not (a reminder says so).
 */
export async function agreementThatCovers(
  tx: Executor,
  bill: { customerId: string; outstandingMinor: number },
): Promise<{ id: string; perChargeMaxMinor: number } | null> {
  const agreement = await activeAgreementOf(tx, bill.customerId);
  return agreement === null || bill.outstandingMinor > agreement.perChargeMaxMinor ? null : agreement;
}

/**
 * Records the charge of attempt `attempt` on an unpaid bill, in the caller's transaction, and says
 * whether it did. Nothing is charged when the customer has no active agreement, when the amount owed
 * is above the agreement's per-charge cap, when this attempt was made already (a repeated tick run),
 * or while an earlier attempt is still open at the channel or succeeded but is not yet applied to the
 * bill (charging again would debit the customer twice).
 */
export async function chargeBillAttempt(
  tx: Executor,
  deps: Pick<BillingDeps, 'clock'>,
  options: {
    bill: { id: string; customerId: string; title: string; outstandingMinor: number };
    attempt: number;
    /** The payments purpose the caller's subscribers recognise (`rental.rent_auto_debit`, …). */
    purpose: string;
  },
): Promise<boolean> {
  const { bill, attempt, purpose } = options;
  assert(Number.isInteger(attempt) && attempt >= 0, 'an attempt is 0 or a retry number');
  if (bill.outstandingMinor <= 0) return false;
  const agreement = await agreementThatCovers(tx, bill);
  if (agreement === null) return false;
  // Every attempt so far, this one included: a second run for the same date charges nothing more.
  const made = await paymentsOfReferences(
    tx,
    Array.from({ length: attempt + 1 }, (_, i) => autoDebitReference(bill.id, i)),
  );
  if (made.some((p) => p.reference === autoDebitReference(bill.id, attempt))) return false;
  if (made.some((p) => ['created', 'pending', 'unknown', 'succeeded'].includes(p.state))) return false;
  const receivables = await platformAccount(tx, deps.clock, 'customer_receivables');
  await chargeAgreement(
    tx,
    { clock: deps.clock },
    {
      agreementId: agreement.id,
      amountMinor: bill.outstandingMinor,
      reference: autoDebitReference(bill.id, attempt),
      purpose,
      creditAccountId: receivables.id,
      description: bill.title,
    },
  );
  return true;
}

/** A successful auto-debit charge pays its bill (what the bill no longer owes goes to the wallet). */
export async function applyAutoDebitPayment(
  tx: Executor,
  deps: BillingDeps,
  payment: {
    orderId: string;
    reference: string;
    customerId: string;
    amountMinor: number;
    channel: string;
    transferId: string;
  },
): Promise<void> {
  const billId = parseAutoDebitReference(payment.reference)?.billId ?? payment.reference;
  if (payment.channel !== 'alipay' && payment.channel !== 'wechatpay') return;
  await applyChannelPaymentToBill(tx, deps, { ...payment, billId, channel: payment.channel });
}

export interface AutoDebitAttempt {
  /** 0 on the due date, n on the n-th retry day. */
  attempt: number;
  paymentId: string;
  /** The payment order's state: created, pending, unknown, succeeded, failed or closed. */
  state: string;
  amountMinor: number;
  /** The business date the attempt was made (recorded). */
  date: BusinessDate;
  /** The channel's reason when it refused. */
  failureReason: string | null;
}

/** Every auto-debit attempt made on each of `billIds` under `purpose`, oldest attempt first. */
export async function autoDebitAttemptsOf(
  db: Executor,
  deps: Pick<BillingDeps, 'timeZone'>,
  options: { billIds: readonly string[]; purpose: string; attemptsMax: number },
): Promise<Map<string, AutoDebitAttempt[]>> {
  const references = options.billIds.flatMap((id) =>
    Array.from({ length: options.attemptsMax }, (_, n) => autoDebitReference(id, n)),
  );
  const found = new Map<string, AutoDebitAttempt[]>(options.billIds.map((id) => [id, []]));
  for (const p of await paymentsOfReferences(db, references)) {
    const parsed = parseAutoDebitReference(p.reference);
    if (parsed === null || p.purpose !== options.purpose) continue;
    found.get(parsed.billId)?.push({
      attempt: parsed.attempt,
      paymentId: p.id,
      state: p.state,
      amountMinor: p.amountMinor,
      date: businessDateOf(p.createdAt, deps.timeZone),
      failureReason: p.failureReason ?? null,
    });
  }
  for (const list of found.values()) list.sort((a, b) => a.attempt - b.attempt);
  return found;
}

/**
 * The failed-debit line of an unpaid bill: when its newest attempt was refused, that attempt and the
 * day of the next one (null when none is left); otherwise null.
 */
export function autoDebitFailureOf(options: {
  dueDate: BusinessDate;
  attempts: readonly AutoDebitAttempt[];
  retryDaysAfterDue: readonly number[];
}): { attempt: number; failedOn: BusinessDate; nextRetryDate: BusinessDate | null } | null {
  const latest = options.attempts.at(-1);
  if (latest === undefined || latest.state !== 'failed') return null;
  return {
    attempt: latest.attempt,
    failedOn: latest.date,
    nextRetryDate: nextAutoDebitRetryDate({
      dueDate: options.dueDate,
      attempt: latest.attempt,
      retryDaysAfterDue: options.retryDaysAfterDue,
    }),
  };
}

/**
 * What to tell the customer when attempt `attempt` on a bill was refused: `bills.auto_debit_failed`
 * with the next retry day, or `bills.auto_debit_failed_final` when none is left (templates in the
 * notification module, zh-CN and en). The caller sends it with notification's `notify`, deduplicated
 * by the payment's reference.
 */
export function autoDebitFailedNotice(options: {
  bill: { title: string; outstandingMinor: number; dueDate: BusinessDate };
  attempt: number;
  retryDaysAfterDue: readonly number[];
}):
  | { template: 'bills.auto_debit_failed'; params: { title: string; outstandingMinor: number; retryDate: string } }
  | {
      template: 'bills.auto_debit_failed_final';
      params: { title: string; outstandingMinor: number; dueDate: string };
    } {
  const { bill } = options;
  const retryDate = nextAutoDebitRetryDate({
    dueDate: bill.dueDate,
    attempt: options.attempt,
    retryDaysAfterDue: options.retryDaysAfterDue,
  });
  return retryDate === null
    ? {
        template: 'bills.auto_debit_failed_final',
        params: { title: bill.title, outstandingMinor: bill.outstandingMinor, dueDate: bill.dueDate },
      }
    : {
        template: 'bills.auto_debit_failed',
        params: { title: bill.title, outstandingMinor: bill.outstandingMinor, retryDate },
      };
}
