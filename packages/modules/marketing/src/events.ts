// The marketing module's events: type and payload, shared by the producer and every subscriber.
import { defineEvents, type EventPayloads } from '@zulin/db';

export const MarketingEvents = defineEvents({
  'marketing.coupon_issued': (p: {
    couponId: string;
    templateId: string;
    customerId: string;
    source: 'code' | 'grant';
  }) => p,
  'marketing.coupon_used': (p: { couponId: string; customerId: string; orderId: string }) => p,
  'marketing.coupon_returned': (p: { couponId: string; customerId: string; orderId: string }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof MarketingEvents> {}
}
