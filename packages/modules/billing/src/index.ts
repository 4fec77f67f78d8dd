// The public face of the billing module: the only file other modules may import.
export { allocatePayment, allocationOrder } from './allocate';
export type { BillingDeps } from './deps';
export { BillingErrors } from './errors';
export { BillingEvents } from './events';
export { type IssueBill, issueBill, type NewBillLine } from './issue-bill';
export { lineAccountPurpose } from './ledger-accounts';
export { BillingLimits } from './limits';
export { markOverdueBills } from './mark-overdue';
export { billingModule } from './module';
export { payBillFromWallet } from './pay-bill';
export { type BillView, getBill, type ListBillsOptions, listBills, outstandingSummary } from './read-bills';
export { type BillLineKind, type BillStatus, billLineKinds, billStatuses } from './schema';
export { approveWaiver, rejectWaiver, requestWaiver, type WaiverRequest } from './waiver-requests';
