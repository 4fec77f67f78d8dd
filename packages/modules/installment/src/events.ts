// The installment module's events (docs/modules.md, "Events").
import { defineEvents, type EventPayloads } from '@zulin/db';

export const InstallmentEvents = defineEvents({
  'installment.order_placed': (p: {
    orderId: string;
    customerId: string;
    status: string;
    principalMinor: number;
    downPaymentMinor: number;
    aprSimpleBps: number;
  }) => p,
  'installment.order_activated': (p: { orderId: string; customerId: string; startDate: string; termMonths: number }) =>
    p,
  'installment.timers_changed': (p: { changedBy: string; keys: string[] }) => p,
  'installment.overdue_policy_changed': (p: { changedBy: string; keys: string[] }) => p,
  'installment.order_signed': (p: { orderId: string; customerId: string; contractId: string }) => p,
  'installment.order_cancelled': (p: {
    orderId: string;
    customerId: string;
    fromStatus: string;
    refundedMinor: number;
  }) => p,
  'installment.order_shipped': (p: { orderId: string; customerId: string; unitId: string; waybillNo: string }) => p,
  'installment.order_delivered': (p: { orderId: string; customerId: string; deliveredAt: string }) => p,
  /**
   * The outbound parcel never reached the customer (`returned` to the warehouse, or `lost`):
   * `cancelled` (refunded in full, as before use) or `to_reship` (periods were billed or the order is
   * paid off: it waits at the shipping desk again).
   */
  'installment.parcel_undelivered': (p: {
    orderId: string;
    customerId: string;
    waybillNo: string;
    cause: 'returned' | 'lost';
    outcome: 'cancelled' | 'to_reship';
  }) => p,
  /** Every period paid: the order is paid off on its schedule (an early payoff is `prepayment_booked`). */
  'installment.order_repaid': (p: { orderId: string; customerId: string; paidOffOn: string }) => p,
  'installment.ownership_transferred': (p: { orderId: string; customerId: string; unitId: string }) => p,
  'installment.prepayment_booked': (p: {
    orderId: string;
    customerId: string;
    prepaymentId: string;
    strategy: 'reduce_term' | 'reduce_installment' | 'payoff';
    totalMinor: number;
  }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof InstallmentEvents> {}
}
