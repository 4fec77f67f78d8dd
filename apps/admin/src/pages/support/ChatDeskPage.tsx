import { type ChatMessage, useChatSocket } from '@zulin/web';
import {
  App as AntdApp,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  List,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  type AgentStatus,
  chatSocketToken,
  type StaffChat,
  sendPresenceHeartbeat,
  useChatAction,
  useChatCannedReplies,
  useChatList,
  usePresence,
  useSetPresence,
  useStaffChat,
} from '../../chat-api';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter } from '../../hooks';
import type { OrderState } from '../../orders-api';
import { useAgents } from '../../support-api';
import { OrderStateTag } from '../orders/order-parts';
import { SlaAlertsButton } from './SlaAlertsButton';
import { StaffPhotoButton, SupportImage } from './StaffPhotos';

const SYSTEM_EVENTS = ['taken', 'transferred', 'ended', 'left_ticket', 'no_agent', 'idle', 'returned'] as const;
const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'offline'];

/** The chat desk: the queue (longest waiting first) and my chats on the left, the open chat on the right. */
export function ChatDeskPage() {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('support.chat.title')} subtitle={t('support.chat.subtitle')} extra={<SlaAlertsButton />} />
      <Row gutter={16}>
        <Col xs={24} lg={7}>
          <PresenceCard />
          <ChatList state="queued" title={t('support.chat.queue')} openId={openId} onOpen={setOpenId} />
          <ChatList state="active" mine title={t('support.chat.mine')} openId={openId} onOpen={setOpenId} />
        </Col>
        <Col xs={24} lg={17}>
          {openId === null ? (
            <Card>
              <Empty description={t('support.chat.pick')} />
            </Card>
          ) : (
            <ChatPanel key={openId} id={openId} />
          )}
        </Col>
      </Row>
    </>
  );
}

