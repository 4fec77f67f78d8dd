// What the feedback use cases share: the author index, loading an entry, turning a row into the
// core's FeedbackRecord, and the reads of "my feedback" and the handlers' queue.
import type { Executor } from '@zulin/db';
import { blindIndex, decryptPii, getCustomerProfile } from '@zulin/identity';
import { assert, type BusinessDate, decodeCursor, encodeCursor, type Page, pageLimit, toPage } from '@zulin/kernel';
import { isHanWord } from '@zulin/support';
import { and, asc, desc, eq, gt, gte, ilike, inArray, isNull, lt, lte, ne, not, or, type SQL, sql } from 'drizzle-orm';
import { openAuthorLink, type SealedAuthorLink } from './author';
import type { FeedbackCategory } from './classify/rules';
import { FeedbackErrors } from './errors';
import type { FeedbackSource } from './feedback-source';
import { type FeedbackRecord, type HandlerView, handlerView } from './handler-view';
import type { HandlingState } from './handling';
import { FeedbackLimits } from './limits';
import { feedbackCorrections, feedbackEntries, feedbackReplies } from './schema';
import { textHasWord } from './word-frequency';

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
  /** Where it was sent from: the form, or 反馈问题 under an error the app showed. */
  source?: FeedbackSource | undefined;
  /** A word of the analysis' word list: texts holding it as a word (textHasWord), not merely its characters. */
  word?: string | undefined;
  /** The analysis breakdowns' keys: the catalog product, the model as stored, the warehouse, the carrier code. */
  productId?: string | undefined;
  model?: string | undefined;
  warehouseId?: string | undefined;
  carrier?: string | undefined;
  /** Submitted from / through these business dates (checked by the route: date-range.ts). */
  from?: BusinessDate | undefined;
  to?: BusinessDate | undefined;
  /** Handling (handling.ts): the state; the assignee (null: unassigned); overdue or not as of `now`. */
  state?: HandlingState | undefined;
  assigneeId?: string | null | undefined;
  overdue?: boolean | undefined;
  /** The instant `overdue` is judged at (the route's clock); required with `overdue`. */
  now?: Date | undefined;
  /** newest first (the default), or soonest due first. */
  sort?: QueueSort | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The queue's filters as conditions, but the word's own test (shared with the CSV export). A Han word
 * is looked for in the text first (a word is found only where its characters are); a Latin word is
 * not, as the word list reads texts in NFKC (a full-width ＡＰＰ counts as app).
 */
export function feedbackFilters(query: Omit<QueueQuery, 'limit' | 'cursor'>): SQL[] {
  const conditions: SQL[] = [];
  const q = query.q?.trim() ?? '';
  if (q.length > 0) conditions.push(ilike(feedbackEntries.text, likePattern(q)));
  const word = query.word?.trim() ?? '';
  if (word.length > 0 && isHanWord(word)) conditions.push(ilike(feedbackEntries.text, likePattern(word)));
  if (query.category !== undefined) conditions.push(eq(feedbackEntries.category, query.category));
  if (query.rating !== undefined) conditions.push(eq(feedbackEntries.rating, query.rating));
  if (query.replied !== undefined) {
    conditions.push(
      query.replied ? sql`${feedbackEntries.repliedAt} is not null` : sql`${feedbackEntries.repliedAt} is null`,
    );
  }
  if (query.source !== undefined) conditions.push(eq(feedbackEntries.source, query.source));
  if (query.productId !== undefined) conditions.push(eq(feedbackEntries.productId, query.productId));
  if (query.model !== undefined) conditions.push(eq(feedbackEntries.model, query.model));
  if (query.warehouseId !== undefined) conditions.push(eq(feedbackEntries.warehouseId, query.warehouseId));
  if (query.carrier !== undefined) conditions.push(eq(feedbackEntries.carrier, query.carrier));
  if (query.from !== undefined) conditions.push(gte(feedbackEntries.submittedOn, query.from));
  if (query.to !== undefined) conditions.push(lte(feedbackEntries.submittedOn, query.to));
  if (query.state !== undefined) conditions.push(eq(feedbackEntries.handlingState, query.state));
  if (query.assigneeId !== undefined) {
    conditions.push(
      query.assigneeId === null ? isNull(feedbackEntries.assigneeId) : eq(feedbackEntries.assigneeId, query.assigneeId),
    );
  }
  if (query.overdue !== undefined) {
    assert(query.now !== undefined, 'overdue is judged at an instant');
    // Overdue: not resolved and its due instant passed (handling-sla.ts' isOverdue; at the instant itself, not yet).
    const overdue = and(ne(feedbackEntries.handlingState, 'resolved'), lt(feedbackEntries.dueAt, query.now));
    if (overdue !== undefined) conditions.push(query.overdue ? overdue : not(overdue));
  }
  return conditions;
}

