import type { TFunction } from 'i18next';
import { errorCode, ProblemError } from '../../api';
import type { Bill } from '../../bills-api';

const KNOWN = [
  'BILLING_WALLET_INSUFFICIENT',
  'BILLING_BILL_SETTLED',
  'BILLING_AMOUNT_INVALID',
  'PAYMENTS_CHANNEL_UNAVAILABLE',
] as const;
const isKnown = (code: string | undefined): code is (typeof KNOWN)[number] =>
  (KNOWN as readonly (string | undefined)[]).includes(code);

/** A failed bill payment as a sentence for the customer. */
export function billErrorMessage(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  if (isKnown(code)) return t(`bills.errors.${code}`);
  if (error instanceof ProblemError) return t('bills.errors.generic', { reason: error.problem.title });
  return t('bills.errors.network');
}

export const statusColor: Record<Bill['status'], 'primary' | 'danger' | 'success' | 'default'> = {
  open: 'primary',
  overdue: 'danger',
  paid: 'success',
  waived: 'default',
};

/**
 * A bill's status as the customer reads it: a bill its source withdrew (an installment order
 * cancelled) is closed as waived in billing but was cancelled, not forgiven — 已取消, not 已减免.
 */
export function billStatusText(t: TFunction, bill: Pick<Bill, 'status' | 'withdrawn'>): string {
  return bill.withdrawn ? t('bills.statusWithdrawn') : t(`bills.status.${bill.status}`);
}
