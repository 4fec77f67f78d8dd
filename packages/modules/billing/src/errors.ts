// Billing's stable error codes.
import { defineErrors } from '@zulin/kernel';

export const BillingErrors = defineErrors({
  BILLING_BILL_NOT_FOUND: { status: 404, title: 'Bill not found' },
  BILLING_BILL_INVALID: { status: 422, title: 'The bill is not valid' },
  BILLING_BILL_CONFLICT: {
    status: 409,
    title: 'A bill for this source and period exists with different lines',
  },
  BILLING_BILL_SETTLED: { status: 409, title: 'The bill is already paid or waived' },
  BILLING_AMOUNT_INVALID: { status: 422, title: 'The payment amount is not allowed' },
  BILLING_WALLET_INSUFFICIENT: { status: 409, title: 'Not enough money in the wallet to pay this amount' },
  BILLING_CUSTOMER_NOT_FOUND: { status: 404, title: 'Customer not found' },
  BILLING_WAIVER_NOT_FOUND: { status: 404, title: 'Waiver request not found' },
  BILLING_WAIVER_PENDING: { status: 409, title: 'This bill already has a waiver request waiting for approval' },
  BILLING_WAIVER_DECIDED: { status: 409, title: 'The waiver request was already approved or rejected' },
  BILLING_WAIVER_SELF_APPROVAL: {
    status: 403,
    title: 'A waiver must be approved by someone other than the person who asked for it',
  },
});
