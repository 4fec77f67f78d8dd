// The wallet's stable error codes.
import { defineErrors } from '@zulin/kernel';

export const WalletErrors = defineErrors({
  WALLET_INSUFFICIENT_BALANCE: { status: 409, title: 'Not enough money in the wallet' },
  WALLET_AMOUNT_INVALID: { status: 422, title: 'The amount is not allowed' },
  WALLET_TOP_UP_NOT_FOUND: { status: 404, title: 'Top-up not found' },
  WALLET_RECIPIENT_NOT_FOUND: { status: 404, title: 'No customer with this phone number' },
  WALLET_CUSTOMER_NOT_FOUND: { status: 404, title: 'No active customer with this id' },
  WALLET_RECIPIENT_SELF: { status: 422, title: 'Cannot send money to yourself' },
  WALLET_SECOND_FACTOR_REQUIRED: { status: 403, title: 'This amount needs a second factor (TOTP code)' },
  WALLET_SECOND_FACTOR_INVALID: { status: 403, title: 'The second-factor code is wrong or was already used' },
  WALLET_SECOND_FACTOR_NOT_ENROLLED: { status: 409, title: 'Set up a second factor first' },
  WALLET_SECOND_FACTOR_TOO_MANY_ATTEMPTS: { status: 429, title: 'Too many wrong SMS codes; request a new one' },
  WALLET_SMS_SEND_TOO_SOON: { status: 429, title: 'A code was sent less than a minute ago' },
  WALLET_SMS_DAILY_LIMIT_REACHED: { status: 429, title: 'You have had your 10 verification codes for today' },
  WALLET_SINGLE_WITHDRAWAL_LIMIT: { status: 422, title: 'A single withdrawal is at most ¥50,000' },
  WALLET_DAILY_WITHDRAWAL_LIMIT: { status: 422, title: 'Withdrawals are at most ¥200,000 per day' },
  WALLET_BANK_CARD_INVALID: { status: 422, title: 'The bank card number is not valid' },
  WALLET_BANK_CARD_DECLINED: { status: 422, title: 'The bank refused to verify this card' },
  WALLET_BANK_CARD_DUPLICATE: { status: 409, title: 'This card is already bound' },
  WALLET_BANK_CARD_NOT_FOUND: { status: 404, title: 'Bank card not found' },
  WALLET_BANK_CARD_IN_USE: { status: 409, title: 'A withdrawal to this card is still in progress' },
  WALLET_BANK_UNAVAILABLE: { status: 503, title: 'The bank is not answering; try again shortly' },
  WALLET_WITHDRAWAL_NOT_FOUND: { status: 404, title: 'Withdrawal not found' },
  WALLET_BILL_SPLIT_NOT_FOUND: { status: 404, title: 'Bill split not found' },
  WALLET_BILL_SPLIT_NOT_OPEN: { status: 409, title: 'The bill split is no longer open' },
  WALLET_BILL_SPLIT_SHARE_PAID: { status: 409, title: 'Your share is already paid' },
  WALLET_POINTS_INSUFFICIENT: { status: 409, title: 'Not enough points' },
  WALLET_POINTS_INVALID: { status: 422, title: 'Points are redeemed in multiples of 100' },
  WALLET_STATEMENT_MONTH_INVALID: { status: 422, title: 'The statement month is not valid' },
  WALLET_DISPUTE_NOT_FOUND: { status: 404, title: 'Dispute not found' },
  WALLET_DISPUTE_TRANSACTION_NOT_FOUND: { status: 404, title: 'No such transaction in your wallet' },
  WALLET_DISPUTE_ALREADY_OPEN: { status: 409, title: 'A dispute on this transaction is already open' },
  WALLET_DISPUTE_NOT_OPEN: { status: 409, title: 'The dispute is already closed' },
  WALLET_DISPUTE_RESOLUTION_INVALID: { status: 422, title: 'The resolution does not fit this dispute' },
  WALLET_DISPUTE_APPROVAL_PENDING: {
    status: 409,
    title: 'A refund of this dispute is waiting for approval; approve or decline it first',
  },
  WALLET_DISPUTE_NO_PROPOSAL: { status: 409, title: 'No refund of this dispute is waiting for approval' },
  WALLET_DISPUTE_SELF_APPROVAL: {
    status: 403,
    title: 'A dispute refund must be approved by someone other than the person who proposed it',
  },
});

export const WalletWebhookErrors = defineErrors({
  WALLET_WEBHOOK_SIGNATURE_MISSING: { status: 401, title: 'Webhook signature missing' },
  WALLET_WEBHOOK_SIGNATURE_INVALID: { status: 401, title: 'Webhook signature invalid' },
  WALLET_WEBHOOK_TIMESTAMP_STALE: { status: 401, title: 'Webhook timestamp outside the allowed window' },
  WALLET_WEBHOOK_BODY_INVALID: { status: 422, title: 'Webhook body is not a payment notification' },
});
