// The installment module's stable error codes. Each validation error lists every invalid field.
import { defineErrors } from '@zulin/kernel';

export const InstallmentErrors = defineErrors({
  INSTALLMENT_TERMS_INVALID: { status: 422, title: 'The installment terms are not valid' },
  INSTALLMENT_PREPAYMENT_INVALID: { status: 422, title: 'The prepayment request is not valid' },
  INSTALLMENT_RATE_ABOVE_CAP: { status: 422, title: 'The annualised rate is above the cap' },
  INSTALLMENT_TIMERS_INVALID: { status: 422, title: 'The installment timers are not valid' },
  INSTALLMENT_POLICY_INVALID: { status: 422, title: 'The installment policy is not valid' },
  INSTALLMENT_PAYMENT_INVALID: { status: 422, title: 'The payment amount is not valid' },
  INSTALLMENT_ORDER_NOT_FOUND: { status: 404, title: 'Installment order not found' },
  INSTALLMENT_OFFER_NOT_AVAILABLE: { status: 422, title: 'The installment offer is not available for this SKU' },
  INSTALLMENT_ORDER_NOT_ACTIVE: { status: 409, title: 'The installment order is not repaying' },
  INSTALLMENT_BILLS_OUTSTANDING: { status: 409, title: 'Bills of this installment order are still unpaid' },
  INSTALLMENT_NO_PERIOD_LEFT: { status: 409, title: 'No period is left to rebuild; pay the order off instead' },
  INSTALLMENT_ORDER_NOT_SIGNABLE: { status: 409, title: 'The installment order is not awaiting its signature' },
  INSTALLMENT_ORDER_NOT_CANCELLABLE: { status: 409, title: 'The installment order can no longer be cancelled' },
  INSTALLMENT_ORDER_REPAYMENT_STARTED: {
    status: 409,
    title: 'Repayment of the installment order has started: it is not cancelled, pay it off instead',
  },
  INSTALLMENT_CONTRACT_NOT_FOUND: { status: 404, title: 'The installment order has no contract' },
  INSTALLMENT_FUNDER_INVALID: { status: 422, title: 'The funder is not valid' },
  INSTALLMENT_FUNDER_NAME_TAKEN: { status: 409, title: 'A funder with this name exists' },
  INSTALLMENT_FUNDER_NOT_FOUND: { status: 404, title: 'Funder not found' },
  INSTALLMENT_FUNDER_ALREADY_ASSIGNED: { status: 409, title: 'The installment order already has a funder' },
  INSTALLMENT_FUNDER_AFTER_COLLECTION: {
    status: 409,
    title: 'The installment order has collected a payment; a funder can no longer be assigned',
  },
  INSTALLMENT_ORDER_NOT_FUNDABLE: { status: 409, title: 'The installment order cannot be funded in its state' },
  INSTALLMENT_OUT_OF_STOCK: { status: 409, title: 'No phone of this SKU is in stock' },
  INSTALLMENT_ORDER_NOT_SHIPPABLE: { status: 409, title: 'The installment order is not waiting to be shipped' },
  INSTALLMENT_PARCEL_NOT_SHIPPED: { status: 409, title: 'The installment order has no parcel on its way' },
  INSTALLMENT_ADDRESS_MISSING: { status: 409, title: 'The installment order has no delivery address' },
  INSTALLMENT_CERTIFICATE_NOT_READY: { status: 409, title: 'The installment order is not paid off yet' },
  INSTALLMENT_STATEMENT_MONTH_INVALID: { status: 422, title: 'The statement month is not valid' },
  INSTALLMENT_SETTLEMENT_NOTHING_OWED: { status: 409, title: 'Nothing is owed to the funder to settle' },
  INSTALLMENT_SETTLEMENT_AMOUNT_CHANGED: {
    status: 409,
    title: 'What is owed to the funder changed since the amount was shown; confirm the new amount',
  },
  INSTALLMENT_SETTLEMENT_PENDING: {
    status: 409,
    title: 'A settlement of this funder is waiting for approval; approve or reject it first',
  },
  INSTALLMENT_SETTLEMENT_NOT_FOUND: { status: 404, title: 'Funder settlement not found' },
  INSTALLMENT_SETTLEMENT_DECIDED: { status: 409, title: 'The settlement was already approved or rejected' },
  INSTALLMENT_SETTLEMENT_SELF_APPROVAL: {
    status: 403,
    title: 'A settlement must be approved by someone other than the person who made it',
  },
});
