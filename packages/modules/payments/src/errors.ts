// Payments' stable error codes.
import { defineErrors } from '@zulin/kernel';

export const PaymentsErrors = defineErrors({
  PAYMENTS_SIGNATURE_MISSING: { status: 401, title: 'The channel signature is missing' },
  PAYMENTS_SIGNATURE_INVALID: { status: 401, title: 'The channel signature does not verify' },
  PAYMENTS_TIMESTAMP_STALE: { status: 401, title: 'The channel timestamp is outside the allowed window' },
  PAYMENTS_KEY_UNKNOWN: { status: 401, title: 'The channel signed with a key we do not know' },
  PAYMENTS_RESOURCE_UNREADABLE: { status: 400, title: 'The encrypted resource cannot be decrypted' },
  PAYMENTS_MESSAGE_INVALID: { status: 400, title: 'The channel message is malformed' },
  PAYMENTS_AMOUNT_INVALID: { status: 422, title: 'The amount is not a valid channel amount' },
  PAYMENTS_ORDER_NOT_FOUND: { status: 404, title: 'Payment not found' },
  PAYMENTS_CHANNEL_UNCONFIGURED: { status: 503, title: 'This payment channel is not configured here' },
  PAYMENTS_AUTHORISATION_NOT_FOUND: { status: 404, title: 'Deposit authorisation not found' },
  PAYMENTS_AUTHORISATION_NOT_OPEN: { status: 409, title: 'The deposit authorisation is not open' },
  PAYMENTS_AUTHORISATION_EXCEEDED: {
    status: 409,
    title: 'Captures and releases would exceed the deposit authorisation',
  },
  PAYMENTS_AUTHORISATION_UNSUPPORTED: {
    status: 422,
    title: 'This channel completes a deposit authorisation once and releases it whole',
  },
  PAYMENTS_WALLET_BALANCE_INSUFFICIENT: {
    status: 422,
    title: 'The wallet’s available balance is less than the deposit to hold',
  },
  PAYMENTS_REQUEST_NUMBER_INVALID: { status: 422, title: 'The request number is not valid' },
  PAYMENTS_REQUEST_NUMBER_REUSED: { status: 409, title: 'The request number was used for another request' },
  PAYMENTS_AGREEMENT_NOT_FOUND: { status: 404, title: 'Auto-debit agreement not found' },
  PAYMENTS_AGREEMENT_EXISTS: {
    status: 409,
    title: 'You already have an auto-debit agreement at this channel (in force or being signed)',
  },
  PAYMENTS_AGREEMENT_NOT_ACTIVE: { status: 409, title: 'The auto-debit agreement is not signed or was ended' },
  PAYMENTS_AGREEMENT_UNSIGN_REQUESTED: {
    status: 409,
    title: 'The customer asked to end this auto-debit agreement; nothing is charged under it',
  },
  PAYMENTS_AGREEMENT_UNSIGN_NOT_REQUESTED: {
    status: 409,
    title: 'No unsign of this auto-debit agreement is waiting for the channel',
  },
  PAYMENTS_AGREEMENT_CAP_EXCEEDED: { status: 422, title: 'The charge is above the agreement’s per-charge cap' },
  PAYMENTS_CHANNEL_UNAVAILABLE: { status: 503, title: 'The payment channel did not answer; try again later' },
  PAYMENTS_REFUND_NOT_FOUND: { status: 404, title: 'Refund not found' },
  PAYMENTS_REFUND_NOT_PAID: { status: 409, title: 'Only a paid payment can be refunded' },
  PAYMENTS_REFUND_EXCEEDS_PAID: { status: 409, title: 'Refunds would exceed what was paid' },
  PAYMENTS_REFUND_NOT_AWAITING_APPROVAL: { status: 409, title: 'The refund is not waiting for approval' },
  PAYMENTS_REFUND_SAME_STAFF: { status: 403, title: 'A refund is approved by another staff member than its requester' },
  PAYMENTS_STATEMENT_NOT_READY: { status: 422, title: 'The channel’s statement for that day is not out yet' },
  PAYMENTS_STATEMENT_DIGEST_MISMATCH: {
    status: 502,
    title: 'The downloaded statement does not match the digest the channel gave for it',
  },
  PAYMENTS_STATEMENT_UNREADABLE: { status: 502, title: 'The downloaded statement cannot be read' },
  PAYMENTS_STATEMENT_REFUSED: { status: 502, title: 'The channel refused to give the statement' },
  PAYMENTS_SETTING_INVALID: { status: 422, title: 'The setting is out of its range' },
  PAYMENTS_SANDBOX_TRADE_NOT_FOUND: { status: 404, title: 'No such sandbox trade' },
  PAYMENTS_SANDBOX_TRADE_NOT_OPEN: { status: 409, title: 'The sandbox trade is no longer open' },
});
