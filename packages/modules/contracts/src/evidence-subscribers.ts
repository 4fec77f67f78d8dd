// Evidence of other modules' events, appended by outbox subscribers in the delivery's transaction
// (exactly once per event). Each entry names the event (its id and type) and keeps the facts that
// matter in a dispute, never clear personal data: the log cannot be rewritten, so nothing that a
// customer may ask to erase goes into it (a birth date, a name, an ID number stay in identity).
// Risk's decisions (outcome, reasons, rule-set version, what was granted) and its device commands
// (lock and unlock requested and answered) are in the log too, and so are shipments (sent, collected,
// signed for, failed, sent back), refunds and deposit authorisations. The rental module's own events
// (its transitions, inspections, reminders) are logged by rental itself (it depends on this module).
import { type Subscriber, subscribe } from '@zulin/db';
import { IdentityEvents } from '@zulin/identity';
import { LogisticsEvents } from '@zulin/logistics';
import { PaymentsEvents } from '@zulin/payments';
import { RiskEvents } from '@zulin/risk';
import { WalletEvents } from '@zulin/wallet';
import { appendEvidence } from './evidence-log';

const source = (event: { eventId: string; type: string }) => ({ eventId: event.eventId, eventType: event.type });

export function evidenceSubscribers(): Subscriber[] {
  return [
    subscribe(IdentityEvents, {
      name: 'contracts.evidence_identity',
      eventTypes: ['identity.customer_verified'],
      async handle(event, tx) {
        await appendEvidence(tx, {
          subject: { kind: 'customer', id: event.payload.customerId },
          customerId: event.payload.customerId,
          kind: 'identity.verified',
          data: { ...source(event), result: 'verified' },
          at: event.occurredAt,
        });
      },
    }),
    subscribe(PaymentsEvents, {
      name: 'contracts.evidence_payments',
      eventTypes: ['payments.payment_succeeded', 'payments.payment_failed'],
      async handle(event, tx) {
        const p = event.payload;
        await appendEvidence(tx, {
          subject: { kind: p.purpose, id: p.reference },
          customerId: p.customerId,
          kind: event.type,
          data: {
            ...source(event),
            orderId: p.orderId,
            ...('amountMinor' in p ? { amountMinor: p.amountMinor, channel: p.channel } : { reason: p.reason }),
          },
          at: event.occurredAt,
        });
      },
    }),
    subscribe(PaymentsEvents, {
      name: 'contracts.evidence_refunds',
      eventTypes: ['payments.refund_changed'],
      async handle(event, tx) {
        const { customerId, purpose, reference, ...facts } = event.payload;
        await appendEvidence(tx, {
          subject: { kind: purpose, id: reference },
          customerId,
          kind: event.type,
          data: { ...source(event), purpose, ...facts },
          at: event.occurredAt,
        });
      },
    }),
    subscribe(PaymentsEvents, {
      name: 'contracts.evidence_deposit_authorisations',
      eventTypes: ['payments.authorisation_changed'],
      async handle(event, tx) {
        // A deposit hold is taken for a rental order only (its reference).
        const { customerId, reference, ...facts } = event.payload;
        await appendEvidence(tx, {
          subject: { kind: 'rental', id: reference },
          customerId,
          kind: event.type,
          data: { ...source(event), ...facts },
          at: event.occurredAt,
        });
      },
    }),
    subscribe(LogisticsEvents, {
      name: 'contracts.evidence_shipments',
      eventTypes: [
        'logistics.shipment_created',
        'logistics.shipment_scanned',
        'logistics.shipment_delivered',
        'logistics.shipment_exception',
        'logistics.shipment_returned',
      ],
      async handle(event, tx) {
        const p = event.payload;
        const { orderRef, ...facts } = p;
        // Rental is the only module that ships (orderRef is its order id). Who signed is a name: the
        // log keeps only that someone signed for it; the name stays with the shipment in logistics.
        const { signedBy, ...kept } = facts as typeof facts & { signedBy?: string | null };
        await appendEvidence(tx, {
          subject: { kind: 'rental', id: orderRef },
          kind: event.type,
          data: { ...source(event), ...kept, ...(signedBy === undefined ? {} : { signedFor: signedBy !== null }) },
          at: event.occurredAt,
        });
      },
    }),
    subscribe(WalletEvents, {
      name: 'contracts.evidence_wallet',
      eventTypes: [
        'wallet.top_up_succeeded',
        'wallet.withdrawal_succeeded',
        'wallet.transfer_sent',
        'wallet.dispute_opened',
        'wallet.dispute_resolved',
      ],
      async handle(event, tx) {
        const p = event.payload;
        const { customerId, ...facts } = p;
        await appendEvidence(tx, {
          subject: { kind: 'wallet', id: customerId },
          customerId,
          kind: event.type,
          data: { ...source(event), ...facts },
          at: event.occurredAt,
        });
      },
    }),
    subscribe(RiskEvents, {
      name: 'contracts.evidence_risk',
      eventTypes: ['risk.decision_made', 'risk.device_command_requested', 'risk.device_command_answered'],
      async handle(event, tx) {
        const p = event.payload;
        if (event.type === 'risk.decision_made' && 'decisionId' in p) {
          const { customerId, purpose, reference, ...facts } = p;
          await appendEvidence(tx, {
            // Under the order when the decision names one, else under the decision itself.
            subject:
              reference === null ? { kind: 'risk_decision', id: p.decisionId } : { kind: purpose, id: reference },
            customerId,
            kind: event.type,
            data: { ...source(event), purpose, ...facts },
            at: event.occurredAt,
          });
          return;
        }
        if ('commandId' in p) {
          const { customerId, reference, ...facts } = p;
          await appendEvidence(tx, {
            subject: reference === null ? { kind: 'risk_device', id: p.deviceId } : { kind: 'rental', id: reference },
            customerId,
            kind: event.type,
            data: { ...source(event), ...facts },
            at: event.occurredAt,
          });
        }
      },
    }),
  ];
}
