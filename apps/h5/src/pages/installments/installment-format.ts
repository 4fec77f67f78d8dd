import type { TFunction } from 'i18next';
import { errorCode } from '../../api';
import type { InstallmentOrder, InstallmentOrderStatus } from '../../installment-api';

const KNOWN = [
  'INSTALLMENT_PREPAYMENT_INVALID',
  'INSTALLMENT_BILLS_OUTSTANDING',
  'INSTALLMENT_NO_PERIOD_LEFT',
  'INSTALLMENT_ORDER_NOT_ACTIVE',
  'BILLING_WALLET_INSUFFICIENT',
  'INSTALLMENT_OFFER_NOT_AVAILABLE',
  'INSTALLMENT_OUT_OF_STOCK',
  'INSTALLMENT_RATE_ABOVE_CAP',
] as const;
const isKnown = (code: string | undefined): code is (typeof KNOWN)[number] =>
  (KNOWN as readonly (string | undefined)[]).includes(code);

/** A refused installment request as a sentence for the customer. */
export function installmentErrorMessage(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  return isKnown(code) ? t(`catalog.installment.errors.${code}`) : t('catalog.installment.errors.generic');
}

export const orderStatusColor: Record<
  InstallmentOrderStatus,
  'primary' | 'danger' | 'success' | 'default' | 'warning'
> = {
  pending_review: 'warning',
  rejected: 'danger',
  awaiting_signature: 'warning',
  awaiting_down_payment: 'warning',
  active: 'primary',
  paid_off: 'success',
  cancelled: 'default',
};

export type PeriodStatus = 'unbilled' | 'open' | 'overdue' | 'paid' | 'waived';

export function periodStatusOf(row: InstallmentOrder['schedule'][number]): PeriodStatus {
  const s = row.billStatus;
  return s === 'open' || s === 'overdue' || s === 'paid' || s === 'waived' ? s : 'unbilled';
}

export const periodStatusColor: Record<PeriodStatus, 'primary' | 'danger' | 'success' | 'default'> = {
  unbilled: 'default',
  open: 'primary',
  overdue: 'danger',
  paid: 'success',
  waived: 'default',
};

/** The next period to pay: the first one not yet paid. */
export function nextDueOf(order: InstallmentOrder) {
  return order.schedule.find((row) => row.billStatus !== 'paid' && row.billStatus !== 'waived');
}
