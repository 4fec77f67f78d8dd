// Payments' settings (docs/payments.md, "Refunds"): the refund approval threshold — a refund above
// it waits for a second staff member. Stored in payments_settings under `refunds`; the default
// (`PaymentsLimits.refundApprovalAboveMinor`, ¥500) applies while nothing is stored. Changed only
// through `savePaymentsSettings`: checked, audited, with an event. Also, under `papay`, WeChat
// entrusted debit's pre-debit notice lead time (`readPapayNoticeLeadSeconds`, one day by default).
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { eq, inArray } from 'drizzle-orm';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { paymentsSettings } from './schema';

const REFUNDS = 'refunds';
const PAPAY = 'papay';

export interface PaymentsSettings {
  /** A refund of more than this many 分 needs a second staff member's approval. */
  refundApprovalAboveMinor: number;
  /** WeChat entrusted debit: how long after its pre-debit notice a charge is deducted (1–3 days). */
  papayNoticeLeadSeconds: number;
  /** The last change of either (null while the defaults apply). */
  updatedBy: string | null;
  updatedAt: Date | null;
}

function thresholdOf(value: unknown): number {
  const stored = (value as { refundApprovalAboveMinor?: unknown } | null)?.refundApprovalAboveMinor;
  return typeof stored === 'number' && Number.isSafeInteger(stored) && stored >= 0
    ? stored
    : PaymentsLimits.refundApprovalAboveMinor;
}

export async function readPaymentsSettings(db: Executor): Promise<PaymentsSettings> {
  const rows = await db
    .select()
    .from(paymentsSettings)
    .where(inArray(paymentsSettings.key, [REFUNDS, PAPAY]));
  const refunds = rows.find((r) => r.key === REFUNDS);
  const papay = rows.find((r) => r.key === PAPAY);
  const last = [refunds, papay].reduce<(typeof rows)[number] | undefined>(
    (a, b) => (b && (!a || b.updatedAt > a.updatedAt) ? b : a),
    undefined,
  );
  return {
    refundApprovalAboveMinor: refunds ? thresholdOf(refunds.value) : PaymentsLimits.refundApprovalAboveMinor,
    papayNoticeLeadSeconds: papay ? leadOf(papay.value) : PaymentsLimits.papayNoticeLeadSeconds,
    updatedBy: last?.updatedBy ?? null,
    updatedAt: last?.updatedAt ?? null,
  };
}

/** Sets the refund approval threshold: 0 (every refund needs a second person) up to the largest payment. */
export async function savePaymentsSettings(
  tx: Executor,
  options: { refundApprovalAboveMinor: number; staff: StaffPrincipal; now: Date },
): Promise<PaymentsSettings> {
  const threshold = options.refundApprovalAboveMinor;
  if (!Number.isSafeInteger(threshold) || threshold < 0 || threshold > PaymentsLimits.paymentMaxMinor) {
    throw PaymentsErrors.PAYMENTS_SETTING_INVALID({
      detail: `The refund approval threshold is from 0 to ${PaymentsLimits.paymentMaxMinor} fen.`,
      errors: [{ path: '/body/refundApprovalAboveMinor', message: `0–${PaymentsLimits.paymentMaxMinor}` }],
    });
  }
  const before = await readPaymentsSettings(tx);
  await storeSetting(tx, REFUNDS, {
    value: { refundApprovalAboveMinor: threshold },
    before: before.refundApprovalAboveMinor,
    after: threshold,
    staff: options.staff,
    now: options.now,
  });
  return readPaymentsSettings(tx);
}

/** The lead time stored, within WeChat's bounds (a stored value outside them is brought within). */
function leadOf(value: unknown): number {
  const stored = (value as { papayNoticeLeadSeconds?: unknown } | null)?.papayNoticeLeadSeconds;
  if (typeof stored !== 'number' || !Number.isSafeInteger(stored)) return PaymentsLimits.papayNoticeLeadSeconds;
  return Math.min(PaymentsLimits.papayNoticeLeadMaxSeconds, Math.max(PaymentsLimits.papayNoticeLeadMinSeconds, stored));
}

/**
 * WeChat entrusted debit: how long after its pre-debit notice a charge may be deducted (stored under
 * `papay`; one day while nothing is stored). The charge sweep reads it on every run.
 */
export async function readPapayNoticeLeadSeconds(db: Executor): Promise<number> {
  const [row] = await db.select().from(paymentsSettings).where(eq(paymentsSettings.key, PAPAY));
  return row ? leadOf(row.value) : PaymentsLimits.papayNoticeLeadSeconds;
}

/** Sets the lead time: one to three days (the notice's deduct_duration, 1–3 DAY), audited. */
export async function savePapayNoticeLead(
  tx: Executor,
  options: { papayNoticeLeadSeconds: number; staff: StaffPrincipal; now: Date },
): Promise<number> {
  const seconds = options.papayNoticeLeadSeconds;
  const { papayNoticeLeadMinSeconds: min, papayNoticeLeadMaxSeconds: max } = PaymentsLimits;
  if (!Number.isSafeInteger(seconds) || seconds < min || seconds > max) {
    throw PaymentsErrors.PAYMENTS_SETTING_INVALID({
      detail: `The pre-debit notice lead time is from ${min} to ${max} seconds (1 to 3 days).`,
      errors: [{ path: '/body/papayNoticeLeadSeconds', message: `${min}–${max}` }],
    });
  }
  const before = await readPapayNoticeLeadSeconds(tx);
  await storeSetting(tx, PAPAY, {
    value: { papayNoticeLeadSeconds: seconds },
    before,
    after: seconds,
    staff: options.staff,
    now: options.now,
  });
  return seconds;
}

/**
 * Stores one group of settings under `key` and tells of the change: an audit entry with the value
 * before and after, and a `payments.settings_changed` event with who changed it and the new value.
 */
async function storeSetting(
  tx: Executor,
  key: string,
  change: {
    value: { refundApprovalAboveMinor: number } | { papayNoticeLeadSeconds: number };
    before: number;
    after: number;
    staff: StaffPrincipal;
    now: Date;
  },
): Promise<void> {
  const { value, staff, now } = change;
  await tx
    .insert(paymentsSettings)
    .values({ key, value, updatedBy: staff.staffId, updatedAt: now })
    .onConflictDoUpdate({ target: paymentsSettings.key, set: { value, updatedBy: staff.staffId, updatedAt: now } });
  await recordAudit(tx, {
    actor: staff,
    action: 'payments.settings_changed',
    targetType: 'payments_settings',
    targetId: key,
    detail: { before: change.before, after: change.after },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'payments.settings_changed',
    aggregateType: 'payments_settings',
    aggregateId: key,
    payload: { changedBy: staff.staffId, ...value },
  });
}
