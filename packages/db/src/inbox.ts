// The inbox for inbound webhooks. A route verifies the provider's signature, stores the raw body
// here and answers at once; the worker applies each message once, deduplicated by the provider's
// own event id, retrying with backoff and dead-lettering after a bounded number of attempts.
import { assert, backoffMs, type Clock, Limits } from '@zulin/kernel';
import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows, type Tx, transaction } from './database';
import { errorText } from './outbox';
import { inbox } from './schema';

export interface InboundMessage {
  provider: string;
  providerEventId: string;
  eventType: string;
  headers: Record<string, string>;
  body: string;
}

export interface StoredInboundMessage extends InboundMessage {
  seq: number;
  receivedAt: Date;
  attempts: number;
}

/** Applies one message; database work done with `tx` commits together with "processed". */
export type InboxHandler = (message: StoredInboundMessage, tx: Tx) => Promise<void>;

/** Stores a verified message. A message already received (same provider and event id) is not stored twice. */
export async function receiveInbound(
  db: Executor,
  now: Date,
  message: InboundMessage,
): Promise<{ duplicate: boolean }> {
  assert(message.provider.length > 0 && message.providerEventId.length > 0, 'a message names its provider and event');
  const inserted = await db
    .insert(inbox)
    .values({ ...message, receivedAt: now, status: 'pending', nextAttemptAt: now })
    .onConflictDoNothing({ target: [inbox.provider, inbox.providerEventId] })
    .returning({ seq: inbox.seq });
  return { duplicate: inserted.length === 0 };
}

export interface InboxResult {
  processed: number;
  failed: number;
  dead: number;
}

export class InboxProcessor {
  readonly #db: Executor;
  readonly #clock: Clock;
  readonly #handlers: ReadonlyMap<string, InboxHandler>;

  constructor(options: { db: Executor; clock: Clock; handlers: Record<string, InboxHandler> }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#handlers = new Map(Object.entries(options.handlers));
  }

  async runOnce(): Promise<InboxResult> {
    const result: InboxResult = { processed: 0, failed: 0, dead: 0 };
    const providers = [...this.#handlers.keys()];
    if (providers.length === 0) return result;
    const due = await queryRows<{ seq: string | number }>(
      this.#db,
      sql`select seq from ${inbox}
          where status = 'pending' and next_attempt_at <= ${this.#clock.now().toISOString()}::timestamptz
            and provider in (${sql.join(
              providers.map((p) => sql`${p}`),
              sql`, `,
            )})
          order by seq limit ${Limits.inboxBatchSize}`,
    );
    for (const { seq } of due) {
      const outcome = await this.#apply(Number(seq));
      if (outcome !== 'skipped') result[outcome]++;
    }
    return result;
  }

  async #apply(seq: number): Promise<'processed' | 'failed' | 'dead' | 'skipped'> {
    try {
      return await transaction(this.#db, async (tx) => {
        const [row] = await tx
          .select()
          .from(inbox)
          .where(and(eq(inbox.seq, seq), eq(inbox.status, 'pending')))
          .for('update', { skipLocked: true });
        if (!row) return 'skipped';
        const handler = this.#handlers.get(row.provider);
        assert(handler, `an inbox handler exists for ${row.provider}`);
        await handler(
          {
            seq: row.seq,
            provider: row.provider,
            providerEventId: row.providerEventId,
            eventType: row.eventType,
            headers: row.headers as Record<string, string>,
            body: row.body,
            receivedAt: row.receivedAt,
            attempts: row.attempts,
          },
          tx,
        );
        await tx
          .update(inbox)
          .set({ status: 'processed', attempts: row.attempts + 1, processedAt: this.#clock.now(), lastError: null })
          .where(eq(inbox.seq, seq));
        return 'processed';
      });
    } catch (error) {
      return transaction(this.#db, async (tx) => {
        const [row] = await tx.select().from(inbox).where(eq(inbox.seq, seq)).for('update');
        assert(row, 'a failed inbox message still exists');
        const attempts = row.attempts + 1;
        const dead = attempts >= Limits.inboxMaxAttempts;
        await tx
          .update(inbox)
          .set({
            attempts,
            status: dead ? 'dead' : 'pending',
            nextAttemptAt: new Date(this.#clock.now().getTime() + backoffMs(attempts)),
            lastError: errorText(error),
          })
          .where(eq(inbox.seq, seq));
        return dead ? 'dead' : 'failed';
      });
    }
  }
}
