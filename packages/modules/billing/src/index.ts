// The public face of the billing module: the only file other modules may import.
export { addBillCharge } from './add-bill-charge';
export { allocatePayment, allocationOrder } from './allocate';
export { approveWaiver } from './approve-waiver';
export {
  type AutoDebitAttempt,
  agreementThatCovers,
  applyAutoDebitPayment,
  autoDebitAttemptDue,
  autoDebitAttemptsOf,
  autoDebitBillSources,
  autoDebitFailedNotice,
  autoDebitFailureOf,
  autoDebitReference,
  chargeBillAttempt,
  nextAutoDebitRetryDate,
  parseAutoDebitReference,
} from './auto-debit';
export { type BillReminder, billReminderDedupeKey, billReminderDue } from './bill-reminders';
export { type ChaseResult, chaseDueBills, type DueBill } from './chase-due-bills';
export type { BillingDeps } from './deps';
export { unpaidBillsDueBetween } from './due-bills';
export { BillingErrors } from './errors';
export { BillingEvents } from './events';
export { type IssueBill, issueBill, type NewBillLine } from './issue-bill';
export { lineAccountPurpose } from './ledger-accounts';
export { BillingLimits } from './limits';
export { markOverdueBills } from './mark-overdue';
export { billingModule } from './module';
export { payBillFromWallet } from './pay-bill';
export { applyChannelPaymentToBill } from './pay-bill-by-channel';
export { type BillView, getBill, getBills, type ListBillsOptions, listBills, outstandingSummary } from './read-bills';
export { rejectWaiver } from './reject-waiver';
export { requestWaiver } from './request-waiver';
export { type BillLineKind, type BillStatus, billLineKinds, billStatuses } from './schema';
export { waiveBill } from './waive-bill';
export type { WaiverRequest } from './waiver-requests';
export { withdrawBill } from './withdraw-bill';
export { type WithdrawReason, type WithdrawReasonCode, withdrawReasonCodes } from './withdraw-reasons';
