// Shared by the rental pages: error sentences, state colours, dates without a time-zone shift.
import type { TFunction } from 'i18next';
import { errorCode, ProblemError } from '../../api';
import { couponsZhCN } from '../../i18n/sections/coupons';
import type { CustomerState } from '../../rentals-api';

const KNOWN = [
  'RENTAL_QUOTE_EXPIRED',
  'RENTAL_OUT_OF_STOCK',
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
  'PAYMENTS_WALLET_BALANCE_INSUFFICIENT',
  'RENTAL_INSPECTION_ALREADY_DISPUTED',
  'RENTAL_DISPUTE_WINDOW_PASSED',
  'RENTAL_INSPECTION_NOT_SETTLED',
  'RENTAL_INSPECTION_NOT_FOUND',
] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (code: string | undefined): code is Known => (KNOWN as readonly (string | undefined)[]).includes(code);
/** Marketing's refusals of a coupon at checkout (coupons.errors in the catalogues). */
const isCouponProblem = (code: string): code is keyof typeof couponsZhCN.errors => code in couponsZhCN.errors;

/** A failed rental call as a sentence for the customer. */
export function rentalErrorMessage(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  if (isKnown(code)) return t(`rentals.errors.${code}`);
  if (code !== undefined && isCouponProblem(code)) return t(`coupons.errors.${code}`);
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

export { formatDate } from '../../time-format';

/** The server's copy in the app's language (it sends zh-CN and en). */
export function localText(text: { 'zh-CN': string; en: string }, language: string): string {
  return language === 'en' ? text.en : text['zh-CN'];
}
