import { type ChatMessage, keysOf, useChatSocket } from '@zulin/web';
import { Button, Card, Dialog, Input, Rate, Selector, Skeleton, Toast } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorCode, useServerNow } from '../../api';
import {
  type Chat,
  chatSocketToken,
  useChat,
  useCurrentChat,
  useEndChat,
  useLeaveChatTicket,
  useOpenChat,
  useRateChat,
} from '../../chat-api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useUploadMedia } from '../../feedback-api';
import type { TicketKind } from '../../support-api';
import { photoErrorKey, SupportImage } from './ticket-parts';
import './support.css';
import { formatInstantTime } from '../../time-format';

const TICKET_KINDS = keysOf<TicketKind>({
  fault: true,
  billing: true,
  logistics: true,
  account: true,
  complaint: true,
});
const SYSTEM_EVENTS = keysOf<'taken' | 'transferred' | 'ended' | 'left_ticket' | 'no_agent' | 'idle' | 'returned'>({
  taken: true,
  transferred: true,
  ended: true,
  left_ticket: true,
  no_agent: true,
  idle: true,
  returned: true,
});

/** Live chat with an agent, opened from the help centre: queue, conversation, ticket instead, rating. */
export function ChatPage() {
  const { t } = useTranslation();
  const current = useCurrentChat();
  const [chatId, setChatId] = useState<string | null>(null);
  const id = chatId ?? current.data?.id ?? null;
  return (
    <SubPage title={t('support.chat.title')} fallback="/help">
      {current.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {current.error && (
        <ErrorState title={t('support.chat.loadFailed')} error={current.error} onRetry={() => void current.refetch()} />
      )}
      {current.isSuccess && id === null && <StartChat onOpened={setChatId} />}
      {id !== null && <ChatRoom id={id} onNewChat={setChatId} />}
    </SubPage>
  );
}

function StartChat({ onOpened }: { onOpened: (id: string) => void }) {
  const { t } = useTranslation();
  const open = useOpenChat();
  return (
    <Card className="ticket-card chat-intro" data-testid="chat-intro">
      <p>{t('support.chat.intro')}</p>
      <Button
        block
        color="primary"
        loading={open.isPending}
        onClick={() =>
          open.mutate(undefined, {
            onSuccess: (chat) => onOpened(chat.id),
            onError: () => Toast.show({ icon: 'fail', content: t('support.chat.failed') }),
          })
        }
        data-testid="chat-start"
      >
        {t('support.chat.start')}
      </Button>
    </Card>
  );
}

function ChatRoom({ id, onNewChat }: { id: string; onNewChat: (id: string) => void }) {
  const { t } = useTranslation();
  const stored = useChat(id);
  if (stored.isPending) return <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />;
  // A chat that is not (or no longer) the customer's is an answer, not a failure: no 反馈问题.
  if (stored.error) {
    return (
      <ErrorState
        notFound={{ code: 'SUPPORT_CHAT_NOT_FOUND', title: t('support.chat.notFound') }}
        title={t('support.chat.loadFailed')}
        error={stored.error}
        onRetry={() => void stored.refetch()}
      />
    );
  }
  if (!stored.data) return null;
  return <LiveChat chat={stored.data} onNewChat={onNewChat} />;
}

function LiveChat({ chat: initial, onNewChat }: { chat: Chat; onNewChat: (id: string) => void }) {
  const { t } = useTranslation();
  const socket = useChatSocket({
    path: '/v1/chat',
    chatId: initial.state === 'ended' ? null : initial.id,
    token: chatSocketToken,
    initial: initial.messages,
  });
  const chat = socket.chat ?? initial;
  const [text, setText] = useState('');
  const end = useEndChat(initial.id);
  const bottom = useRef<HTMLDivElement>(null);
  const lastAgentSeq = socket.messages.filter((m) => m.author !== 'customer').at(-1)?.seq ?? 0;

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
    if (lastAgentSeq > chat.customerReadSeq) socket.markRead(lastAgentSeq);
  }, [lastAgentSeq, chat.customerReadSeq, socket.markRead]);
  useEffect(() => {
    const code = socket.lastError;
    if (code === null) return;
    const known = ['SUPPORT_CHAT_MESSAGE_INVALID', 'SUPPORT_CHAT_RATE_LIMITED', 'SUPPORT_CHAT_STATE_INVALID'] as const;
    const match = known.find((k) => k === code);
    Toast.show({ icon: 'fail', content: match ? t(`support.chat.errors.${match}`) : t('support.chat.failed') });
  }, [socket.lastError, t]);

  const upload = useUploadMedia();
  const photoInput = useRef<HTMLInputElement>(null);
  const sendPhoto = (file: File | undefined) => {
    if (file === undefined) return;
    upload.mutate(file, {
      onSuccess: (uploaded) => socket.send('', uploaded.id),
      onError: (error) => Toast.show({ icon: 'fail', content: t(photoErrorKey(error)) }),
    });
  };
  const send = () => {
    const body = text.trim();
    if (body === '') return;
    socket.send(body);
    setText('');
  };
  const endChat = async () => {
    if (!(await Dialog.confirm({ content: t('support.chat.confirmEnd') }))) return;
    end.mutate(undefined, { onError: () => Toast.show({ icon: 'fail', content: t('support.chat.failed') }) });
  };
  const ended = chat.state === 'ended' || end.data?.state === 'ended';
  const agentName = chat.agentName ?? t('support.chat.agent');

  return (
    <div className="chat-room" data-testid="chat-room" data-state={ended ? 'ended' : chat.state}>
      <div className="chat-status" data-testid="chat-status">
        {ended
          ? t('support.chat.ended')
          : chat.state === 'active'
            ? t('support.chat.active', { name: agentName })
            : t('support.chat.queued')}
        {!ended && !socket.connected && <span className="chat-offline"> · {t('support.chat.offline')}</span>}
        {!ended && chat.state === 'queued' && (
          <div className="chat-standing" data-testid="chat-standing">
            {chat.agentsOnline === 0
              ? t('support.chat.nobodyOnline')
              : t('support.chat.standing', {
                  ahead: Math.max(0, (chat.queuePosition ?? 1) - 1),
                  count: chat.agentsOnline,
                })}
          </div>
        )}
        {!ended && (
          <Button size="mini" fill="none" className="chat-end" onClick={endChat} data-testid="chat-end">
            {t('support.chat.end')}
          </Button>
        )}
      </div>
      <div className="ticket-thread" data-testid="chat-thread">
        {socket.messages.map((m) => (
          <ChatBubble
            key={m.seq}
            chatId={chat.id}
            message={m}
            readByAgent={m.author === 'customer' && m.seq <= chat.agentReadSeq}
          />
        ))}
        {socket.otherTyping && <div className="chat-typing">{t('support.chat.typing')}</div>}
        <div ref={bottom} />
      </div>
      {!ended && chat.state === 'queued' && <TicketOffer chat={chat} />}
      {!ended && (
        <div className="chat-composer">
          <input
            ref={photoInput}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            hidden
            onChange={(e) => {
              sendPhoto(e.target.files?.[0]);
              e.target.value = '';
            }}
            data-testid="chat-photo-input"
          />
          <Button
            size="small"
            fill="outline"
            loading={upload.isPending}
            onClick={() => photoInput.current?.click()}
            data-testid="chat-photo"
          >
            {t('support.chat.photo')}
          </Button>
          <Input
            value={text}
            onChange={(v) => {
              setText(v);
              socket.typing();
            }}
            onEnterPress={send}
            maxLength={2000}
            placeholder={t('support.chat.placeholder')}
            data-testid="chat-input"
          />
          <Button color="primary" size="small" disabled={text.trim() === ''} onClick={send} data-testid="chat-send">
            {t('support.chat.send')}
          </Button>
        </div>
      )}
      {ended && <ChatEnded chat={end.data ?? chat} onNewChat={onNewChat} />}
    </div>
  );
}

