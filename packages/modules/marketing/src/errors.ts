// The marketing module's stable error codes: MARKETING_<WHAT>, each once.
import { defineErrors } from '@zulin/kernel';

export const MarketingErrors = defineErrors({
  MARKETING_COUPON_NOT_FOUND: { status: 404, title: 'The coupon was not found' },
  MARKETING_COUPON_EXPIRED: { status: 409, title: 'The coupon has expired' },
  MARKETING_COUPON_NOT_STARTED: { status: 409, title: 'The coupon cannot be used yet' },
  MARKETING_COUPON_USED: { status: 409, title: 'The coupon has already been used' },
  MARKETING_COUPON_DISABLED: { status: 409, title: 'The coupon has been withdrawn' },
  MARKETING_COUPON_NOT_FIRST_ORDER: { status: 409, title: 'The coupon is for a first order only' },
  MARKETING_COUPON_THRESHOLD_NOT_MET: { status: 409, title: 'The order does not reach the coupon’s threshold' },
  MARKETING_COUPON_NOT_STACKABLE: { status: 409, title: 'Only one non-stackable coupon can be used per order' },
  MARKETING_COUPON_LIMIT_REACHED: { status: 409, title: 'You already hold as many of this coupon as allowed' },
  MARKETING_COUPON_OUT_OF_STOCK: { status: 409, title: 'This coupon has run out' },
  MARKETING_COUPON_CODE_TAKEN: { status: 409, title: 'Another coupon already uses this code' },
  MARKETING_CUSTOMER_NOT_FOUND: { status: 404, title: 'Customer not found' },
  MARKETING_COUPON_TEMPLATE_INVALID: { status: 422, title: 'The coupon template is not valid' },
});
