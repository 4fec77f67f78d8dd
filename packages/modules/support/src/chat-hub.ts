// Delivery of a live chat to the sockets open in this process. The database is the only truth:
// every socket remembers the last message seq and chat version it was sent, and the hub looks for
// newer ones — at once when a message was written here (`nudge`), and every second anyway, which
// also brings what another server process wrote. Typing marks are the one thing not stored: they go
// only to the sockets of this process. While a chat is queued its frame also carries where it stands
// (place in the queue, agents online), sent again whenever that changes. Every few seconds the hub
// checks that the agents on its sockets still have access, and closes the sockets of those who lost
// it (disabled, or a role without support.handle) with 4403.
import { type Database, queryRows } from '@zulin/db';
import { isActiveStaffWith } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type QueueStanding, queueStandings } from './agent-presence';
import { chatNames } from './chat-names';
import { mayLeaveTicket } from './chat-policy';
import { presentChat, presentChatMessage } from './chat-schemas';
import type { ChatMessageRow, ChatRow } from './chats';
import { SupportLimits } from './limits';
import { supportChats } from './schema';

export type ChatSide = 'customer' | 'agent';

/** What the server sends on a chat socket. */
export type ServerFrame =
  | { type: 'chat'; chat: ReturnType<typeof presentChat> }
  | { type: 'message'; message: ReturnType<typeof presentChatMessage> }
  | { type: 'typing'; side: ChatSide }
  | { type: 'ack'; clientId: string; seq: number }
  | { type: 'pong' }
  | { type: 'error'; code: string; title: string; clientId?: string };

export interface ChatSubscriber {
  chatId: string;
  side: ChatSide;
  userId: string;
  lastSeq: number;
  lastVersion: number;
  /** What the socket was last told of the queue (position, agents online, ticket offer). */
  lastStanding?: string;
  send(frame: ServerFrame): void;
  close(code: number, reason: string): void;
}

interface MessageDbRow {
  seq: string | number;
  chat_id: string;
  author_kind: ChatMessageRow['authorKind'];
  author_id: string | null;
  body: string;
  /** jsonb: parsed by both drivers; a string is parsed here in case one does not. */
  attachment: ChatMessageRow['attachment'] | string | null;
  client_id: string | null;
  created_at: string | Date;
}

export class ChatHub {
  private readonly subscribers = new Set<ChatSubscriber>();
  private timer: NodeJS.Timeout | undefined;
  private accessTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly logger: FastifyBaseLogger,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** How many sockets this user holds on this chat (a bound per user and chat). */
  countOf(chatId: string, userId: string): number {
    let n = 0;
    for (const s of this.subscribers) if (s.chatId === chatId && s.userId === userId) n += 1;
    return n;
  }

  add(subscriber: ChatSubscriber): void {
    this.subscribers.add(subscriber);
    if (this.timer === undefined && !this.closed) {
      this.timer = setInterval(() => this.nudge(), SupportLimits.chatPollMs);
      this.timer.unref();
      this.accessTimer = setInterval(() => {
        this.checkAgentAccess().catch((error: unknown) =>
          this.logger.error({ err: error }, 'chat agent access check failed'),
        );
      }, SupportLimits.agentAccessCheckMs);
      this.accessTimer.unref();
    }
    this.nudge();
  }

