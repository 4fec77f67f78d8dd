// The installment module's stable error codes. Each validation error lists every invalid field.
import { defineErrors } from '@zulin/kernel';

export const InstallmentErrors = defineErrors({
  INSTALLMENT_TERMS_INVALID: { status: 422, title: 'The installment terms are not valid' },
  INSTALLMENT_PREPAYMENT_INVALID: { status: 422, title: 'The prepayment request is not valid' },
  INSTALLMENT_RATE_ABOVE_CAP: { status: 422, title: 'The annualised rate is above the cap' },
  INSTALLMENT_POLICY_INVALID: { status: 422, title: 'The installment policy is not valid' },
  INSTALLMENT_PAYMENT_INVALID: { status: 422, title: 'The payment amount is not valid' },
});
