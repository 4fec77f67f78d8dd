// Turns billing's outbox events into notifications (docs/billing.md lists the events): a new bill, an
// overdue bill (also by SMS when allowed), a payment and a waiver. Dedupe key = event id + template,
// so a redelivered event notifies nobody twice.
import { BillingEvents } from '@zulin/billing';
import type { Subscriber, Tx } from '@zulin/db';
import type { NotificationDeps } from './deps';
import { customerOf, minor, notifierOf, text } from './event-fields';
import { notify } from './notify';
import type { NotificationParams } from './schema';
import type { TemplateKey } from './templates';

const on = notifierOf(BillingEvents);

function billNotice<P>(
  tx: Tx,
  deps: NotificationDeps,
  event: { type: string; eventId: string; payload: P },
  template: TemplateKey,
  params: NotificationParams,
) {
  return notify(tx, deps, {
    customerId: customerOf(event),
    category: 'bills',
    template,
    params,
    dedupeKey: `${event.eventId}:${template}`,
  });
}

const handlers = [
  on('billing.bill_issued', (event, tx, deps) =>
    billNotice(tx, deps, event, 'bills.bill_issued', {
      title: text(event, 'title'),
      amountMinor: minor(event, 'amountMinor'),
      dueDate: text(event, 'dueDate'),
    }),
  ),
  on('billing.bill_overdue', (event, tx, deps) =>
    billNotice(tx, deps, event, 'bills.bill_overdue', {
      title: text(event, 'title'),
      outstandingMinor: minor(event, 'outstandingMinor'),
      dueDate: text(event, 'dueDate'),
    }),
  ),
  on('billing.bill_paid', (event, tx, deps) =>
    event.payload.settled === true
      ? billNotice(tx, deps, event, 'bills.bill_paid', {
          title: text(event, 'title'),
          amountMinor: minor(event, 'amountMinor'),
        })
      : billNotice(tx, deps, event, 'bills.bill_part_paid', {
          title: text(event, 'title'),
          amountMinor: minor(event, 'amountMinor'),
          outstandingMinor: minor(event, 'outstandingMinor'),
        }),
  ),
  on('billing.bill_waived', (event, tx, deps) =>
    billNotice(tx, deps, event, 'bills.bill_waived', {
      title: text(event, 'title'),
      amountMinor: minor(event, 'amountMinor'),
    }),
  ),
  // A bill its own source withdrew (an order cancelled): the customer reads "cancelled", not "waived".
  on('billing.bill_withdrawn', (event, tx, deps) =>
    event.payload.amountMinor > 0
      ? billNotice(tx, deps, event, 'bills.bill_withdrawn', {
          title: text(event, 'title'),
          amountMinor: minor(event, 'amountMinor'),
        })
      : Promise.resolve(),
  ),
];

/** The billing event types that notify someone. */
export const billingEventTypes = handlers.map((h) => h.eventType);

export function billingSubscribers(deps: NotificationDeps): Subscriber[] {
  return handlers.map((h) => h.subscriber(deps));
}
