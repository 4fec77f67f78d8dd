// What the feedback use cases share: the author index, loading an entry, turning a row into the
// core's FeedbackRecord, and the reads of "my feedback" and the handlers' queue.
import type { Executor } from '@zulin/db';
import { blindIndex, decryptPii, getCustomerProfile } from '@zulin/identity';
import { decodeCursor, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, asc, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import { openAuthorLink, type SealedAuthorLink } from './author';
import type { FeedbackCategory } from './classify/rules';
import { FeedbackErrors } from './errors';
import { type FeedbackRecord, type HandlerView, handlerView } from './handler-view';
import { FeedbackLimits } from './limits';
import { feedbackCorrections, feedbackEntries, feedbackReplies } from './schema';

export type FeedbackRow = typeof feedbackEntries.$inferSelect;
export type ReplyRow = typeof feedbackReplies.$inferSelect;
export type CorrectionRow = typeof feedbackCorrections.$inferSelect;

/** The keyed hash under which a customer finds their own entries and uploads (named or anonymous). */
export function authorIndexOf(masterKey: Buffer, customerId: string): string {
  return blindIndex(masterKey, 'feedback_author', customerId);
}

/** The keyed hash that makes a rental rateable once, without naming the order on anonymous entries. */
export function ratedOrderIndexOf(masterKey: Buffer, orderId: string): string {
  return blindIndex(masterKey, 'feedback_rated_order', orderId);
}

export function recordOf(row: FeedbackRow): FeedbackRecord {
  return {
    id: row.id,
    submittedAt: row.submittedAt,
    submittedOn: row.submittedOn,
    timing: row.timing,
    author:
      row.anonymous && row.sealedAuthor !== null
        ? { kind: 'anonymous', sealed: row.sealedAuthor as SealedAuthorLink }
        : { kind: 'named', customerId: row.customerId ?? '', orderId: row.orderId },
    productId: row.productId,
    model: row.model,
    warehouseId: row.warehouseId,
    carrier: row.carrier,
    rating: row.rating,
    text: row.text,
    answers: row.answers,
    mediaKeys: row.media.map((m) => m.key),
    category: row.category,
    categoryConfidencePct: row.categoryConfidencePct,
    valuable: row.valuable,
  };
}

export async function loadFeedback(db: Executor, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(feedbackEntries).where(eq(feedbackEntries.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (row === undefined) throw FeedbackErrors.FEEDBACK_NOT_FOUND();
  return row;
}

/** The customer behind an entry, for the system only (rewards, reply notices): anonymous ones are revealed. */
export async function authorOf(db: Executor, masterKey: Buffer, row: FeedbackRow): Promise<string> {
  if (!row.anonymous) return row.customerId ?? '';
  const link = await openAuthorLink(row.id, row.sealedAuthor as SealedAuthorLink, (c) => decryptPii(db, masterKey, c));
  return link.customerId;
}

export async function repliesOf(db: Executor, feedbackIds: readonly string[]): Promise<Map<string, ReplyRow[]>> {
  const byFeedback = new Map<string, ReplyRow[]>();
  if (feedbackIds.length === 0) return byFeedback;
  const rows = await db
    .select()
    .from(feedbackReplies)
    .where(inArray(feedbackReplies.feedbackId, [...feedbackIds]))
    .orderBy(asc(feedbackReplies.createdAt), asc(feedbackReplies.id))
    .limit(feedbackIds.length * FeedbackLimits.repliesPerFeedbackMax);
  for (const row of rows) byFeedback.set(row.feedbackId, [...(byFeedback.get(row.feedbackId) ?? []), row]);
  return byFeedback;
}

export async function correctionsOf(db: Executor, feedbackId: string): Promise<CorrectionRow[]> {
  return db
    .select()
    .from(feedbackCorrections)
    .where(eq(feedbackCorrections.feedbackId, feedbackId))
    .orderBy(asc(feedbackCorrections.createdAt))
    .limit(FeedbackLimits.correctionsPerFeedbackMax);
}

/** "My feedback": the customer's entries, named and anonymous, newest first, with the replies. */
export async function listMyFeedback(db: Executor, masterKey: Buffer, customerId: string) {
  const rows = await db
    .select()
    .from(feedbackEntries)
    .where(eq(feedbackEntries.authorIndex, authorIndexOf(masterKey, customerId)))
    .orderBy(desc(feedbackEntries.submittedAt), desc(feedbackEntries.id))
    .limit(FeedbackLimits.myFeedbackMax);
  const replies = await repliesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ row, replies: replies.get(row.id) ?? [] }));
}

/** What a handler sees: the core's handler view, with the named customer masked by identity. */
export async function handlerViewOf(db: Executor, masterKey: Buffer, row: FeedbackRow): Promise<HandlerView> {
  const record = recordOf(row);
  if (record.author.kind === 'anonymous') return handlerView(record, null);
  const profile = await getCustomerProfile(db, masterKey, record.author.customerId);
  return handlerView(record, {
    customerId: profile.id,
    maskedName: profile.identity.nameMasked ?? profile.nickname ?? '—',
    maskedPhone: profile.phoneMasked,
  });
}

export interface QueueQuery {
  q?: string | undefined;
  category?: FeedbackCategory | undefined;
  rating?: 'good' | 'neutral' | 'bad' | undefined;
  replied?: boolean | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** The handlers' queue, newest first; `q` searches the text (contains, case-insensitive). */
export async function listFeedbackQueue(db: Executor, query: QueueQuery): Promise<Page<FeedbackRow>> {
  const limit = pageLimit(query.limit);
  const conditions = [];
  if (query.q !== undefined && query.q.trim().length > 0) {
    const escaped = query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(ilike(feedbackEntries.text, `%${escaped}%`));
  }
  if (query.category !== undefined) conditions.push(eq(feedbackEntries.category, query.category));
  if (query.rating !== undefined) conditions.push(eq(feedbackEntries.rating, query.rating));
  if (query.replied !== undefined) {
    conditions.push(
      query.replied ? sql`${feedbackEntries.repliedAt} is not null` : sql`${feedbackEntries.repliedAt} is null`,
    );
  }
  if (query.cursor !== undefined) {
    const [at, id] = decodeCursor(query.cursor);
    const after = new Date(String(at));
    if (typeof id === 'string' && !Number.isNaN(after.getTime())) {
      conditions.push(
        or(
          lt(feedbackEntries.submittedAt, after),
          and(eq(feedbackEntries.submittedAt, after), lt(feedbackEntries.id, id)),
        ),
      );
    }
  }
  const rows = await db
    .select()
    .from(feedbackEntries)
    .where(and(...conditions))
    .orderBy(desc(feedbackEntries.submittedAt), desc(feedbackEntries.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.submittedAt.toISOString(), r.id]);
}
