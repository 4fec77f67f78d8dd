// The public face of the billing module: the only file other modules may import.
export { allocatePayment, allocationOrder } from './allocate';
export { approveWaiver } from './approve-waiver';
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
export { rejectWaiver } from './reject-waiver';
export { requestWaiver } from './request-waiver';
export { type BillLineKind, type BillStatus, billLineKinds, billStatuses } from './schema';
export type { WaiverRequest } from './waiver-requests';
export { withdrawBill } from './withdraw-bill';
