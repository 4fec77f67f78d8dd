// Payments' settings (docs/payments.md, "Refunds"): the refund approval threshold — a refund above
// it waits for a second staff member. Stored in payments_settings under `refunds`; the default
// (`PaymentsLimits.refundApprovalAboveMinor`, ¥500) applies while nothing is stored. Changed only
// through `savePaymentsSettings`: checked, audited, with an event.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { eq } from 'drizzle-orm';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { paymentsSettings } from './schema';

const REFUNDS = 'refunds';

export interface PaymentsSettings {
  /** A refund of more than this many 分 needs a second staff member's approval. */
  refundApprovalAboveMinor: number;
  /** null while the defaults apply. */
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
  const [row] = await db.select().from(paymentsSettings).where(eq(paymentsSettings.key, REFUNDS));
  if (!row)
    return { refundApprovalAboveMinor: PaymentsLimits.refundApprovalAboveMinor, updatedBy: null, updatedAt: null };
  return { refundApprovalAboveMinor: thresholdOf(row.value), updatedBy: row.updatedBy, updatedAt: row.updatedAt };
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
  const value = { refundApprovalAboveMinor: threshold };
  await tx
    .insert(paymentsSettings)
    .values({ key: REFUNDS, value, updatedBy: options.staff.staffId, updatedAt: options.now })
    .onConflictDoUpdate({
      target: paymentsSettings.key,
      set: { value, updatedBy: options.staff.staffId, updatedAt: options.now },
    });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'payments.settings_changed',
    targetType: 'payments_settings',
    targetId: REFUNDS,
    detail: { before: before.refundApprovalAboveMinor, after: threshold },
    at: options.now,
  });
  await emitEvent(tx, options.now, {
    type: 'payments.settings_changed',
    aggregateType: 'payments_settings',
    aggregateId: REFUNDS,
    payload: { changedBy: options.staff.staffId, refundApprovalAboveMinor: threshold },
  });
  return { refundApprovalAboveMinor: threshold, updatedBy: options.staff.staffId, updatedAt: options.now };
}
