// Request and response schemas of the operations API, and the presenters (domain → JSON).
import { Instant, Literals, Nullable, PageQuery } from '@zulin/platform';
import { Type } from 'typebox';
import { OpsLimits } from './limits';
import { type DeliveryView, deliveryStatuses } from './list-deliveries';
import { type InboxMessageView, inboxStatuses } from './list-inbox-messages';
import { type LastRun, runStatuses, type ScheduledWork } from './list-schedule';

const Name = Type.String({ minLength: 1, maxLength: OpsLimits.nameLengthMax });

export const DeliveryStatus = Literals(
  deliveryStatuses,
  'pending: waiting for its next attempt; dead: gave up after the last attempt',
);
export const InboxStatus = Literals(
  inboxStatuses,
  'pending: waiting to be applied; dead: gave up after the last attempt',
);
export const RunStatus = Literals(runStatuses, 'running, done, or failed (retried at the next check)');

export const OpsDeliverySchema = Type.Object(
  {
    id: Type.String({ description: '<eventId>:<subscriber>' }),
    eventId: Type.String(),
    eventSeq: Type.Integer({ minimum: 1 }),
    eventType: Type.String(),
    aggregateType: Type.String(),
    aggregateId: Type.String(),
    subscriber: Type.String(),
    status: DeliveryStatus,
    attempts: Type.Integer({ minimum: 0 }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    occurredAt: Instant,
    nextAttemptAt: Nullable(Instant),
    deliveredAt: Nullable(Instant),
  },
  { $id: 'OpsDelivery', title: 'OpsDelivery' },
);

export const OpsInboxMessageSchema = Type.Object(
  {
    id: Type.String({ description: '<provider>:<providerEventId>' }),
    seq: Type.Integer({ minimum: 1 }),
    provider: Type.String(),
    providerEventId: Type.String(),
    eventType: Type.String(),
    status: InboxStatus,
    attempts: Type.Integer({ minimum: 0 }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    receivedAt: Instant,
    nextAttemptAt: Nullable(Instant),
    processedAt: Nullable(Instant),
  },
  { $id: 'OpsInboxMessage', title: 'OpsInboxMessage' },
);

const LastRunSchema = Type.Object({
  businessDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  status: RunStatus,
  startedAt: Instant,
  finishedAt: Nullable(Instant),
  durationMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  attempts: Type.Integer({ minimum: 0 }),
  result: Type.Unknown({ description: 'what the run reported, e.g. { "marked": 3 }' }),
  lastError: Type.Union([Type.String(), Type.Null()]),
});

export const OpsScheduledWorkSchema = Type.Object(
  {
    id: Type.String({ description: 'tick:<name> or sweep:<name>' }),
    kind: Type.Union([Type.Literal('tick'), Type.Literal('sweep')]),
    name: Type.String(),
    description: Type.String(),
    runAt: Type.Union([Type.String({ description: 'HH:MM in the operator time zone' }), Type.Null()]),
    everySeconds: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    lastRun: Type.Union([LastRunSchema, Type.Null()]),
    nextDueAt: Instant,
  },
  { $id: 'OpsScheduledWork', title: 'OpsScheduledWork' },
);

export const DeliveryQuery = Type.Object(
  {
    status: Type.Optional(DeliveryStatus),
    subscriber: Type.Optional(Name),
    eventType: Type.Optional(Name),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const InboxQuery = Type.Object(
  { status: Type.Optional(InboxStatus), provider: Type.Optional(Name), ...PageQuery },
  { additionalProperties: false },
);
export const ScheduleQuery = Type.Object(PageQuery, { additionalProperties: false });
export const RetryBody = Type.Object(
  { eventId: Type.String({ minLength: 1, maxLength: 64 }), subscriber: Name },
  { additionalProperties: false },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentDelivery(d: DeliveryView) {
  return {
    ...d,
    occurredAt: d.occurredAt.toISOString(),
    nextAttemptAt: iso(d.nextAttemptAt),
    deliveredAt: iso(d.deliveredAt),
    lastError: d.lastError?.slice(0, OpsLimits.errorLengthMax) ?? null,
  };
}

export function presentInboxMessage(m: InboxMessageView) {
  return {
    ...m,
    receivedAt: m.receivedAt.toISOString(),
    nextAttemptAt: iso(m.nextAttemptAt),
    processedAt: iso(m.processedAt),
    lastError: m.lastError?.slice(0, OpsLimits.errorLengthMax) ?? null,
  };
}

function presentLastRun(r: LastRun) {
  return { ...r, startedAt: r.startedAt.toISOString(), finishedAt: iso(r.finishedAt) };
}

export function presentScheduledWork(w: ScheduledWork) {
  return { ...w, lastRun: w.lastRun ? presentLastRun(w.lastRun) : null, nextDueAt: w.nextDueAt.toISOString() };
}

export const DashboardSchema = Type.Object(
  {
    businessDate: Type.String({ format: 'date' }),
    figures: Type.Array(
      Type.Object({
        key: Type.String({ description: '`module.figure`; the console names it' }),
        unit: Type.Union([Type.Literal('count'), Type.Literal('money')]),
        value: Type.Union([Type.Integer(), Type.Null()], {
          description: 'A count, or an amount in minor units (分); null when it could not be read',
        }),
        trend: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), value: Type.Integer() }), {
          description: 'Daily values over the last days, oldest first; empty when the figure has no trend',
        }),
      }),
    ),
  },
  { $id: 'Dashboard', title: 'Dashboard' },
);
