// The rental module's stable error codes. Each is an operating error the API returns as a problem
// document; a broken invariant is an assertion instead.
import { defineErrors } from '@zulin/kernel';

export const RentalErrors = defineErrors({
  RENTAL_QUOTE_MONTHS_REQUIRED: { status: 422, title: 'A renewal quote needs the number of months (or days)' },
  RENTAL_QUOTE_EXPIRED: { status: 409, title: 'The quote has expired; ask for a new one' },
  RENTAL_ORDER_NOT_FOUND: { status: 404, title: 'No such rental order' },
  RENTAL_PLAN_NOT_OFFERED: { status: 422, title: 'This plan is not offered for this phone' },
  RENTAL_ADDRESS_INVALID: { status: 422, title: 'The shipping address is not complete' },
  RENTAL_OUT_OF_STOCK: { status: 409, title: 'No phone of this model is in stock right now' },
  RENTAL_ADD_ON_NOT_OFFERED: { status: 422, title: 'The plan does not offer this add-on' },
  RENTAL_NOT_STARTED: { status: 409, title: 'The rental has not started yet' },
  RENTAL_RENEWAL_TERM_INVALID: { status: 422, title: 'A renewal is for 1, 3, 6 or 12 months (7, 15 or 30 days)' },
  RENTAL_RENEWAL_TOO_EARLY: { status: 409, title: 'A renewal opens a set number of days before the end' },
  RENTAL_RENEWAL_TOO_LATE: { status: 409, title: 'The term has ended; it can no longer be renewed' },
  RENTAL_INSPECTION_INVALID: { status: 422, title: 'The inspection findings do not fit the grade' },
  RENTAL_DAMAGE_PRICE_LIST_INVALID: { status: 422, title: 'The damage price list is not valid' },
  RENTAL_TIMERS_INVALID: { status: 422, title: 'The rental timers are not valid' },
  RENTAL_PARCEL_NOT_LOST: { status: 409, title: 'The parcel is not confirmed lost' },
  RENTAL_PARCEL_STILL_LIVE: {
    status: 409,
    title: 'The order already has an outbound parcel on its way; only one may be live',
  },
  RENTAL_RESHIP_OUT_OF_STOCK: {
    status: 409,
    title: 'No phone of this SKU is in stock to send instead; the order may be cancelled with a full refund',
  },
  RENTAL_RETURN_PARCEL_NOT_FOUND: { status: 409, title: 'The order has no return parcel to confirm lost' },
  RENTAL_RETURN_NOT_PICKED_UP: {
    status: 409,
    title: 'The courier has not collected the return parcel yet, so it cannot have been lost in transit',
  },
  RENTAL_RETURN_ALREADY_DELIVERED: {
    status: 409,
    title: 'The return parcel was signed for at the warehouse; inspect the phone instead',
  },
  RENTAL_RETURN_PARCEL_ALREADY_LOST: { status: 409, title: 'This return parcel is already confirmed lost' },
  RENTAL_TRANSITION_NOT_ALLOWED: { status: 409, title: 'This action is not allowed in the order’s state' },
  RENTAL_TRANSITION_GUARD_FAILED: { status: 409, title: 'A condition for this action is not met' },
  RENTAL_CONTRACT_NOT_FOUND: { status: 404, title: 'This order has no contract yet' },
  RENTAL_CONTRACT_NOT_SIGNABLE: { status: 409, title: 'The order’s contract is already signed or was replaced' },
  RENTAL_QUOTE_NOT_FOUND: { status: 404, title: 'No such quote on this order' },
  RENTAL_PICKUP_INVALID: { status: 422, title: 'The pick-up date is not offered' },
  RENTAL_PAYMENT_DEADLINE_PASSED: { status: 409, title: 'The time to pay this order has passed' },
  RENTAL_PAYER_TOKEN_REQUIRED: {
    status: 422,
    title: 'Holding the deposit needs the payer’s token from the channel (Alipay auth code or WeChat openid)',
  },
  RENTAL_PAY_CHANNEL_REQUIRED: {
    status: 422,
    title: 'Paying or holding at a channel needs the channel (alipay or wechatpay)',
  },
  RENTAL_DEPOSIT_NOT_AUTHORISED: { status: 409, title: 'The channel did not authorise the deposit hold; try again' },
  RENTAL_AFTER_SALE_NOT_OPEN: { status: 409, title: 'No such after-sale action is open on this order' },
  RENTAL_ALREADY_INSPECTED: { status: 409, title: 'This returned phone has already been graded' },
  RENTAL_INSPECTION_NOT_FOUND: { status: 404, title: 'This order has no inspection yet' },
  RENTAL_INSPECTION_PHOTO_INVALID: {
    status: 422,
    title: 'The photo is not a PNG, JPEG or WebP image of an allowed size',
  },
  RENTAL_INSPECTION_PHOTO_NOT_FOUND: { status: 404, title: 'No such inspection photo' },
  RENTAL_DISPUTE_WINDOW_PASSED: { status: 409, title: 'The time to dispute this inspection has passed' },
  RENTAL_INSPECTION_ALREADY_DISPUTED: { status: 409, title: 'This inspection has already been disputed' },
  RENTAL_INSPECTION_NOT_DISPUTED: { status: 409, title: 'This inspection has not been disputed' },
  RENTAL_DISPUTE_ALREADY_RESOLVED: { status: 409, title: 'This inspection dispute has already been resolved' },
  RENTAL_DISPUTE_RESOLUTION_INVALID: { status: 422, title: 'The dispute outcome is not allowed' },
  RENTAL_DISPUTE_NOT_AWAITING_APPROVAL: { status: 409, title: 'No dispute credit of this order waits for approval' },
  RENTAL_DISPUTE_SAME_STAFF: {
    status: 403,
    title: 'A dispute credit is approved by another staff member than its resolver',
  },
  RENTAL_INSPECTION_NOT_SETTLED: { status: 409, title: 'The inspection is still being settled; try again shortly' },
  RENTAL_AFTER_SALE_OPEN: {
    status: 409,
    title: 'Another after-sale action (return, buyout, renewal or swap) is open on this order',
  },
  RENTAL_FAULT_INVALID: { status: 422, title: 'The fault report is not complete' },
  RENTAL_FAULT_NOT_FOUND: { status: 404, title: 'No such fault on this order' },
  RENTAL_FAULT_STEP_NOT_ALLOWED: { status: 409, title: 'This step does not fit the fault’s state' },
  RENTAL_CLAIM_NOT_FOUND: { status: 404, title: 'No such carrier claim' },
  RENTAL_CLAIM_NOT_OPEN: {
    status: 409,
    title: 'This carrier claim is not waiting for the carrier (paid, written off, or a write-off is being decided)',
  },
  RENTAL_CLAIM_PAYMENT_TOO_LARGE: {
    status: 422,
    title: 'The payment is more than the carrier still owes on this claim',
  },
  RENTAL_CLAIM_PAYMENT_DATE_INVALID: {
    status: 422,
    title: 'A carrier payment arrives between the day of the loss and today',
  },
  RENTAL_CLAIM_PAYMENT_DUPLICATE: {
    status: 409,
    title: 'A payment with this reference is already recorded on the claim',
  },
  RENTAL_CLAIM_PAYMENTS_TOO_MANY: { status: 409, title: 'This claim already has as many payments as a claim takes' },
  RENTAL_CLAIM_WRITE_OFF_NOT_REQUESTED: { status: 409, title: 'No write-off of this claim is waiting for a decision' },
  RENTAL_CLAIM_WRITE_OFF_SELF_APPROVAL: {
    status: 403,
    title: 'A write-off must be decided by someone other than the person who asked for it',
  },
});
