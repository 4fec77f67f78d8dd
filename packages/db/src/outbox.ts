// The transactional outbox. A command writes its events with `emitEvent` in its own transaction,
// so an event exists if and only if the state change committed. The worker's dispatcher then
// delivers each event to every subscriber: at least once, in order per aggregate and subscriber,
// retrying with backoff, and dead-lettering after a bounded number of attempts.
import { assert, backoffMs, type Clock, Limits, newId } from '@zulin/kernel';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows, type Tx, transaction } from './database';
import type { EventType, NewEventOf } from './events';
import { outbox, outboxDeliveries } from './schema';

export interface NewEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

export interface OutboxEvent extends NewEvent {
  seq: number;
  eventId: string;
  occurredAt: Date;
}

export interface Subscriber {
  /** Stable name: deliveries are recorded per subscriber name. */
  name: string;
  /** Event types this subscriber receives; `*` for all. */
  eventTypes: readonly string[] | '*';
  /**
   * Handles one event. `tx` is the transaction that marks the delivery done: database work done
   * with it commits together with the delivery, so it happens exactly once.
   */
  handle(event: OutboxEvent, tx: Tx): Promise<void>;
}

const typePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Writes a declared event (see events.ts) in the caller's transaction: the type must be one some
 * module's events.ts declares, and the payload the one it declares.
 */
export async function emitEvent<T extends EventType>(tx: Executor, now: Date, event: NewEventOf<T>): Promise<string> {
  assert(typePattern.test(event.type), `event type must look like "module.something_happened": ${event.type}`);
  assert(event.aggregateId.length > 0, 'an event names its aggregate');
  const eventId = newId('evt');
  await tx.insert(outbox).values({ eventId, ...(event as NewEvent), occurredAt: now });
  return eventId;
}

/** Writes several events in one statement (bulk work: seeds, set-based ticks); answers their ids in order. */
export async function emitEvents(tx: Executor, now: Date, events: readonly NewEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map((event) => {
    assert(typePattern.test(event.type), `event type must look like "module.something_happened": ${event.type}`);
    assert(event.aggregateId.length > 0, 'an event names its aggregate');
    return { eventId: newId('evt'), ...event, occurredAt: now };
  });
  await tx.insert(outbox).values(rows);
  return rows.map((row) => row.eventId);
}

export interface DispatchResult {
  fannedOut: number;
  delivered: number;
  failed: number;
  dead: number;
}

export class OutboxDispatcher {
  readonly #db: Executor;
  readonly #clock: Clock;
  readonly #subscribers: readonly Subscriber[];
  readonly #onError: (error: unknown, delivery: { subscriber: string; eventId: string }) => void;

  constructor(options: {
    db: Executor;
    clock: Clock;
    subscribers: readonly Subscriber[];
    onError?: (error: unknown, delivery: { subscriber: string; eventId: string }) => void;
  }) {
    const names = new Set(options.subscribers.map((s) => s.name));
    assert(names.size === options.subscribers.length, 'subscriber names are unique');
    this.#db = options.db;
    this.#clock = options.clock;
    this.#subscribers = options.subscribers;
    this.#onError = options.onError ?? (() => {});
  }

  /** One bounded pass: fan out new events, then attempt the deliveries that are due. */
  async runOnce(): Promise<DispatchResult> {
    const fannedOut = await this.#fanOut();
    const result: DispatchResult = { fannedOut, delivered: 0, failed: 0, dead: 0 };
    const due = await this.#dueDeliveries();
    for (const delivery of due) {
      const outcome = await this.#deliver(delivery.eventSeq, delivery.subscriber);
      if (outcome !== 'skipped') result[outcome]++;
    }
    return result;
  }

