// The billing module's events (docs/modules.md, "Events"). Notification and wallet subscribe.
import { defineEvents, type EventPayloads } from '@zulin/db';

export const BillingEvents = defineEvents({
  'billing.bill_issued': (p: {
    billId: string;
    customerId: string;
    title: string;
    sourceType: string;
    sourceId: string;
    period: number;
    amountMinor: number;
    dueDate: string;
  }) => p,
  'billing.bill_paid': (p: {
    billId: string;
    customerId: string;
    title: string;
    paymentId: string;
    /** wallet, or the channel that took the money (alipay, wechatpay). */
    method: 'wallet' | 'alipay' | 'wechatpay';
    amountMinor: number;
    outstandingMinor: number;
    settled: boolean;
  }) => p,
  'billing.bill_overdue': (p: {
    billId: string;
    customerId: string;
    title: string;
    dueDate: string;
    outstandingMinor: number;
  }) => p,
  'billing.bill_waived': (p: {
    billId: string;
    customerId: string;
    title: string;
    amountMinor: number;
    settled: boolean;
  }) => p,
  /**
   * The bill's own source no longer owes it (an installment order cancelled before its down payment was
   * paid): what was left is withdrawn, not waived — no goodwill, no approval; the customer reads
   * "cancelled", never "waived".
   */
  'billing.bill_withdrawn': (p: {
    billId: string;
    customerId: string;
    title: string;
    sourceType: string;
    sourceId: string;
    /** What was left to pay and is no longer owed. */
    amountMinor: number;
    /** What had been paid before (the source refunds it). */
    paidMinor: number;
    /** Why, as a code and its parameters (withdraw-reasons.ts). */
    reasonCode: string;
    reasonParams: Record<string, string>;
  }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof BillingEvents> {}
}
