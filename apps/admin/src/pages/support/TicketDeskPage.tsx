import { keysOf } from '@zulin/web';
import {
  App as AntdApp,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Switch,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type AgentTicketAction,
  type SlaState,
  type StaffTicket,
  type TicketKind,
  type TicketQuery,
  type TicketState,
  useAgents,
  useAnswerTicket,
  useAssignTicket,
  useCannedReplies,
  useStaffTicket,
  useTicketAction,
  useTicketQueue,
} from '../../support-api';
import { SlaAlertsButton } from './SlaAlertsButton';
import { type DraftPhoto, photoErrorKey, StaffPhotoPicker, SupportImage } from './StaffPhotos';

const STATE_COLORS = {
  open: 'blue',
  in_progress: 'processing',
  waiting_customer: 'warning',
  resolved: 'success',
  closed: 'default',
} satisfies Record<TicketState, string>;
const SLA_COLORS = {
  running: 'processing',
  at_risk: 'warning',
  breached: 'error',
  met: 'success',
  missed: 'volcano',
} satisfies Record<SlaState, string>;
const KIND_COLORS = {
  fault: 'volcano',
  billing: 'gold',
  logistics: 'blue',
  account: 'cyan',
  complaint: 'purple',
} satisfies Record<TicketKind, string>;
const STATES = keysOf(STATE_COLORS);
const AGENT_ACTIONS: readonly AgentTicketAction[] = ['resolve', 'close', 'reopen'];

type Filters = Omit<TicketQuery, 'limit' | 'cursor'>;

