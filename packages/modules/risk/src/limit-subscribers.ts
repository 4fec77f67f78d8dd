// Billing's events move credit limits: overdue → a late move; paid in full → an on-time move
// (skipped by moveCreditLimit when that bill went overdue first). In the delivery's transaction.
import { BillingEvents } from '@zulin/billing';
import { type Subscriber, subscribe } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { moveCreditLimit } from './move-credit-limit';

export function limitSubscribers(clock: Clock): Subscriber[] {
  return [
    subscribe(BillingEvents, {
      name: 'risk.credit_limit_moves',
      eventTypes: ['billing.bill_overdue', 'billing.bill_paid'],
      async handle(event, tx) {
        const p = event.payload;
        if (event.type === 'billing.bill_paid' && !('settled' in p && p.settled)) return;
        await moveCreditLimit(tx, clock, {
          customerId: p.customerId,
          billId: p.billId,
          kind: event.type === 'billing.bill_overdue' ? 'late_payment' : 'on_time_payment',
          eventId: event.eventId,
        });
      },
    }),
  ];
}
