// One open chat socket: reads the frames a customer or an agent sends, each bounded and checked,
// and turns them into commands (one transaction each). Nothing a client sends can stop the process:
// an oversize frame closes that socket (1009), anything else not understood answers an `error`
// frame and the socket stays open; too many frames answer `SUPPORT_CHAT_RATE_LIMITED`.
import { type Database, transaction } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { isAppError } from '@zulin/kernel';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { recordAgentHeartbeat } from './agent-presence';
import type { ChatHub, ChatSide, ChatSubscriber, ServerFrame } from './chat-hub';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';
import { markChatRead } from './mark-chat-read';
import { postChatMessage } from './post-chat-message';

/** What a client sends on a chat socket. */
type ClientFrame =
  | { type: 'send'; body: string; clientId: string; imageId?: string }
  | { type: 'read'; upToSeq: number }
  | { type: 'typing' }
  | { type: 'ping' };

const clientIdPattern = /^[\w-]{1,64}$/;
const uploadIdPattern = /^[\w-]{1,64}$/;

/** Checks a frame's shape by hand: the socket has no schema validator, and every field is bounded. */
export function parseClientFrame(data: unknown): ClientFrame | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const frame = data as Record<string, unknown>;
  switch (frame.type) {
    case 'send':
      if (typeof frame.body !== 'string' || typeof frame.clientId !== 'string') return undefined;
      if (!clientIdPattern.test(frame.clientId)) return undefined;
      if (frame.imageId === undefined) return { type: 'send', body: frame.body, clientId: frame.clientId };
      if (typeof frame.imageId !== 'string' || !uploadIdPattern.test(frame.imageId)) return undefined;
      return { type: 'send', body: frame.body, clientId: frame.clientId, imageId: frame.imageId };
    case 'read':
      if (!Number.isSafeInteger(frame.upToSeq) || (frame.upToSeq as number) < 0) return undefined;
      return { type: 'read', upToSeq: frame.upToSeq as number };
    case 'typing':
      return { type: 'typing' };
    case 'ping':
      return { type: 'ping' };
    default:
      return undefined;
  }
}

export interface ChatSocketOptions {
  database: Database;
  deps: SupportDeps;
  hub: ChatHub;
  logger: FastifyBaseLogger;
  chatId: string;
  afterSeq: number;
  who: { side: 'customer'; customerId: string } | { side: 'agent'; staff: StaffPrincipal };
  /** The keyed hash of the socket's user: an image message attaches only their own upload. */
  uploadOwnerIndex: string;
}

export function attachChatSocket(socket: WebSocket, options: ChatSocketOptions): void {
  const { database, deps, hub, logger, chatId, who } = options;
  const side: ChatSide = who.side;
  const userId = who.side === 'customer' ? who.customerId : who.staff.staffId;
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const refuse = (error: { code: string; title: string }, clientId?: string) =>
    send({ type: 'error', code: error.code, title: error.title, ...(clientId === undefined ? {} : { clientId }) });

  if (
    hub.size >= SupportLimits.chatSocketsMax ||
    hub.countOf(chatId, userId) >= SupportLimits.chatSocketsPerChatPerUserMax
  ) {
    socket.close(1013, 'too many chat sockets');
    return;
  }
  const subscriber: ChatSubscriber = {
    chatId,
    side,
    userId,
    lastSeq: options.afterSeq,
    lastVersion: 0,
    send,
    close: (code, reason) => socket.close(code, reason),
  };

  // Two token buckets: every frame (typing marks, read marks and pings included) draws on a
  // generous one, so that no flood reaches the handlers; a message draws on the stricter one too,
  // so that typing never uses up what a person may write.
  const bucket = (burst: number, perMinute: number) => {
    let tokens = burst;
    let refilledAtMs = deps.clock.now().getTime();
    return (): boolean => {
      const nowMs = deps.clock.now().getTime();
      tokens = Math.min(burst, tokens + Math.max(0, ((nowMs - refilledAtMs) * perMinute) / 60_000));
      refilledAtMs = nowMs;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    };
  };
  const takeFrame = bucket(SupportLimits.chatFramesBurst, SupportLimits.chatFramesPerMinute);
  const takeMessage = bucket(SupportLimits.chatMessagesBurst, SupportLimits.chatMessagesPerMinute);

  // An agent's socket is a presence heartbeat: when it opens and with its frames, at most every 30 s.
  let beatAtMs = Number.NEGATIVE_INFINITY;
  const heartbeat = () => {
    if (who.side !== 'agent') return;
    const nowMs = deps.clock.now().getTime();
    if (nowMs - beatAtMs < SupportLimits.agentHeartbeatWriteMs) return;
    beatAtMs = nowMs;
    transaction(database.db, (tx) => recordAgentHeartbeat(tx, deps, who.staff.staffId)).catch((error: unknown) =>
      logger.error({ err: error, chatId }, 'agent heartbeat failed'),
    );
  };
  heartbeat();

  let idle: NodeJS.Timeout | undefined;
  const stillHere = () => {
    if (idle !== undefined) clearTimeout(idle);
    idle = setTimeout(() => socket.close(1000, 'idle'), SupportLimits.chatIdleMs);
    idle.unref();
  };
  stillHere();

  const handle = async (frame: ClientFrame): Promise<void> => {
    if (frame.type === 'ping') return send({ type: 'pong' });
    if (frame.type === 'typing') return hub.typing(chatId, side);
    if (frame.type === 'read') {
      await transaction(database.db, (tx) =>
        markChatRead(tx, deps, {
          chatId,
          side,
          upToSeq: frame.upToSeq,
          ...(who.side === 'customer' ? { customerId: who.customerId } : {}),
        }),
      );
      return hub.nudge();
    }
    const { message } = await transaction(database.db, (tx) =>
      postChatMessage(tx, deps, {
        chatId,
        body: frame.body,
        clientId: frame.clientId,
        ...(frame.imageId === undefined
          ? {}
          : { image: { ownerIndex: options.uploadOwnerIndex, uploadIds: [frame.imageId] } }),
        ...(who.side === 'customer' ? { customerId: who.customerId } : { staff: who.staff }),
      }),
    );
    send({ type: 'ack', clientId: frame.clientId, seq: message.seq });
    hub.nudge();
  };

  socket.on('message', (data, isBinary) => {
    stillHere();
    heartbeat();
    if (!takeFrame()) return refuse(SupportErrors.SUPPORT_CHAT_RATE_LIMITED());
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      parsed = undefined;
    }
    const frame = parseClientFrame(parsed);
    if (frame === undefined) return refuse(SupportErrors.SUPPORT_CHAT_MESSAGE_INVALID());
    if (frame.type === 'send' && !takeMessage()) {
      return refuse(SupportErrors.SUPPORT_CHAT_RATE_LIMITED(), frame.clientId);
    }
    handle(frame).catch((error: unknown) => {
      const clientId = frame.type === 'send' ? frame.clientId : undefined;
      if (isAppError(error)) return refuse({ code: error.code, title: error.title }, clientId);
      logger.error({ err: error, chatId }, 'a chat frame failed');
      refuse({ code: 'INTERNAL', title: 'Something went wrong; send it again' }, clientId);
    });
  });
  // ws reports protocol errors (an oversize or malformed frame) here and closes the socket itself.
  socket.on('error', (error) => logger.info({ err: error, chatId }, 'chat socket error'));
  socket.on('close', () => {
    if (idle !== undefined) clearTimeout(idle);
    hub.remove(subscriber);
  });
  hub.add(subscriber);
}
