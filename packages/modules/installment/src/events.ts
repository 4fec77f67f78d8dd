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
  'installment.order_signed': (p: { orderId: string; customerId: string; contractId: string }) => p,
  'installment.order_cancelled': (p: {
    orderId: string;
    customerId: string;
    fromStatus: string;
    refundedMinor: number;
  }) => p,
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
