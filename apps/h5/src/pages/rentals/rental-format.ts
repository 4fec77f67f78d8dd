// Shared by the rental pages: error sentences, state colours, dates without a time-zone shift.
import type { TFunction } from 'i18next';
import { errorCode, ProblemError } from '../../api';
import type { CustomerState } from '../../rentals-api';
import { formatDueDate } from '../bills/bill-format';

const KNOWN = [
  'RENTAL_QUOTE_EXPIRED',
  'RENTAL_OUT_OF_STOCK',
  'RENTAL_COUPON_UNKNOWN',
  'RENTAL_ADDRESS_INVALID',
  'LOGISTICS_ADDRESS_INVALID',
  'RENTAL_PLAN_NOT_OFFERED',
  'RENTAL_TRANSITION_NOT_ALLOWED',
  'RENTAL_TRANSITION_GUARD_FAILED',
  'RENTAL_RENEWAL_TOO_EARLY',
  'RENTAL_RENEWAL_TOO_LATE',
  'RENTAL_NOT_STARTED',
  'RENTAL_PAYMENT_DEADLINE_PASSED',
  'RENTAL_DEPOSIT_NOT_AUTHORISED',
  'RENTAL_AFTER_SALE_OPEN',
  'RENTAL_PICKUP_INVALID',
  'RENTAL_QUOTE_NOT_FOUND',
  'RENTAL_FAULT_INVALID',
  'PAYMENTS_CHANNEL_UNAVAILABLE',
] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (code: string | undefined): code is Known => (KNOWN as readonly (string | undefined)[]).includes(code);

/** A failed rental call as a sentence for the customer. */
export function rentalErrorMessage(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  if (isKnown(code)) return t(`rentals.errors.${code}`);
  if (error instanceof ProblemError) return t('rentals.errors.generic', { reason: error.problem.title });
  return t('rentals.errors.network');
}

export const stateColor: Record<CustomerState, 'primary' | 'success' | 'warning' | 'danger' | 'default'> = {
  reviewing: 'warning',
  to_sign: 'warning',
  to_pay: 'warning',
  to_ship: 'primary',
  in_transit: 'primary',
  awaiting_rent_start: 'primary',
  renting: 'success',
  returning: 'primary',
  inspecting: 'primary',
  inspected: 'primary',
  completed: 'default',
  bought_out: 'success',
  cancelled: 'default',
  not_approved: 'danger',
  defaulted: 'danger',
};

export const formatDate = formatDueDate;

/** The server's copy in the app's language (it sends zh-CN and en). */
export function localText(text: { 'zh-CN': string; en: string }, language: string): string {
  return language === 'en' ? text.en : text['zh-CN'];
}
