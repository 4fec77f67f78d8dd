// The installment module's stable error codes. Each validation error lists every invalid field.
import { defineErrors } from '@zulin/kernel';

export const InstallmentErrors = defineErrors({
  INSTALLMENT_TERMS_INVALID: { status: 422, title: 'The installment terms are not valid' },
  INSTALLMENT_PREPAYMENT_INVALID: { status: 422, title: 'The prepayment request is not valid' },
  INSTALLMENT_RATE_ABOVE_CAP: { status: 422, title: 'The annualised rate is above the cap' },
  INSTALLMENT_POLICY_INVALID: { status: 422, title: 'The installment policy is not valid' },
  INSTALLMENT_PAYMENT_INVALID: { status: 422, title: 'The payment amount is not valid' },
  INSTALLMENT_ORDER_NOT_FOUND: { status: 404, title: 'Installment order not found' },
  INSTALLMENT_OFFER_NOT_AVAILABLE: { status: 422, title: 'The installment offer is not available for this SKU' },
  INSTALLMENT_ORDER_NOT_ACTIVE: { status: 409, title: 'The installment order is not repaying' },
  INSTALLMENT_BILLS_OUTSTANDING: { status: 409, title: 'Bills of this installment order are still unpaid' },
  INSTALLMENT_NO_PERIOD_LEFT: { status: 409, title: 'No period is left to rebuild; pay the order off instead' },
  INSTALLMENT_ORDER_NOT_SIGNABLE: { status: 409, title: 'The installment order is not awaiting its signature' },
  INSTALLMENT_ORDER_NOT_CANCELLABLE: { status: 409, title: 'The installment order can no longer be cancelled' },
  INSTALLMENT_CONTRACT_NOT_FOUND: { status: 404, title: 'The installment order has no contract' },
});