/** The agents' desk: the queue by resolution deadline with both SLA timers; a ticket opens in a drawer. */
export function TicketDeskPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const [filters, setFilters] = useState<Filters>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const queue = useTicketQueue(filters);
  const rows = queue.data?.pages.flatMap((page) => page.data) ?? [];

  const sla = (state: SlaState, due: string) => (
    <Space direction="vertical" size={0}>
      <Tag color={SLA_COLORS[state]} data-testid="sla-state">
        {t(`support.desk.sla.${state}`)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('support.desk.due', { when: format(due) })}
      </Typography.Text>
    </Space>
  );
  const columns: TableColumnsType<StaffTicket> = [
    {
      title: t('support.desk.columns.ticket'),
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{r.subject}</Typography.Text>
          <Typography.Text type="secondary" className="mono-cell" style={{ fontSize: 12 }}>
            {r.id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('support.desk.columns.customer'),
      width: 170,
      render: (_, r) => <NamedId name={r.customerName} id={r.customerId} />,
    },
    {
      title: t('support.desk.columns.kind'),
      width: 100,
      render: (_, r) => <Tag color={KIND_COLORS[r.kind]}>{t(`support.desk.kinds.${r.kind}`)}</Tag>,
    },
    {
      title: t('support.desk.columns.state'),
      width: 110,
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color={STATE_COLORS[r.state]}>{t(`support.desk.states.${r.state}`)}</Tag>
          {r.customerReopenedAt && (
            <Tooltip title={t('support.desk.reopenedAt', { when: format(r.customerReopenedAt) })}>
              <Tag color="volcano" data-testid="ticket-reopened">
                {t('support.desk.reopened')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('support.desk.columns.assignee'),
      width: 110,
      render: (_, r) =>
        r.assigneeId ? (
          <NamedId name={r.assigneeName} id={r.assigneeId} />
        ) : (
          <Typography.Text type="secondary">{t('support.desk.unassigned')}</Typography.Text>
        ),
    },
    {
      title: t('support.desk.columns.firstResponse'),
      width: 170,
      render: (_, r) => sla(r.sla.firstResponse, r.sla.firstResponseDueAt),
    },
    {
      title: t('support.desk.columns.resolution'),
      width: 170,
      render: (_, r) => sla(r.sla.resolution, r.sla.resolutionDueAt),
    },
  ];

  return (
    <>
      <PageHeader title={t('support.desk.title')} subtitle={t('support.desk.subtitle')} extra={<SlaAlertsButton />} />
      <Form layout="inline" className="search-form" style={{ marginBottom: 16 }}>
        <Form.Item>
          <Select<TicketState | 'active'>
            style={{ width: 170 }}
            defaultValue="active"
            data-testid="ticket-state-filter"
            options={[
              { value: 'active', label: t('support.desk.allActive') },
              ...STATES.map((s) => ({ value: s, label: t(`support.desk.states.${s}`) })),
            ]}
            onChange={(s) => setFilters((f) => ({ ...f, state: s === 'active' ? undefined : s }))}
          />
        </Form.Item>
        <Form.Item label={t('support.desk.mine')}>
          <Switch onChange={(on) => setFilters((f) => ({ ...f, assignee: on ? 'me' : undefined }))} />
        </Form.Item>
      </Form>
      <CursorTable
        query={queue}
        rows={rows}
        columns={columns}
        scrollX={1000}
        empty={t('support.desk.empty')}
        testId="ticket-queue"
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
      />
      <TicketDrawer key={openId ?? 'none'} id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

/**
 * One ticket in a drawer: its facts, the thread, and the answer box with its draft (text and photos).
 * The desk mounts a fresh drawer per ticket (keyed by its id), so another ticket starts with an empty
 * answer box and no draft photos: a draft never goes to a different ticket.
 */
function TicketDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const canHandle = useCan('support.handle');
  const ticket = useStaffTicket(id);
  const canned = useCannedReplies(id, i18n.language === 'en' ? 'en' : 'zh-CN');
  const agents = useAgents();
  const answer = useAnswerTicket();
  const assign = useAssignTicket();
  const act = useTicketAction();
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const [askCustomer, setAskCustomer] = useState(false);
  const [cannedId, setCannedId] = useState<string | undefined>();
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const r = ticket.data;
  const fail = () => void message.error(t('support.desk.failed'));
  const failToSend = (error: unknown) => void message.error(t(photoErrorKey(error) ?? 'support.desk.failed'));

  return (
    <Drawer open={id !== null} onClose={onClose} width={620} title={t('support.desk.detail')} destroyOnHidden>
      {r && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="ticket-detail">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {r.subject}
          </Typography.Title>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('support.desk.customer')} span={2}>
              <NamedId name={r.customerName} id={r.customerId} testId="ticket-customer" />
            </Descriptions.Item>
            <Descriptions.Item label={t('support.desk.columns.kind')}>
              <Tag color={KIND_COLORS[r.kind]}>{t(`support.desk.kinds.${r.kind}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('support.desk.priority')}>
              {t(`support.desk.priorities.${r.priority}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('support.desk.columns.state')}>
              <Tag color={STATE_COLORS[r.state]} data-testid="ticket-detail-state">
                {t(`support.desk.states.${r.state}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('support.desk.opened')}>
              {format(r.openedAt)}
              {r.customerReopenedAt && (
                <Tag color="volcano" style={{ marginInlineStart: 8 }} data-testid="ticket-detail-reopened">
                  {t('support.desk.reopenedAt', { when: format(r.customerReopenedAt) })}
                </Tag>
              )}
            </Descriptions.Item>
            {r.orderId && (
              <Descriptions.Item label={t('support.desk.order')} span={2}>
                <span className="mono-cell">{r.orderId}</span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('support.desk.columns.firstResponse')}>
              <Tag color={SLA_COLORS[r.sla.firstResponse]}>{t(`support.desk.sla.${r.sla.firstResponse}`)}</Tag>
              {t('support.desk.due', { when: format(r.sla.firstResponseDueAt) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('support.desk.columns.resolution')}>
              <Tag color={SLA_COLORS[r.sla.resolution]}>{t(`support.desk.sla.${r.sla.resolution}`)}</Tag>
              {t('support.desk.due', { when: format(r.sla.resolutionDueAt) })}
              {r.sla.pausedMs > 0 && (
                <Typography.Text type="secondary">
                  {' · '}
                  {t('support.desk.paused', { minutes: Math.round(r.sla.pausedMs / 60_000) })}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('support.desk.columns.assignee')} span={2}>
              <Space wrap>
                {r.assigneeId ? (
                  <NamedId name={r.assigneeName} id={r.assigneeId} testId="ticket-assignee" />
                ) : (
                  <Typography.Text type="secondary">{t('support.desk.unassigned')}</Typography.Text>
                )}
                {canHandle && r.state !== 'closed' && (
                  <>
                    <Button
                      size="small"
                      data-testid="ticket-take"
                      loading={assign.isPending}
                      onClick={() => assign.mutate({ id: r.id }, { onError: fail })}
                    >
                      {t('support.desk.take')}
                    </Button>
                    <Select<string>
                      size="small"
                      style={{ width: 160 }}
                      placeholder={t('support.desk.assignTo')}
                      options={(agents.data?.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                      onChange={(assigneeId) => assign.mutate({ id: r.id, assigneeId }, { onError: fail })}
                    />
                  </>
                )}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          {canHandle && (
            <Space wrap>
              {AGENT_ACTIONS.filter((a) => r.actions.includes(a)).map((a) => (
                <Button
                  key={a}
                  type={a === 'resolve' ? 'primary' : 'default'}
                  ghost={a === 'resolve'}
                  loading={act.isPending}
                  data-testid={`ticket-action-${a}`}
                  onClick={() => act.mutate({ id: r.id, action: a }, { onError: fail })}
                >
                  {t(`support.desk.actions.${a}`)}
                </Button>
              ))}
            </Space>
          )}
          <Typography.Title level={5}>{t('support.desk.conversation')}</Typography.Title>
          <div className="ticket-thread" data-testid="ticket-thread">
            {r.messages.map((m) => (
              <div
                key={m.id}
                data-testid="ticket-message"
                style={{
                  padding: '8px 12px',
                  marginBottom: 8,
                  borderRadius: 8,
                  background: m.internal ? '#fffbe6' : m.author === 'customer' ? '#f5f5f5' : '#e6f4ff',
                  border: m.internal ? '1px dashed #faad14' : undefined,
                }}
              >
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.author === 'customer'
                    ? (r.customerName ?? t('support.desk.you'))
                    : m.author === 'agent'
                      ? (m.authorName ?? t('support.desk.agent'))
                      : t('support.desk.system')}
                  {' · '}
                  {format(m.createdAt)}
                  {m.internal && (
                    <Tag color="warning" style={{ marginLeft: 8 }}>
                      {t('support.desk.internalNote')}
                    </Tag>
                  )}
                </Typography.Text>
                {m.files.length > 0 && (
                  // A line of its own under the author (a Space is inline and would sit beside it).
                  <Space wrap size={4} style={{ display: 'flex', margin: '4px 0' }}>
                    {m.files.map((f) => (
                      <SupportImage key={f.key} holder="ticket" id={r.id} file={f} width={96} />
                    ))}
                  </Space>
                )}
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.body}</Typography.Paragraph>
              </div>
            ))}
          </div>
          {canHandle && r.state !== 'closed' && (
            <>
              <Select<string>
                style={{ width: '100%' }}
                placeholder={t('support.desk.cannedReply')}
                data-testid="ticket-canned"
                value={cannedId}
                options={(canned.data?.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
                onChange={(cid) => {
                  setCannedId(cid);
                  const reply = canned.data?.data.find((c) => c.id === cid);
                  if (reply) setText(reply.body);
                }}
              />
              <Input.TextArea
                rows={4}
                maxLength={4000}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={internal ? t('support.desk.notePlaceholder') : t('support.desk.replyPlaceholder')}
                data-testid="ticket-reply-text"
              />
              <StaffPhotoPicker value={photos} onChange={setPhotos} onBusyChange={setUploading} />
              <Space wrap>
                <Checkbox
                  checked={internal}
                  onChange={(e) => setInternal(e.target.checked)}
                  data-testid="ticket-internal"
                >
                  {t('support.desk.asInternal')}
                </Checkbox>
                <Checkbox checked={askCustomer} disabled={internal} onChange={(e) => setAskCustomer(e.target.checked)}>
                  {t('support.desk.askCustomer')}
                </Checkbox>
                <Button
                  type="primary"
                  disabled={text.trim() === '' || uploading}
                  loading={answer.isPending}
                  data-testid="ticket-send"
                  onClick={() =>
                    answer.mutate(
                      {
                        id: r.id,
                        body: text.trim(),
                        internal,
                        askCustomer: askCustomer && !internal,
                        imageIds: photos.map((p) => p.uploadId),
                      },
                      {
                        onSuccess: () => {
                          setText('');
                          setCannedId(undefined);
                          setInternal(false);
                          setAskCustomer(false);
                          setPhotos([]);
                          void message.success(t('support.desk.sent'));
                        },
                        onError: failToSend,
                      },
                    )
                  }
                >
                  {t('support.desk.send')}
                </Button>
              </Space>
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}
