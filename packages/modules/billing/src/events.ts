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
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof BillingEvents> {}
}
