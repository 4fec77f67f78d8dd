// The payments module's events: type names and payload types, shared by the producer and every
// subscriber (docs/modules.md, "Events").
import { defineEvents, type EventPayloads } from '@zulin/db';

type OrderRef = { orderId: string; purpose: string; reference: string; customerId: string };

export const PaymentsEvents = defineEvents({
  /** Staff changed a setting of payments: the refund approval threshold, or the pre-debit notice lead time. */
  'payments.settings_changed': (
    p: { changedBy: string } & ({ refundApprovalAboveMinor: number } | { papayNoticeLeadSeconds: number }),
  ) => p,
  /** A confirmed payment, posted to the ledger: the creator of the order applies it to its object. */
  'payments.payment_succeeded': (p: OrderRef & { amountMinor: number; channel: string; transferId: string }) => p,
  'payments.payment_failed': (p: OrderRef & { reason: string }) => p,
  'payments.payment_closed': (p: OrderRef) => p,
  /** Money the channel took that we cannot apply (after close, a second payment, an unknown order). */
  'payments.payment_parked_in_suspense': (p: {
    channel: string;
    outTradeNo: string;
    channelTradeNo: string;
    amountMinor: number;
    why: string;
  }) => p,
  /** An alert: a verified message whose amount is not our order's (seed 003). Nothing was applied. */
  'payments.amount_mismatch': (p: {
    orderId: string;
    outTradeNo: string;
    expectedMinor: number;
    reportedMinor: number;
    source: string;
  }) => p,
  /** A verified message we refused to apply (another merchant's, an unreadable resource). */
  'payments.message_refused': (p: { channel: string; outTradeNo: string; why: string }) => p,
  /** A deposit authorisation changed (authorised, captured, released, settled, failed). */
  'payments.authorisation_changed': (p: {
    authorisationId: string;
    customerId: string;
    reference: string;
    channel: string;
    state: string;
    amountMinor: number;
    capturedMinor: number;
    releasedMinor: number;
  }) => p,
  /** An auto-debit agreement was signed (active) or ended (unsigned). */
  'payments.agreement_changed': (p: { agreementId: string; customerId: string; reference: string; state: string }) => p,
  /**
   * An auto-debit agreement ended without the customer asking us: the channel says an active one is
   * unsigned (`ended_at_channel`: dut_user_unsign or a query's answer — the payer ended it in their
   * Alipay app), or one being signed was never signed within a day (`signing_expired`). Not emitted
   * when the customer asked us to unsign it (their own act). Emitted in the transaction of the change.
   */
  'payments.agreement_ended': (p: {
    agreementId: string;
    customerId: string;
    channel: string;
    reason: 'ended_at_channel' | 'signing_expired';
    /** ISO 8601 instant of the change. */
    occurredAt: string;
  }) => p,
  /**
   * An operator alert: the customer asked to end an auto-debit agreement `unsignStuckAlertHours` ago
   * and the channel has not confirmed (the sweep keeps asking). Once per request.
   */
  'payments.unsign_stuck': (p: {
    agreementId: string;
    customerId: string;
    channel: string;
    /** ISO 8601 instant the customer asked. */
    unsignRequestedAt: string;
    unsignAttempts: number;
    unsignLastError: string | null;
  }) => p,
  /** The alert above is over: the channel confirmed the unsign (or said it is no longer in force). */
  'payments.unsign_stuck_resolved': (p: { agreementId: string; customerId: string; channel: string }) => p,
  /** A refund changed state (approved, rejected, succeeded, closed, abnormal, …). */
  'payments.refund_changed': (p: {
    refundId: string;
    /** The payment order refunded, and what it paid for (its purpose and reference) and who paid. */
    orderId: string;
    customerId: string;
    purpose: string;
    reference: string;
    amountMinor: number;
    state: string;
  }) => p,
});

export type PaymentsEventPayloads = EventPayloads<typeof PaymentsEvents>;
export type PaymentsEventType = keyof PaymentsEventPayloads;

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof PaymentsEvents> {}
}
