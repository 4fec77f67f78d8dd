// Turns payments' outbox events into notifications (docs/payments.md lists the events): an auto-debit
// agreement that ended without the customer asking us (`payments.agreement_ended`) — inbox and SMS.
// Ended at the channel: auto-debit stopped, and the next unpaid bill auto-debit would have paid
// (billing's `autoDebitBillSources`: rent and installment periods; billing's public listBills,
// soonest due first) must be paid by hand, named with its amount and due date when there is one. It
// named the soonest unpaid bill of any kind — a damage charge or a manual fee, which auto-debit never
// took — and told the customer nothing of the rent it stops taking.
// One dedupe key per event (not per template: the next bill may be paid between two deliveries), so a
// redelivered event notifies once.
import { autoDebitBillSources, listBills } from '@zulin/billing';
import type { Subscriber } from '@zulin/db';
import { PaymentsEvents } from '@zulin/payments';
import type { NotificationDeps } from './deps';
import { customerOf, notifierOf, PayloadError, text } from './event-fields';
import { notify } from './notify';

const on = notifierOf(PaymentsEvents);

const handlers = [
  on('payments.agreement_ended', async (event, tx, deps) => {
    const customerId = customerOf(event);
    const reason = text(event, 'reason');
    const dedupeKey = `${event.eventId}:payments.agreement_ended`;
    if (reason === 'signing_expired') {
      await notify(tx, deps, {
        customerId,
        category: 'bills',
        template: 'bills.auto_debit_signing_expired',
        params: {},
        dedupeKey,
      });
      return;
    }
    if (reason !== 'ended_at_channel') {
      throw new PayloadError(`${event.type} ${event.eventId}: unknown reason ${reason}`);
    }
    const [next] = (
      await listBills(tx, deps, { customerId, status: 'unpaid', sourceType: autoDebitBillSources, limit: 1 })
    ).data;
    await notify(
      tx,
      deps,
      next
        ? {
            customerId,
            category: 'bills',
            template: 'bills.auto_debit_ended',
            params: { title: next.title, outstandingMinor: next.outstandingMinor, dueDate: next.dueDate },
            dedupeKey,
          }
        : { customerId, category: 'bills', template: 'bills.auto_debit_ended_no_bill', params: {}, dedupeKey },
    );
  }),
];

/** The payments event types that notify someone. */
export const paymentsEventTypes = handlers.map((h) => h.eventType);

export function paymentsSubscribers(deps: NotificationDeps): Subscriber[] {
  return handlers.map((h) => h.subscriber(deps));
}
