// The webhook inbox as operators see it: each stored message's provider, event, state, attempts and
// last error, newest first. Headers and bodies are not shown: they may carry personal data.
import { type Executor, platformSchema } from '@zulin/db';
import { encodeCursor, type Page, pageLimit } from '@zulin/kernel';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { numberCursor } from './cursor';

const { inbox } = platformSchema;

/** The states of an inbox message, as the platform's schema declares them. */
export const inboxStatuses = inbox.status.enumValues;
export type InboxStatus = (typeof inboxStatuses)[number];

export interface InboxMessageView {
  /** `<provider>:<providerEventId>`: the row's key for lists. */
  id: string;
  seq: number;
  provider: string;
  providerEventId: string;
  eventType: string;
  status: InboxStatus;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
  /** When the worker tries it next; only a pending message has one. */
  nextAttemptAt: Date | null;
  processedAt: Date | null;
}

export async function listInboxMessages(
  db: Executor,
  filter: { status?: InboxStatus | undefined; provider?: string | undefined; limit?: number; cursor?: string },
): Promise<Page<InboxMessageView>> {
  const limit = pageLimit(filter.limit);
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(inbox.status, filter.status));
  if (filter.provider) conditions.push(eq(inbox.provider, filter.provider));
  if (filter.cursor) conditions.push(lt(inbox.seq, numberCursor(filter.cursor)));
  const rows = await db
    .select({
      seq: inbox.seq,
      provider: inbox.provider,
      providerEventId: inbox.providerEventId,
      eventType: inbox.eventType,
      status: inbox.status,
      attempts: inbox.attempts,
      lastError: inbox.lastError,
      receivedAt: inbox.receivedAt,
      nextAttemptAt: inbox.nextAttemptAt,
      processedAt: inbox.processedAt,
    })
    .from(inbox)
    .where(and(...conditions))
    .orderBy(desc(inbox.seq))
    .limit(limit + 1);
  const data = rows.slice(0, limit).map(
    (row): InboxMessageView => ({
      ...row,
      id: `${row.provider}:${row.providerEventId}`,
      nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    }),
  );
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor([last.seq]) : null };
}
