// A live chat's socket for both web apps (the customer's and the agents' console): connects with the
// session's access token offered as the subprotocol `bearer.<token>` (never in the URL), keeps the
// messages by seq, resumes after the last seq it saw when the connection drops (with back-off), and
// sends messages with their own client id so a resend after a lost answer is stored once.
import type { components } from '@zulin/sdk';
import { useCallback, useEffect, useRef, useState } from 'react';

export type ChatMessage = components['schemas']['ChatMessage'];
/** The chat's state as a `chat` frame carries it (its `messages` list is empty: they come one by one). */
export type ChatView = components['schemas']['Chat'];

const chatProtocol = 'zulin.chat.v1';
const reconnectDelaysMs = [1_000, 2_000, 5_000, 10_000];

type ServerFrame =
  | { type: 'chat'; chat: ChatView }
  | { type: 'message'; message: ChatMessage }
  | { type: 'typing'; side: 'customer' | 'agent' }
  | { type: 'ack'; clientId: string; seq: number }
  | { type: 'pong' }
  | { type: 'error'; code: string; title: string; clientId?: string };

export interface ChatSocketState {
  messages: ChatMessage[];
  chat: ChatView | null;
  connected: boolean;
  /** The other side typed within the last few seconds. */
  otherTyping: boolean;
  /** The code of the last refusal (a message too long, too many messages, a chat that ended). */
  lastError: string | null;
  /** Sends text, or one uploaded image (`imageId` from `POST /v1/uploads`; the body may then be empty). */
  send(body: string, imageId?: string): void;
  markRead(upToSeq: number): void;
  typing(): void;
}

function newClientId(): string {
  return `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * `path` is `/v1/chat` (customer) or `/v1/admin/chat` (agent); `token` gives a current access token
 * (the app's API client refreshes it) or null when signed out; nothing connects while `chatId` is null.
 */
export function useChatSocket(options: {
  path: '/v1/chat' | '/v1/admin/chat';
  chatId: string | null;
  token: () => Promise<string | null>;
  initial?: readonly ChatMessage[];
}): ChatSocketState {
  const { path, chatId, token } = options;
  const [messages, setMessages] = useState<ChatMessage[]>(() => [...(options.initial ?? [])]);
  const [chat, setChat] = useState<ChatView | null>(null);
  const [connected, setConnected] = useState(false);
  const [otherTyping, setOtherTyping] = useState(false);
  const [lastError, setLastError] = useState<string | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const lastSeq = useRef(0);
  const outbox = useRef<{ body: string; clientId: string; imageId?: string }[]>([]);

  const merge = useCallback((incoming: readonly ChatMessage[]) => {
    if (incoming.length === 0) return;
    setMessages((current) => {
      const bySeq = new Map(current.map((m) => [m.seq, m]));
      for (const m of incoming) bySeq.set(m.seq, m);
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    });
    lastSeq.current = Math.max(lastSeq.current, ...incoming.map((m) => m.seq));
  }, []);

  useEffect(() => {
    if (options.initial) merge(options.initial);
    // Only the first list counts: later messages come over the socket.
  }, [merge, options.initial]);

  useEffect(() => {
    if (chatId === null) return;
    let stopped = false;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      const access = await token().catch(() => null);
      if (stopped || access === null) return;
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const url = `${scheme}://${window.location.host}${path}?chatId=${encodeURIComponent(chatId)}&afterSeq=${lastSeq.current}`;
      const ws = new WebSocket(url, [chatProtocol, `bearer.${access}`]);
      socket.current = ws;
      ws.onopen = () => {
        attempt = 0;
        setConnected(true);
        // What was typed while offline goes now (the server stores each client id once).
        for (const m of outbox.current) ws.send(JSON.stringify({ type: 'send', ...m }));
      };
      ws.onmessage = (event) => {
        let frame: ServerFrame;
        try {
          frame = JSON.parse(String(event.data)) as ServerFrame;
        } catch {
          return;
        }
        if (frame.type === 'message') merge([frame.message]);
        else if (frame.type === 'chat') setChat(frame.chat);
        else if (frame.type === 'ack') outbox.current = outbox.current.filter((m) => m.clientId !== frame.clientId);
        else if (frame.type === 'typing') {
          setOtherTyping(true);
          if (typingTimer !== undefined) clearTimeout(typingTimer);
          typingTimer = setTimeout(() => setOtherTyping(false), 4_000);
        } else if (frame.type === 'error') {
          setLastError(frame.code);
          if (frame.clientId !== undefined)
            outbox.current = outbox.current.filter((m) => m.clientId !== frame.clientId);
        }
      };
      ws.onclose = () => {
        setConnected(false);
        if (socket.current === ws) socket.current = null;
        if (stopped) return;
        const delay = reconnectDelaysMs[Math.min(attempt, reconnectDelaysMs.length - 1)] ?? 10_000;
        attempt += 1;
        retry = setTimeout(() => void connect(), delay);
      };
    };
    void connect();
    return () => {
      stopped = true;
      if (retry !== undefined) clearTimeout(retry);
      if (typingTimer !== undefined) clearTimeout(typingTimer);
      socket.current?.close();
      socket.current = null;
    };
  }, [chatId, path, token, merge]);

  const send = useCallback((body: string, imageId?: string) => {
    const message = { body, clientId: newClientId(), ...(imageId === undefined ? {} : { imageId }) };
    outbox.current = [...outbox.current, message];
    setLastError(null);
    const ws = socket.current;
    if (ws !== null && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'send', ...message }));
  }, []);
  const markRead = useCallback((upToSeq: number) => {
    const ws = socket.current;
    if (ws !== null && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'read', upToSeq }));
  }, []);
  // A typing mark shows for 4 s on the other side: one every 3 s while keys are pressed is enough
  // (an input method changes the text on every keystroke).
  const typingSentAt = useRef(0);
  const typing = useCallback(() => {
    const ws = socket.current;
    const now = Date.now();
    if (ws === null || ws.readyState !== WebSocket.OPEN || now - typingSentAt.current < 3_000) return;
    typingSentAt.current = now;
    ws.send(JSON.stringify({ type: 'typing' }));
  }, []);

  return { messages, chat, connected, otherTyping, lastError, send, markRead, typing };
}