  remove(subscriber: ChatSubscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      clearInterval(this.accessTimer);
      this.timer = undefined;
      this.accessTimer = undefined;
    }
  }

  /** Someone is typing: the other side's sockets in this process hear of it. */
  typing(chatId: string, side: ChatSide): void {
    for (const s of this.subscribers) if (s.chatId === chatId && s.side !== side) s.send({ type: 'typing', side });
  }

  /** Looks for new messages and chat changes now (one poll at a time; a nudge during one runs another after it). */
  nudge(): void {
    if (this.closed) return;
    if (this.polling !== undefined) {
      this.again = true;
      return;
    }
    this.polling = this.poll()
      .catch((error: unknown) => this.logger.error({ err: error }, 'chat delivery poll failed'))
      .finally(() => {
        this.polling = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    if (this.accessTimer !== undefined) clearInterval(this.accessTimer);
    this.timer = undefined;
    this.accessTimer = undefined;
    for (const s of this.subscribers) s.close(1001, 'server shutting down');
    this.subscribers.clear();
    await this.polling;
  }

  /** Closes the sockets of agents who no longer have access (identity checks again on any reconnect). */
  async checkAgentAccess(): Promise<number> {
    const agents = new Set<string>();
    for (const s of this.subscribers) if (s.side === 'agent') agents.add(s.userId);
    let closed = 0;
    for (const staffId of agents) {
      if (await isActiveStaffWith(this.database.db, staffId, 'support.handle')) continue;
      for (const s of [...this.subscribers]) {
        if (s.side !== 'agent' || s.userId !== staffId) continue;
        this.subscribers.delete(s);
        s.close(4403, 'access revoked');
        closed += 1;
      }
    }
    return closed;
  }

  private async poll(): Promise<void> {
    if (this.subscribers.size === 0) return;
    const byChat = new Map<string, ChatSubscriber[]>();
    for (const s of this.subscribers) byChat.set(s.chatId, [...(byChat.get(s.chatId) ?? []), s]);
    const chatIds = [...byChat.keys()];
    const afterSeqs = chatIds.map((id) => Math.min(...(byChat.get(id) ?? []).map((s) => s.lastSeq)));
    const db = this.database.db;
    const chats = await db.select().from(supportChats).where(inArray(supportChats.id, chatIds));
    const watched = sql.join(
      chatIds.map((id, i) => sql`(${id}, ${afterSeqs[i] ?? 0}::bigint)`),
      sql`, `,
    );
    const rows = await queryRows<MessageDbRow>(
      db,
      sql`select m.seq, m.chat_id, m.author_kind, m.author_id, m.body, m.attachment, m.client_id, m.created_at
          from support_chat_messages m
          join (values ${watched}) as w(chat_id, after_seq)
            on m.chat_id = w.chat_id and m.seq > w.after_seq
          order by m.seq
          limit ${SupportLimits.chatResumeMessagesMax}`,
    );
    const messages: ChatMessageRow[] = rows.map((r) => ({
      seq: Number(r.seq),
      chatId: r.chat_id,
      authorKind: r.author_kind,
      authorId: r.author_id,
      body: r.body,
      attachment: typeof r.attachment === 'string' ? JSON.parse(r.attachment) : r.attachment,
      clientId: r.client_id,
      createdAt: new Date(r.created_at),
    }));
    const now = this.clock.now();
    const queued = chats.filter((c) => c.state === 'queued');
    const standings = queued.length === 0 ? new Map<string, QueueStanding>() : await queueStandings(db, now, queued);
    const standingKey = (c: ChatRow) => {
      const st = standings.get(c.id);
      return st === undefined ? '' : `${st.position}:${st.agentsOnline}:${mayLeaveTicket(c, now, st.agentsOnline)}`;
    };
    const changed = chats.filter((c) =>
      (byChat.get(c.id) ?? []).some((s) => s.lastVersion < c.version || (s.lastStanding ?? '') !== standingKey(c)),
    );
    if (messages.length === 0 && changed.length === 0) return;
    const names = await chatNames(db, changed, messages);
    for (const chat of chats) {
      this.deliver(chat, byChat.get(chat.id) ?? [], messages, names, now, standings.get(chat.id), standingKey(chat));
    }
  }

  private deliver(
    chat: ChatRow,
    subscribers: readonly ChatSubscriber[],
    messages: readonly ChatMessageRow[],
    names: Awaited<ReturnType<typeof chatNames>>,
    now: Date,
    standing: QueueStanding | undefined,
    standingKey: string,
  ): void {
    const mine = messages.filter((m) => m.chatId === chat.id);
    for (const s of subscribers) {
      if (s.lastVersion < chat.version || (s.lastStanding ?? '') !== standingKey) {
        s.send({ type: 'chat', chat: presentChat(chat, [], now, names, standing) });
        s.lastVersion = chat.version;
        s.lastStanding = standingKey;
      }
      for (const m of mine) {
        if (m.seq <= s.lastSeq) continue;
        s.send({ type: 'message', message: presentChatMessage(m, names) });
        s.lastSeq = m.seq;
      }
    }
  }
}