function ChatBubble({
  chatId,
  message: m,
  readByAgent,
}: {
  chatId: string;
  message: ChatMessage;
  readByAgent: boolean;
}) {
  const { t } = useTranslation();
  if (m.author === 'system') {
    const event = SYSTEM_EVENTS.find((e) => e === m.body);
    return (
      <div className="chat-system" data-testid="chat-system">
        {event ? t(`support.chat.system.${event}`, { name: m.authorName ?? t('support.chat.agent') }) : m.body}
      </div>
    );
  }
  const mine = m.author === 'customer';
  return (
    <div className={`ticket-bubble${mine ? ' mine' : ''}`} data-testid="chat-message" data-author={m.author}>
      <div className="ticket-bubble-meta">
        {mine ? t('support.chat.you') : (m.authorName ?? t('support.chat.agent'))}
        {' · '}
        {formatInstantTime(m.createdAt)}
        {readByAgent && ` · ${t('support.chat.read')}`}
      </div>
      {m.image && <SupportImage holder="chat" id={chatId} file={m.image} />}
      {m.body}
    </div>
  );
}

/** While queued: from the offer instant on, the customer may leave a ticket instead of waiting. */
function TicketOffer({ chat }: { chat: Chat }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const leave = useLeaveChatTicket(chat.id);
  // The offer instant is the server's: compared with its clock, not the phone's.
  const serverNow = useServerNow();
  const [now, setNow] = useState(serverNow);
  const [kind, setKind] = useState<TicketKind>('account');
  useEffect(() => {
    setNow(serverNow());
    const timer = setInterval(() => setNow(serverNow()), 5_000);
    return () => clearInterval(timer);
  }, [serverNow]);
  // Offered at once when nobody is online, after the wait otherwise (the socket's chat frame says which).
  if (!chat.canLeaveTicket && now < Date.parse(chat.ticketOfferAt)) return null;
  if (chat.state === 'ended' && !chat.canLeaveTicket) return null;
  const submit = () =>
    leave.mutate(
      { kind, subject: t('support.chat.ticketSubject', { kind: t(`support.tickets.kinds.${kind}`) }) },
      {
        onSuccess: (answer) => {
          Toast.show({ icon: 'success', content: t('support.chat.ticketCreated') });
          navigate(`/me/tickets/${answer.ticketId}`);
        },
        onError: (error) =>
          Toast.show({
            icon: 'fail',
            content:
              errorCode(error) === 'SUPPORT_TICKET_INVALID' ? t('support.tickets.fillIn') : t('support.chat.failed'),
          }),
      },
    );
  return (
    <Card className="ticket-card chat-offer" data-testid="chat-ticket-offer">
      <p>{t(chat.state === 'ended' ? 'support.chat.closedNoAgent' : 'support.chat.noAgent')}</p>
      <Selector
        columns={3}
        options={TICKET_KINDS.map((k) => ({ label: t(`support.tickets.kinds.${k}`), value: k }))}
        value={[kind]}
        onChange={(v) => v[0] && setKind(v[0])}
      />
      <Button
        block
        color="primary"
        fill="outline"
        loading={leave.isPending}
        onClick={submit}
        data-testid="chat-leave-ticket"
      >
        {t('support.chat.leaveTicket')}
      </Button>
    </Card>
  );
}

