// The ledger's stable error codes. Each is an operating outcome a caller can act on; a broken
// invariant (a balance that does not match its postings) is an assertion instead.
import { defineErrors } from '@zulin/kernel';

export const LedgerErrors = defineErrors({
  LEDGER_ACCOUNT_NOT_FOUND: { status: 404, title: 'Ledger account not found' },
  LEDGER_ACCOUNT_CONFLICT: {
    status: 409,
    title: 'A ledger account with this owner and purpose exists with other settings',
  },
  LEDGER_TRANSFER_NOT_FOUND: { status: 404, title: 'Ledger transfer not found' },
  LEDGER_TRANSFER_INVALID: { status: 422, title: 'Ledger transfer is not valid' },
  LEDGER_TRANSFER_ID_CONFLICT: { status: 409, title: 'A transfer with this id exists with different fields' },
  LEDGER_ACCOUNTS_SAME: { status: 422, title: 'A transfer needs two different accounts' },
  LEDGER_CURRENCY_MISMATCH: { status: 422, title: 'Both accounts of a transfer must hold the same currency' },
  LEDGER_INSUFFICIENT_FUNDS: { status: 409, title: 'The account’s debits would exceed its credits' },
  LEDGER_CREDITS_EXCEED_DEBITS: { status: 409, title: 'The account’s credits would exceed its debits' },
  LEDGER_PENDING_NOT_FOUND: { status: 404, title: 'Pending transfer not found' },
  LEDGER_PENDING_ALREADY_RESOLVED: { status: 409, title: 'The pending transfer was already posted, voided or expired' },
  LEDGER_PENDING_EXPIRED: { status: 409, title: 'The pending transfer has timed out' },
  LEDGER_PENDING_NOT_EXPIRED: { status: 409, title: 'The pending transfer has not timed out yet' },
  LEDGER_POST_EXCEEDS_PENDING: { status: 422, title: 'Cannot post more than the pending amount' },
  LEDGER_REVERSAL_INVALID: { status: 422, title: 'A reversal must swap the accounts of a posted transfer' },
  LEDGER_REVERSAL_EXCEEDS_ORIGINAL: { status: 409, title: 'Reversals would exceed the original amount' },
  LEDGER_AS_OF_IN_FUTURE: {
    status: 422,
    title: 'A trial balance can be read as of today or an earlier date or instant, not a later one',
  },
  LEDGER_HALTED: {
    status: 503,
    title: 'Money movement is stopped until a person has checked the books (zulin reconcile, zulin halts clear)',
  },
});