/** My status on the desk (customers are offered chats only while agents are online) and who is on duty. */
function PresenceCard() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const presence = usePresence();
  const set = useSetPresence();
  const me = presence.data?.me;
  const beating = me !== undefined && me.setStatus !== 'offline';
  // While the page is open and I am not offline, it beats every 30 s (2 silent minutes: offline).
  useEffect(() => {
    if (!beating) return;
    const beat = () => void sendPresenceHeartbeat().catch(() => undefined);
    beat();
    const timer = setInterval(beat, 30_000);
    return () => clearInterval(timer);
  }, [beating]);
  const others = (presence.data?.agents ?? []).filter((a) => a.status !== 'offline');
  return (
    <Card
      size="small"
      title={t('support.chat.presence.title')}
      style={{ marginBottom: 16 }}
      data-testid="chat-presence"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented<AgentStatus>
          block
          value={me?.setStatus ?? 'offline'}
          disabled={set.isPending}
          options={AGENT_STATUSES.map((s) => ({ value: s, label: t(`support.chat.presence.statuses.${s}`) }))}
          onChange={(status) => set.mutate(status, { onError: () => message.error(t('support.desk.failed')) })}
          data-testid="chat-presence-status"
        />
        {me !== undefined && me.setStatus !== 'offline' && me.status === 'offline' && (
          <Typography.Text type="warning" data-testid="chat-presence-lost">
            {t('support.chat.presence.lost')}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" data-testid="chat-presence-online">
          {t('support.chat.presence.online', { count: presence.data?.online ?? 0 })}
        </Typography.Text>
        <Space wrap size={[4, 4]}>
          {others.map((a) => (
            <Tag key={a.staffId} color={a.status === 'online' ? 'green' : 'gold'}>
              {a.name ?? <code>{a.staffId}</code>} · {t(`support.chat.presence.statuses.${a.status}`)}
            </Tag>
          ))}
        </Space>
      </Space>
    </Card>
  );
}

function ChatList({
  state,
  mine = false,
  title,
  openId,
  onOpen,
}: {
  state: 'queued' | 'active';
  mine?: boolean;
  title: string;
  openId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const list = useChatList(state, mine);
  const rows = list.data?.data ?? [];
  return (
    <Card
      size="small"
      title={
        <Space>
          {title}
          <Badge count={rows.length} showZero color={state === 'queued' ? 'orange' : 'blue'} />
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid={`chat-list-${state}`}
    >
      <List
        size="small"
        dataSource={rows}
        locale={{ emptyText: t('support.chat.none') }}
        renderItem={(c: StaffChat) => (
          <List.Item
            onClick={() => onOpen(c.id)}
            style={{
              cursor: 'pointer',
              background: c.id === openId ? 'var(--ant-color-primary-bg, #e6f4ff)' : undefined,
            }}
            data-testid="chat-list-item"
          >
            <List.Item.Meta
              title={c.customerName ?? t('support.chat.customer')}
              description={t('support.chat.waitingSince', { when: format(c.queuedAt) })}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function ChatPanel({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const stored = useStaffChat(id);
  const action = useChatAction(id);
  const agents = useAgents();
  const canned = useChatCannedReplies(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [text, setText] = useState('');
  const [transferTo, setTransferTo] = useState<string | undefined>();
  const data = stored.data;
  const socket = useChatSocket({
    path: '/v1/admin/chat',
    chatId: data && data.state !== 'ended' ? id : null,
    token: chatSocketToken,
    ...(data ? { initial: data.messages } : {}),
  });
  const chat = { ...data, ...(socket.chat ?? {}) };
  const bottom = useRef<HTMLDivElement>(null);
  const lastCustomerSeq = socket.messages.filter((m) => m.author === 'customer').at(-1)?.seq ?? 0;
  const holding = data?.agentId !== null && chat.state === 'active';

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
    if (holding && lastCustomerSeq > (chat.agentReadSeq ?? 0)) socket.markRead(lastCustomerSeq);
  }, [holding, lastCustomerSeq, chat.agentReadSeq, socket.markRead]);
  useEffect(() => {
    if (socket.lastError !== null) message.error(t('support.chat.refused', { code: socket.lastError }));
  }, [socket.lastError, message, t]);

  if (!data) return <Card loading />;
  const run = (a: Parameters<typeof action.mutate>[0]) =>
    action.mutate(a, {
      onSuccess: () => void stored.refetch(),
      onError: () => message.error(t('support.desk.failed')),
    });
  const send = () => {
    const body = text.trim();
    if (body === '') return;
    socket.send(body);
    setText('');
  };
  const state = chat.state ?? data.state;

  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Card
          title={
            <Space>
              {data.customerName ?? t('support.chat.customer')}
              <Tag
                color={state === 'queued' ? 'orange' : state === 'active' ? 'blue' : 'default'}
                data-testid="chat-state"
              >
                {t(`support.chat.states.${state}`)}
              </Tag>
              {!socket.connected && state !== 'ended' && <Tag color="warning">{t('support.chat.offline')}</Tag>}
            </Space>
          }
          extra={
            <Space>
              {state === 'queued' && (
                <Button
                  type="primary"
                  onClick={() => run({ kind: 'take' })}
                  loading={action.isPending}
                  data-testid="chat-take"
                >
                  {t('support.chat.take')}
                </Button>
              )}
              {state === 'active' && (
                <>
                  <Select
                    style={{ width: 140 }}
                    placeholder={t('support.chat.transferTo')}
                    value={transferTo}
                    onChange={setTransferTo}
                    options={(agents.data?.data ?? [])
                      .filter((a) => a.id !== data.agentId)
                      .map((a) => ({ value: a.id, label: a.name }))}
                  />
                  <Button
                    disabled={!transferTo}
                    onClick={() => transferTo && run({ kind: 'transfer', agentId: transferTo })}
                  >
                    {t('support.chat.transfer')}
                  </Button>
                  <Popconfirm title={t('support.chat.confirmEnd')} onConfirm={() => run({ kind: 'end' })}>
                    <Button danger data-testid="chat-end">
                      {t('support.chat.end')}
                    </Button>
                  </Popconfirm>
                </>
              )}
            </Space>
          }
        >
          <div className="chat-thread" data-testid="chat-thread" style={{ maxHeight: 420, overflowY: 'auto' }}>
            {socket.messages.map((m) => (
              <Bubble
                key={m.seq}
                chatId={id}
                message={m}
                readByCustomer={m.author === 'agent' && m.seq <= (chat.customerReadSeq ?? 0)}
              />
            ))}
            {socket.otherTyping && <Typography.Text type="secondary">{t('support.chat.typing')}</Typography.Text>}
            <div ref={bottom} />
          </div>
          {state === 'active' && (
            <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
              <Select
                style={{ width: 260 }}
                placeholder={t('support.desk.cannedReply')}
                options={(canned.data?.data ?? []).map((r) => ({ value: r.id, label: r.title }))}
                onChange={(value: string) => setText(canned.data?.data.find((r) => r.id === value)?.body ?? '')}
                data-testid="chat-canned"
              />
              <Input.TextArea
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  socket.typing();
                }}
                onPressEnter={(e) => {
                  if (!e.shiftKey) {
                    e.preventDefault();
                    send();
                  }
                }}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={2000}
                placeholder={t('support.chat.placeholder')}
                data-testid="chat-input"
              />
              <Space>
                <Button type="primary" onClick={send} disabled={text.trim() === ''} data-testid="chat-send">
                  {t('support.desk.send')}
                </Button>
                <StaffPhotoButton
                  label={t('support.chat.photo')}
                  testId="chat-photo"
                  onUploaded={(uploaded) => socket.send('', uploaded.id)}
                />
              </Space>
            </Space>
          )}
          {state === 'ended' && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="chat-ended">
              {t('support.chat.endedAt', { when: format(chat.endedAt ?? data.endedAt) })}
              {(chat.rating ?? data.rating) !== null &&
                ` · ${t('support.chat.rating', { rating: chat.rating ?? data.rating })}`}
            </Typography.Paragraph>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('support.chat.context')} data-testid="chat-context">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('support.desk.customer')}>
              <NamedId name={data.customerName} id={data.customerId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('support.chat.queuedAt')}>{format(data.queuedAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('support.chat.recentOrders')}</Typography.Title>
          <List
            size="small"
            dataSource={data.recentOrders}
            locale={{ emptyText: t('support.chat.none') }}
            renderItem={(o) => (
              <List.Item>
                <Link to={`/orders/${o.id}`}>
                  <Typography.Text code>{o.id.slice(-8)}</Typography.Text>
                </Link>{' '}
                <OrderStateTag state={o.status as OrderState} /> {format(o.createdAt)}
              </List.Item>
            )}
          />
          <Typography.Title level={5}>{t('support.chat.recentTickets')}</Typography.Title>
          <List
            size="small"
            dataSource={data.recentTickets}
            locale={{ emptyText: t('support.chat.none') }}
            renderItem={(k) => (
              <List.Item>
                <Tag>{t(`support.desk.kinds.${k.kind}`)}</Tag> {k.subject}
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}

function Bubble({
  chatId,
  message: m,
  readByCustomer,
}: {
  chatId: string;
  message: ChatMessage;
  readByCustomer: boolean;
}) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  if (m.author === 'system') {
    const event = SYSTEM_EVENTS.find((e) => e === m.body);
    return (
      <div style={{ textAlign: 'center', margin: '8px 0' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {event ? t(`support.chat.system.${event}`, { name: m.authorName ?? t('support.desk.agent') }) : m.body}
        </Typography.Text>
      </div>
    );
  }
  const agent = m.author === 'agent';
  return (
    <div style={{ display: 'flex', justifyContent: agent ? 'flex-end' : 'flex-start', margin: '6px 0' }}>
      <div
        data-testid="chat-message"
        data-author={m.author}
        style={{
          maxWidth: '75%',
          padding: '6px 10px',
          borderRadius: 8,
          background: agent ? '#e6f4ff' : '#f5f5f5',
          whiteSpace: 'pre-wrap',
        }}
      >
        <Typography.Text type="secondary" style={{ fontSize: 11, display: 'block' }}>
          {agent ? (m.authorName ?? t('support.desk.agent')) : t('support.chat.customer')} · {format(m.createdAt)}
          {readByCustomer && ` · ${t('support.chat.read')}`}
        </Typography.Text>
        {m.image && <SupportImage holder="chat" id={chatId} file={m.image} width={160} />}
        {m.body}
      </div>
    </div>
  );
}