  async #fanOut(): Promise<number> {
    return transaction(this.#db, async (tx) => {
      const events = await tx
        .select({
          seq: outbox.seq,
          type: outbox.type,
          aggregateType: outbox.aggregateType,
          aggregateId: outbox.aggregateId,
        })
        .from(outbox)
        .where(isNull(outbox.fannedOutAt))
        .orderBy(asc(outbox.seq))
        .limit(Limits.outboxBatchSize)
        .for('update', { skipLocked: true });
      if (events.length === 0) return 0;
      const now = this.#clock.now();
      const rows = events.flatMap((event) =>
        this.#subscribers
          .filter((s) => s.eventTypes === '*' || s.eventTypes.includes(event.type))
          .map((s) => ({
            eventSeq: event.seq,
            subscriber: s.name,
            aggregateKey: `${event.aggregateType}:${event.aggregateId}`,
            status: 'pending' as const,
            nextAttemptAt: now,
          })),
      );
      if (rows.length > 0) await tx.insert(outboxDeliveries).values(rows).onConflictDoNothing();
      await tx
        .update(outbox)
        .set({ fannedOutAt: now })
        .where(
          sql`${outbox.seq} in (${sql.join(
            events.map((e) => sql`${e.seq}`),
            sql`, `,
          )})`,
        );
      return events.length;
    });
  }

  /**
   * Deliveries that are due and have no earlier pending delivery for the same subscriber and
   * aggregate: a failing event holds back the later events of its aggregate until it succeeds or
   * is dead-lettered, which keeps per-aggregate order.
   */
  async #dueDeliveries(): Promise<{ eventSeq: number; subscriber: string }[]> {
    const now = this.#clock.now();
    const known = this.#subscribers.map((s) => s.name);
    if (known.length === 0) return [];
    const rows = await queryRows<{ event_seq: string | number; subscriber: string }>(
      this.#db,
      sql`select d.event_seq, d.subscriber from ${outboxDeliveries} d
          where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
            and d.subscriber in (${sql.join(
              known.map((n) => sql`${n}`),
              sql`, `,
            )})
            and not exists (
              select 1 from ${outboxDeliveries} e
              where e.subscriber = d.subscriber and e.aggregate_key = d.aggregate_key
                and e.status = 'pending' and e.event_seq < d.event_seq)
          order by d.event_seq
          limit ${Limits.outboxBatchSize}`,
    );
    return rows.map((r) => ({ eventSeq: Number(r.event_seq), subscriber: r.subscriber }));
  }

  async #deliver(eventSeq: number, subscriberName: string): Promise<'delivered' | 'failed' | 'dead' | 'skipped'> {
    const subscriber = this.#subscribers.find((s) => s.name === subscriberName);
    assert(subscriber, `subscriber ${subscriberName} is registered`);
    let eventId = '';
    try {
      return await transaction(this.#db, async (tx) => {
        const [delivery] = await tx
          .select()
          .from(outboxDeliveries)
          .where(
            and(
              eq(outboxDeliveries.eventSeq, eventSeq),
              eq(outboxDeliveries.subscriber, subscriberName),
              eq(outboxDeliveries.status, 'pending'),
            ),
          )
          .for('update', { skipLocked: true });
        if (!delivery) return 'skipped';
        const [row] = await tx.select().from(outbox).where(eq(outbox.seq, eventSeq));
        assert(row, 'a delivery refers to an event');
        eventId = row.eventId;
        const event: OutboxEvent = {
          seq: row.seq,
          eventId: row.eventId,
          type: row.type,
          aggregateType: row.aggregateType,
          aggregateId: row.aggregateId,
          payload: row.payload as Record<string, unknown>,
          occurredAt: row.occurredAt,
        };
        await subscriber.handle(event, tx);
        await tx
          .update(outboxDeliveries)
          .set({
            status: 'delivered',
            attempts: delivery.attempts + 1,
            deliveredAt: this.#clock.now(),
            lastError: null,
          })
          .where(and(eq(outboxDeliveries.eventSeq, eventSeq), eq(outboxDeliveries.subscriber, subscriberName)));
        return 'delivered';
      });
    } catch (error) {
      this.#onError(error, { subscriber: subscriberName, eventId });
      return this.#recordFailure(eventSeq, subscriberName, error);
    }
  }

  async #recordFailure(eventSeq: number, subscriberName: string, error: unknown): Promise<'failed' | 'dead'> {
    return transaction(this.#db, async (tx) => {
      const key = and(eq(outboxDeliveries.eventSeq, eventSeq), eq(outboxDeliveries.subscriber, subscriberName));
      const [delivery] = await tx.select().from(outboxDeliveries).where(key).for('update');
      assert(delivery, 'a failed delivery still exists');
      const attempts = delivery.attempts + 1;
      const dead = attempts >= Limits.outboxMaxAttempts;
      await tx
        .update(outboxDeliveries)
        .set({
          attempts,
          status: dead ? 'dead' : 'pending',
          nextAttemptAt: new Date(this.#clock.now().getTime() + backoffMs(attempts)),
          lastError: errorText(error),
        })
        .where(key);
      return dead ? 'dead' : 'failed';
    });
  }
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}

export interface OutboxStats {
  undispatched: number;
  pendingDeliveries: number;
  deadDeliveries: number;
}

export async function outboxStats(db: Executor): Promise<OutboxStats> {
  const [row] = await queryRows<{ undispatched: number; pending: number; dead: number }>(
    db,
    sql`select
      (select count(*)::int from ${outbox} where fanned_out_at is null) as undispatched,
      (select count(*)::int from ${outboxDeliveries} where status = 'pending') as pending,
      (select count(*)::int from ${outboxDeliveries} where status = 'dead') as dead`,
  );
  return { undispatched: row?.undispatched ?? 0, pendingDeliveries: row?.pending ?? 0, deadDeliveries: row?.dead ?? 0 };
}

/** Puts a dead delivery back in the queue, after an operator fixed what made it fail. */
export async function retryDeadDelivery(
  db: Executor,
  now: Date,
  eventId: string,
  subscriber: string,
): Promise<boolean> {
  const rows = await queryRows<{ event_seq: number }>(
    db,
    sql`update ${outboxDeliveries} d set status = 'pending', attempts = 0, next_attempt_at = ${now.toISOString()}::timestamptz
        from ${outbox} o
        where o.seq = d.event_seq and o.event_id = ${eventId} and d.subscriber = ${subscriber} and d.status = 'dead'
        returning d.event_seq`,
  );
  return rows.length > 0;
}