/** Whether an entry passes the word filter (none given: every entry). */
export function matchesWord(row: { text: string }, word: string | undefined): boolean {
  return word === undefined || word.trim().length === 0 || textHasWord(row.text, word);
}

export const queueSorts = ['newest', 'due'] as const;
export type QueueSort = (typeof queueSorts)[number];

/** Each order of the queue: its columns, the rows after a cursor's, and a row's cursor. */
const queueOrders = {
  newest: {
    order: [desc(feedbackEntries.submittedAt), desc(feedbackEntries.id)],
    after: (at: Date, id: string) =>
      or(lt(feedbackEntries.submittedAt, at), and(eq(feedbackEntries.submittedAt, at), lt(feedbackEntries.id, id))),
    cursorOf: (r: FeedbackRow): [string, string] => [r.submittedAt.toISOString(), r.id],
  },
  // Soonest due first (resolved ones too, unless filtered out: the state filter narrows it).
  due: {
    order: [asc(feedbackEntries.dueAt), asc(feedbackEntries.id)],
    after: (at: Date, id: string) =>
      or(gt(feedbackEntries.dueAt, at), and(eq(feedbackEntries.dueAt, at), gt(feedbackEntries.id, id))),
    cursorOf: (r: FeedbackRow): [string, string] => [r.dueAt.toISOString(), r.id],
  },
} satisfies Record<QueueSort, unknown>;

function afterCursor(sort: QueueSort, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = decodeCursor(cursor);
  const instant = new Date(String(at));
  if (typeof id !== 'string' || Number.isNaN(instant.getTime())) return undefined;
  return queueOrders[sort].after(instant, id);
}

/**
 * One page of the queue without a word filter: the filters, newest first. Filtered by source, it walks
 * feedback_entries_source_idx (source, submitted_at, id; migration 0067) and sorts nothing.
 */
export function queuePageQuery(db: Executor, query: Omit<QueueQuery, 'limit'>, rows: number) {
  const sort = query.sort ?? 'newest';
  return db
    .select()
    .from(feedbackEntries)
    .where(and(...feedbackFilters(query), afterCursor(sort, query.cursor)))
    .orderBy(...queueOrders[sort].order)
    .limit(rows);
}

/**
 * The handlers' queue, newest first, with the filters above; `q` searches the text (contains,
 * case-insensitive). With `word`, entries are read in batches and tested one by one: a page reads at
 * most `wordFilterScanRowsMax` entries and answers what it found with a cursor to read on (a page may
 * then hold fewer entries than asked, and still have a next one).
 */
export async function listFeedbackQueue(db: Executor, query: QueueQuery): Promise<Page<FeedbackRow>> {
  const limit = pageLimit(query.limit);
  const conditions = feedbackFilters(query);
  const { order, after, cursorOf } = queueOrders[query.sort ?? 'newest'];
  const word = query.word?.trim() ?? '';
  if (word.length === 0) {
    const rows = await queuePageQuery(db, query, limit + 1);
    return toPage(rows, limit, cursorOf);
  }
  const found: FeedbackRow[] = [];
  let next = afterCursor(query.sort ?? 'newest', query.cursor);
  let lastScanned: FeedbackRow | undefined;
  for (let scanned = 0; scanned < FeedbackLimits.wordFilterScanRowsMax; ) {
    const batch = await db
      .select()
      .from(feedbackEntries)
      .where(and(...conditions, next))
      .orderBy(...order)
      .limit(FeedbackLimits.wordFilterBatch);
    for (const row of batch) {
      scanned += 1;
      lastScanned = row;
      if (!textHasWord(row.text, word)) continue;
      found.push(row);
      if (found.length > limit) return toPage(found, limit, cursorOf);
    }
    if (batch.length < FeedbackLimits.wordFilterBatch || lastScanned === undefined) {
      return { data: found, nextCursor: null };
    }
    const [at, id] = cursorOf(lastScanned);
    next = after(new Date(at), id);
  }
  // The scan bound reached: what was found so far, and where to read on.
  return { data: found, nextCursor: lastScanned === undefined ? null : encodeCursor(cursorOf(lastScanned)) };
}
