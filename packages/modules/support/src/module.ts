// Support as the server sees it: tickets with SLA timers and the help centre (its FAQ is seeded).
import { inBatches, subscribe, transaction } from '@zulin/db';
import { IdentityEvents } from '@zulin/identity';
import type { ServerModule } from '@zulin/platform';
import { RentalEvents } from '@zulin/rental';
import { closeResolvedTickets } from './close-resolved-tickets';
import { closeStaleChats } from './close-stale-chats';
import { discardUnattachedUploads } from './discard-unattached-uploads';
import { SupportLimits } from './limits';
import { openInspectionDisputeCase } from './open-dispute-case';
import { openFaultTicket } from './open-fault-ticket';
import { resolveInspectionDisputeCase } from './resolve-dispute-case';
import { resolveFaultTicket } from './resolve-fault-ticket';
import { returnChatsOfAgent } from './return-agent-chats';
import { supportRoutes } from './routes';
import { seedSupport } from './seed';
import { raiseSlaAlerts } from './sla-alerts';
import { uploadStoreOf, uploadStoreStatus } from './uploads/upload-store';

export const supportModule: ServerModule = {
  name: 'support',
  routes: supportRoutes,
  adapters: (ctx) => [uploadStoreStatus(ctx)],
  subscribers: (ctx) => [
    subscribe(RentalEvents, {
      name: 'support.inspection_disputed',
      eventTypes: ['rental.inspection_disputed'],
      async handle(event, tx) {
        await openInspectionDisputeCase(tx, { clock: ctx.clock, timeZone: ctx.config.timeZone }, event.payload);
      },
    }),
    subscribe(RentalEvents, {
      name: 'support.inspection_dispute_resolved',
      eventTypes: ['rental.inspection_dispute_resolved'],
      async handle(event, tx) {
        await resolveInspectionDisputeCase(tx, { clock: ctx.clock, timeZone: ctx.config.timeZone }, event.payload);
      },
    }),
    subscribe(RentalEvents, {
      name: 'support.fault_reported',
      eventTypes: ['rental.fault_reported'],
      async handle(event, tx) {
        await openFaultTicket(tx, { clock: ctx.clock, timeZone: ctx.config.timeZone }, event.payload);
      },
    }),
    subscribe(RentalEvents, {
      name: 'support.fault_resolved',
      eventTypes: ['rental.fault_changed'],
      async handle(event, tx) {
        if (event.payload.to !== 'resolved') return;
        await resolveFaultTicket(tx, { clock: ctx.clock, timeZone: ctx.config.timeZone }, event.payload);
      },
    }),
    subscribe(IdentityEvents, {
      name: 'support.staff_access_changed',
      eventTypes: ['identity.staff_access_changed'],
      async handle(event, tx) {
        await returnChatsOfAgent(tx, { clock: ctx.clock, timeZone: ctx.config.timeZone }, event.payload.staffId);
      },
    }),
  ],
  ticks: (ctx) => [
    {
      name: 'support.close_resolved',
      description: 'Closes resolved tickets the customer neither reopened nor answered within 7 days',
      runAt: '01:30',
      async run({ db, clock }) {
        const closed = await inBatches(
          db,
          { batchSize: SupportLimits.autoCloseBatchSize, maxBatches: SupportLimits.autoCloseBatchesPerRun },
          (tx) => closeResolvedTickets(tx, { clock, timeZone: ctx.config.timeZone }, SupportLimits.autoCloseBatchSize),
        );
        return { closed };
      },
    },
  ],
  sweeps: (ctx) => [
    {
      name: 'support.close_stale_chats',
      description:
        'Closes chats nobody took within 15 minutes (the customer may leave a ticket) and active chats nobody wrote in for 30 minutes',
      everySeconds: 60,
      run: ({ db, clock }) =>
        transaction(db, (tx) =>
          closeStaleChats(tx, { clock, timeZone: ctx.config.timeZone }, SupportLimits.staleChatsBatchSize),
        ),
    },
    {
      name: 'support.discard_unattached_uploads',
      description:
        'Deletes uploads nobody attached to feedback, a ticket or a chat within 24 hours, and their files unless another upload shares them',
      everySeconds: 3_600,
      run: ({ db, clock }) => discardUnattachedUploads(db, { clock, store: uploadStoreOf(ctx) }),
    },
    {
      name: 'support.sla_alerts',
      description:
        "Raises an alert (assignee or desk) when a ticket's first-response or resolution SLA is at risk or breached, once per ticket and kind",
      everySeconds: 60,
      run: ({ db, clock }) => transaction(db, (tx) => raiseSlaAlerts(tx, { clock, timeZone: ctx.config.timeZone })),
    },
  ],
  seed: seedSupport,
};
