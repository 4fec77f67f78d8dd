// The outbox as operators see it: one row per (event, subscriber) with its state, attempts, last
// error and next attempt, newest event first. Reads the platform's tables (docs/ops.md).
import { type Executor, platformSchema } from '@zulin/db';
import { encodeCursor, type Page, pageLimit } from '@zulin/kernel';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { numberStringCursor } from './cursor';

const { outbox, outboxDeliveries } = platformSchema;

/** The states of a delivery, as the platform's schema declares them. */
export const deliveryStatuses = outboxDeliveries.status.enumValues;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface DeliveryView {
  /** `<eventId>:<subscriber>`: the row's key for lists. */
  id: string;
  eventId: string;
  eventSeq: number;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  subscriber: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  occurredAt: Date;
  /** When the worker tries it next; only a pending delivery has one. */
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

export interface DeliveryFilter {
  status?: DeliveryStatus | undefined;
  subscriber?: string | undefined;
  eventType?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

const columns = {
  eventSeq: outboxDeliveries.eventSeq,
  eventId: outbox.eventId,
  eventType: outbox.type,
  aggregateType: outbox.aggregateType,
  aggregateId: outbox.aggregateId,
  subscriber: outboxDeliveries.subscriber,
  status: outboxDeliveries.status,
  attempts: outboxDeliveries.attempts,
  lastError: outboxDeliveries.lastError,
  occurredAt: outbox.occurredAt,
  nextAttemptAt: outboxDeliveries.nextAttemptAt,
  deliveredAt: outboxDeliveries.deliveredAt,
};

type Row = Omit<DeliveryView, 'id' | 'nextAttemptAt'> & { nextAttemptAt: Date };

function present(row: Row): DeliveryView {
  return {
    id: `${row.eventId}:${row.subscriber}`,
    eventId: row.eventId,
    eventSeq: row.eventSeq,
    eventType: row.eventType,
    aggregateType: row.aggregateType,
    aggregateId: row.aggregateId,
    subscriber: row.subscriber,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    occurredAt: row.occurredAt,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    deliveredAt: row.deliveredAt,
  };
}

export async function listDeliveries(db: Executor, filter: DeliveryFilter): Promise<Page<DeliveryView>> {
  const limit = pageLimit(filter.limit);
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(outboxDeliveries.status, filter.status));
  if (filter.subscriber) conditions.push(eq(outboxDeliveries.subscriber, filter.subscriber));
  if (filter.eventType) conditions.push(eq(outbox.type, filter.eventType));
  if (filter.cursor) {
    const [seq, subscriber] = numberStringCursor(filter.cursor);
    conditions.push(sql`(${outboxDeliveries.eventSeq}, ${outboxDeliveries.subscriber}) < (${seq}, ${subscriber})`);
  }
  const rows: Row[] = await db
    .select(columns)
    .from(outboxDeliveries)
    .innerJoin(outbox, eq(outbox.seq, outboxDeliveries.eventSeq))
    .where(and(...conditions))
    .orderBy(desc(outboxDeliveries.eventSeq), desc(outboxDeliveries.subscriber))
    .limit(limit + 1);
  const data = rows.slice(0, limit).map(present);
  const last = data.at(-1);
  return {
    data,
    nextCursor: rows.length > limit && last ? encodeCursor([last.eventSeq, last.subscriber]) : null,
  };
}

/** One delivery, or undefined when there is none for this event and subscriber. */
export async function findDelivery(
  db: Executor,
  key: { eventId: string; subscriber: string },
): Promise<DeliveryView | undefined> {
  const [row]: Row[] = await db
    .select(columns)
    .from(outboxDeliveries)
    .innerJoin(outbox, eq(outbox.seq, outboxDeliveries.eventSeq))
    .where(and(eq(outbox.eventId, key.eventId), eq(outboxDeliveries.subscriber, key.subscriber)));
  return row ? present(row) : undefined;
}
