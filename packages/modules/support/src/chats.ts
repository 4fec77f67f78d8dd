// What the chat use cases share: loading (and locking) a chat, appending a message while the chat
// row is locked (so that seq order is commit order within a chat), reading messages after a seq,
// the one transition function that moves a chat's state (audit for staff, event for everyone), and
// the desk's lists.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { newId } from '@zulin/kernel';
import { and, asc, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { ChatAuthorKind, ChatEndReason, ChatState } from './chat-policy';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';
import { type AttachedFile, supportChatMessages, supportChats } from './schema';

export type ChatRow = typeof supportChats.$inferSelect;
export type ChatMessageRow = typeof supportChatMessages.$inferSelect;

/** System messages name what happened; screens word them in the reader's language. */
export const chatSystemEvents = [
  'taken',
  'transferred',
  'ended',
  'left_ticket',
  /** The system closed a chat nobody took in time, or one nobody wrote in for long. */
  'no_agent',
  'idle',
  /** The agent holding the chat lost access (disabled): it waits in the queue again. */
  'returned',
] as const;
export type ChatSystemEvent = (typeof chatSystemEvents)[number];

export async function loadChat(
  db: Executor,
  id: string,
  options: { customerId?: string; forUpdate?: boolean } = {},
): Promise<ChatRow> {
  const conditions = [eq(supportChats.id, id)];
  if (options.customerId !== undefined) conditions.push(eq(supportChats.customerId, options.customerId));
  const query = db
    .select()
    .from(supportChats)
    .where(and(...conditions));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (row === undefined) throw SupportErrors.SUPPORT_CHAT_NOT_FOUND();
  return row;
}

/** The customer's chat that is still queued or active, if any (at most one). */
export async function openChatOf(db: Executor, customerId: string): Promise<ChatRow | undefined> {
  const [row] = await db
    .select()
    .from(supportChats)
    .where(and(eq(supportChats.customerId, customerId), inArray(supportChats.state, ['queued', 'active'])))
    .orderBy(desc(supportChats.queuedAt))
    .limit(1);
  return row;
}

/** Whether a message of the chat carries the file `key` (or has it as its thumbnail). */
export async function chatHoldsFile(db: Executor, chatId: string, key: string): Promise<boolean> {
  const [row] = await db
    .select({ seq: supportChatMessages.seq })
    .from(supportChatMessages)
    .where(
      and(
        eq(supportChatMessages.chatId, chatId),
        or(
          sql`${supportChatMessages.attachment}->>'key' = ${key}`,
          sql`${supportChatMessages.attachment}->>'thumbnailKey' = ${key}`,
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Messages after `afterSeq`, oldest first, at most `limit`. */
export async function chatMessagesAfter(
  db: Executor,
  chatId: string,
  afterSeq: number,
  limit: number = SupportLimits.chatMessagesPerChatMax,
): Promise<ChatMessageRow[]> {
  return db
    .select()
    .from(supportChatMessages)
    .where(and(eq(supportChatMessages.chatId, chatId), gt(supportChatMessages.seq, afterSeq)))
    .orderBy(asc(supportChatMessages.seq))
    .limit(limit);
}

/**
 * Appends a message to a chat the caller has locked (`loadChat(…, { forUpdate: true })`). A repeat
 * of the same `clientId` by the same side returns the stored message instead of a second one.
 */
export async function appendChatMessage(
  tx: Executor,
  deps: SupportDeps,
  chat: ChatRow,
  message: {
    authorKind: ChatAuthorKind;
    authorId: string | null;
    body: string;
    clientId?: string | null;
    /** An image message: attaches its upload (after the repeat check, so a resend attaches nothing). */
    attach?: (tx: Executor) => Promise<AttachedFile[]>;
  },
): Promise<ChatMessageRow> {
  const clientId = message.clientId ?? null;
  if (clientId !== null) {
    const [existing] = await tx
      .select()
      .from(supportChatMessages)
      .where(
        and(
          eq(supportChatMessages.chatId, chat.id),
          eq(supportChatMessages.authorKind, message.authorKind),
          eq(supportChatMessages.clientId, clientId),
        ),
      );
    if (existing !== undefined) return existing;
  }
  const [row] = await tx
    .insert(supportChatMessages)
    .values({
      chatId: chat.id,
      authorKind: message.authorKind,
      authorId: message.authorId,
      body: message.body,
      attachment: message.attach === undefined ? null : ((await message.attach(tx))[0] ?? null),
      clientId,
      createdAt: deps.clock.now(),
    })
    .returning();
  if (row === undefined) throw SupportErrors.SUPPORT_CHAT_NOT_FOUND();
  return row;
}

/** Writes changed columns of a locked chat and moves its version on, so that open sockets see it. */
export async function updateChat(
  tx: Executor,
  deps: SupportDeps,
  chat: ChatRow,
  set: Partial<Omit<ChatRow, 'id' | 'version' | 'updatedAt'>>,
): Promise<ChatRow> {
  const [row] = await tx
    .update(supportChats)
    .set({ ...set, version: chat.version + 1, updatedAt: deps.clock.now() })
    .where(eq(supportChats.id, chat.id))
    .returning();
  if (row === undefined) throw SupportErrors.SUPPORT_CHAT_NOT_FOUND();
  return row;
}

/**
 * Moves a locked chat to `to` with the columns that go with it: a system message names the change
 * for both sides, staff actions are audited, and `support.chat_state_changed` is emitted.
 */
export async function changeChat(
  tx: Executor,
  deps: SupportDeps,
  chat: ChatRow,
  change: {
    to: ChatState;
    event: ChatSystemEvent;
    staff?: StaffPrincipal;
    set?: Partial<Omit<ChatRow, 'id' | 'version' | 'updatedAt' | 'state'>>;
    endReason?: ChatEndReason;
  },
): Promise<ChatRow> {
  const now = deps.clock.now();
  const updated = await updateChat(tx, deps, chat, {
    ...change.set,
    state: change.to,
    ...(change.to === 'ended' ? { endedAt: now, endReason: change.endReason ?? null } : {}),
  });
  await appendChatMessage(tx, deps, updated, {
    authorKind: 'system',
    authorId: updated.agentId,
    body: change.event,
  });
  if (change.staff !== undefined) {
    await recordAudit(tx, {
      actor: change.staff,
      action: `support.chat_${change.event}`,
      targetType: 'chat',
      targetId: chat.id,
      detail: { from: chat.state, to: change.to, agentFrom: chat.agentId, agentTo: updated.agentId },
      at: now,
    });
  }
  await emitEvent(tx, now, {
    type: 'support.chat_state_changed',
    aggregateType: 'chat',
    aggregateId: chat.id,
    payload: { chatId: chat.id, from: chat.state, to: change.to, agentId: updated.agentId },
  });
  return updated;
}

/** The desk's list: queued chats (longest waiting first), or the active ones (of one agent). */
export async function listChats(db: Executor, options: { state: ChatState; agentId?: string }): Promise<ChatRow[]> {
  const conditions = [eq(supportChats.state, options.state)];
  if (options.agentId !== undefined) conditions.push(eq(supportChats.agentId, options.agentId));
  return db
    .select()
    .from(supportChats)
    .where(and(...conditions))
    .orderBy(options.state === 'ended' ? desc(supportChats.endedAt) : asc(supportChats.queuedAt), asc(supportChats.id))
    .limit(SupportLimits.chatQueueMax);
}

export function newChatId(deps: SupportDeps): string {
  return newId('cht', deps.clock);
}