function ChatEnded({ chat, onNewChat }: { chat: Chat; onNewChat: (id: string) => void }) {
  const { t } = useTranslation();
  const rate = useRateChat(chat.id);
  const open = useOpenChat();
  const rated = rate.data?.rating ?? chat.rating;
  return (
    <>
      {chat.canLeaveTicket && <TicketOffer chat={chat} />}
      <Card className="ticket-card chat-rating" data-testid="chat-rating">
        {chat.canRate && rated === null && (
          <>
            <p>{t('support.chat.rateTitle')}</p>
            <Rate
              count={5}
              onChange={(value) =>
                rate.mutate(value, {
                  onSuccess: () => Toast.show({ icon: 'success', content: t('support.chat.rated') }),
                  onError: () => Toast.show({ icon: 'fail', content: t('support.chat.rateFailed') }),
                })
              }
            />
          </>
        )}
        {rated !== null && (
          <p data-testid="chat-rated">
            <Rate readOnly value={rated} /> {t('support.chat.rated')}
          </p>
        )}
        <Button
          block
          size="small"
          onClick={() => open.mutate(undefined, { onSuccess: (c) => onNewChat(c.id) })}
          data-testid="chat-new"
        >
          {t('support.chat.newChat')}
        </Button>
      </Card>
    </>
  );
}
