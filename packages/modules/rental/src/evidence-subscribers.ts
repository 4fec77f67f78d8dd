// Rental's events in the evidence log (DOMAIN §9, issue #13): every order transition (placed, paid,
// shipped, delivered, return requested and received, bought out, closed, cancelled…), each graded
// inspection with its photos' SHA-256 and each dispute of one, appended under the rental in the
// delivery's transaction (exactly once per event, the event's id and type in the entry). Contracts
// cannot subscribe to rental (rental depends on contracts), so rental files its own evidence. No
// clear personal data: a dispute's free-text reason is kept as its SHA-256 (the text stays with the
// inspection).
import { createHash } from 'node:crypto';
import { appendEvidence } from '@zulin/contracts';
import { type Subscriber, subscribe } from '@zulin/db';
import { RentalEvents } from './events';

const source = (event: { eventId: string; type: string }) => ({ eventId: event.eventId, eventType: event.type });

export function rentalEvidenceSubscribers(): Subscriber[] {
  return [
    subscribe(RentalEvents, {
      name: 'rental.evidence',
      eventTypes: ['rental.order_transitioned', 'rental.inspection_graded', 'rental.inspection_disputed'],
      async handle(event, tx) {
        const p = event.payload;
        if (!('orderId' in p)) return;
        const { orderId, customerId, ...facts } = p;
        let data: Record<string, unknown> = facts;
        if ('reason' in facts) {
          const { reason, ...rest } = facts;
          data = { ...rest, reasonSha256: createHash('sha256').update(reason, 'utf8').digest('hex') };
        }
        await appendEvidence(tx, {
          subject: { kind: 'rental', id: orderId },
          customerId,
          kind: event.type,
          data: { ...source(event), ...data },
          at: event.occurredAt,
        });
      },
    }),
  ];
}
