// The public face of the ledger module: the only file other modules may import.

export {
  accountHoldsBetween,
  accountTransfersBetween,
  type HoldInPeriod,
  pendingDebitsBefore,
  postedNetBefore,
} from './account-activity';
export {
  type CustomerPurpose,
  channelClearingAccount,
  channelClearingCode,
  customerAccount,
  customerChart,
  defaultChannels,
  type PartnerPurpose,
  type PlatformPurpose,
  partnerAccount,
  partnerChart,
  platformAccount,
  platformChart,
} from './chart';
export { type CreateAccountOptions, createAccount } from './create-account';
export {
  type CreateTransfersResult,
  createTransfers,
  type ExpirePending,
  type NewTransfer,
  type ResolvePending,
  type TransferInput,
} from './create-transfers';
export { ensureChartOfAccounts } from './ensure-chart-of-accounts';
export { LedgerErrors } from './errors';
export { LedgerEvents } from './events';
export { expirePendingTransfers, expiryTransferId } from './expire-pending';
export { LedgerLimits } from './limits';
export {
  getTransfer,
  type ListTransfersOptions,
  listTransfers,
  openHoldsByCode,
  pendingResolutions,
  type TransferDetail,
} from './list-transfers';
export { ledgerModule } from './module';
export { type NamedAccount, type Posting, postingsOf } from './postings-of';
export {
  type AccountWithBalances,
  getAccount,
  getBalances,
  type ListAccountsOptions,
  listAccounts,
  listAccountTransfers,
} from './read-accounts';
export { inSnapshot } from './snapshot';
export { type TrialBalance, type TrialBalanceLine, trialBalance, trialBalanceAsOf } from './trial-balance';
export {
  type Account,
  availableMinor,
  type Balances,
  type Currency,
  currencies,
  type OwnerType,
  type PendingStatus,
  type Transfer,
  type TransferKind,
  zeroBalances,
} from './types';
export { assertLedgerConsistent, type LedgerVerification, verifyLedger } from './verify-ledger';
