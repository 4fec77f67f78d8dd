// The payments module's events: type names and payload types, shared by the producer and every
// subscriber. (`defineEvents` is coming to the platform; until then the payloads are typed here.)
export interface PaymentsEventPayloads {
  /** A confirmed payment, posted to the ledger: the creator of the order applies it to its object. */
  'payments.payment_succeeded': {
    orderId: string;
    purpose: string;
    reference: string;
    customerId: string;
    amountMinor: number;
    channel: string;
  };
  'payments.payment_failed': {
    orderId: string;
    purpose: string;
    reference: string;
    customerId: string;
    reason: string;
  };
  'payments.payment_closed': { orderId: string; purpose: string; reference: string; customerId: string };
  /** Money the channel took that we cannot apply (after close, a second payment, an unknown order). */
  'payments.payment_parked_in_suspense': {
    channel: string;
    outTradeNo: string;
    channelTradeNo: string;
    amountMinor: number;
    why: string;
  };
  /** An alert: a verified message whose amount is not our order's (seed 003). Nothing was applied. */
  'payments.amount_mismatch': {
    orderId: string;
    outTradeNo: string;
    expectedMinor: number;
    reportedMinor: number;
    source: string;
  };
  /** A verified message we refused to apply (another merchant's, an unreadable resource). */
  'payments.message_refused': { channel: string; outTradeNo: string; why: string };
}

export type PaymentsEventType = keyof PaymentsEventPayloads;
