import { DownloadOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  App as AntdApp,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Select,
  Skeleton,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { downloadFeedbackCsv } from '../../analysis-api';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import {
  type FeedbackCategory,
  type FeedbackQuery,
  type FeedbackRating,
  type FeedbackSla,
  type FeedbackSort,
  type FeedbackSource,
  type HandlerFeedback,
  type HandlingState,
  useAddFeedbackNote,
  useAssignFeedback,
  useCorrectCategory,
  useFeedbackEntry,
  useFeedbackHandlers,
  useFeedbackMediaUrl,
  useFeedbackQueue,
  useMarkValuable,
  useReplyToFeedback,
  useResolveFeedback,
} from '../../feedback-api';
import { useInstantFormatter, useProblemToast } from '../../hooks';
import { useCan } from '../../identity-api';
import { carrierNameOf } from '../logistics/shipment-parts';

const CATEGORY_COLORS = {
  device: 'volcano',
  logistics: 'blue',
  billing: 'gold',
  service: 'purple',
  app: 'cyan',
} satisfies Record<FeedbackCategory, string>;
const RATING_COLORS = { good: 'success', neutral: 'warning', bad: 'error' } satisfies Record<FeedbackRating, string>;
const CATEGORIES = keysOf(CATEGORY_COLORS);
const RATINGS = keysOf(RATING_COLORS);
/** Where an entry was sent from: the feedback form, or 反馈问题 under an error the app showed. */
const SOURCES = keysOf<FeedbackSource>({ form: true, error_screen: true });
const HANDLING_COLORS = { new: 'blue', in_progress: 'processing', resolved: 'success' } satisfies Record<
  HandlingState,
  string
>;
const HANDLING_STATES = keysOf(HANDLING_COLORS);
const SLA_COLORS = {
  running: 'processing',
  at_risk: 'warning',
  breached: 'error',
  met: 'success',
  missed: 'volcano',
} satisfies Record<FeedbackSla, string>;
const SORTS = keysOf<FeedbackSort>({ newest: true, due: true });
/** The assignee filter: mine, unassigned (the server's `me` and `none`). */
const ASSIGNEE_FILTERS = ['me', 'none'] as const;

type Filters = Omit<FeedbackQuery, 'limit' | 'cursor'>;

/** The analysis' drill-downs the queue reads from its address (the analysis page links here with them). */
const DRILL_KEYS = ['word', 'productId', 'model', 'warehouseId', 'carrier'] as const;
const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The filters in the address: `/feedback?category=logistics&from=2026-03-01&to=2026-03-31`. */
/** An entry's order as operators know it: "租赁 · 苹果 iPhone 16 Pro 256GB 黑色" (null: shown by its id). */
function useOrderName(): (f: HandlerFeedback) => string | null {
  const { t } = useTranslation();
  return (f) => (f.orderName ? t('feedback.rentalOrderName', { name: f.orderName }) : null);
}

function filtersOf(params: URLSearchParams): Filters {
  const filters: Filters = {};
  const q = params.get('q')?.trim();
  if (q) filters.q = q;
  const category = CATEGORIES.find((c) => c === params.get('category'));
  if (category) filters.category = category;
  const rating = RATINGS.find((r) => r === params.get('rating'));
  if (rating) filters.rating = rating;
  const source = SOURCES.find((s) => s === params.get('source'));
  if (source) filters.source = source;
  const state = HANDLING_STATES.find((s) => s === params.get('state'));
  if (state) filters.state = state;
  const assignee = ASSIGNEE_FILTERS.find((a) => a === params.get('assignee'));
  if (assignee) filters.assignee = assignee;
  if (params.get('overdue') === 'true') filters.overdue = true;
  const sort = SORTS.find((s) => s === params.get('sort'));
  if (sort) filters.sort = sort;
  for (const key of DRILL_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const from = params.get('from');
  const to = params.get('to');
  if (isDate(from)) filters.from = from;
  if (isDate(to)) filters.to = to;
  return filters;
}

/** The handlers' queue: search, filter, open one to reply, mark it valuable or correct its category. */
export function FeedbackQueuePage() {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const canReadOrders = useCan('orders.read');
  const orderNameOf = useOrderName();
  /** Sets (or, with undefined, removes) filters in the address; `label` names a drilled product or warehouse. */
  const setFilter = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      if (!next.has('productId') && !next.has('warehouseId')) next.delete('label');
      return next;
    });
  // `?open=<id>` opens one entry (the rule editor's suggestions link to the feedback behind them).
  const [openId, setOpenId] = useState<string | null>(() => params.get('open'));
  const queue = useFeedbackQueue(filters);
  // 导出 CSV: the feedback the filters show (the server's last 180 days unless a range is set).
  const [exporting, setExporting] = useState(false);
  const exportRefused = useProblemToast('feedback.analysis.problems', 'feedback.analysis.exportFailed');
  const exportCsv = async () => {
    setExporting(true);
    try {
      // The handling filters and the order are the queue's own: the export is by date, with the other filters.
      const { state, assignee, overdue, sort, ...exported } = filters;
      await downloadFeedbackCsv({ ...exported, locale: i18n.language === 'en' ? 'en' : 'zh-CN' });
      void message.success(t('feedback.exported'));
    } catch (error) {
      exportRefused(error);
    } finally {
      setExporting(false);
    }
  };
  const rows = queue.data?.pages.flatMap((page) => page.data) ?? [];
  const label = params.get('label');
  const drillTags = [
    ...DRILL_KEYS.flatMap((key) => {
      const value = filters[key];
      if (value === undefined) return [];
      const shown =
        key === 'carrier'
          ? carrierNameOf(t, value)
          : (key === 'productId' || key === 'warehouseId') && label
            ? label
            : value;
      return [{ key, text: t(`feedback.drill.${key}`, { value: shown }), clear: { [key]: undefined } }];
    }),
    ...(filters.from !== undefined || filters.to !== undefined
      ? [
          {
            key: 'range',
            text: t('feedback.drill.range', { from: filters.from ?? '…', to: filters.to ?? '…' }),
            clear: { from: undefined, to: undefined },
          },
        ]
      : []),
  ];

  const columns: TableColumnsType<HandlerFeedback> = [
    { title: t('feedback.columns.submittedOn'), dataIndex: 'submittedOn', width: 110 },
    {
      title: t('feedback.columns.author'),
      width: 140,
      render: (_, f) => (f.author === 'anonymous' ? <Tag>{t('feedback.anonymous')}</Tag> : f.customerName),
    },
    {
      title: t('feedback.handling.state'),
      width: 100,
      render: (_, f) => (
        <Tag color={HANDLING_COLORS[f.handling.state]} data-testid="feedback-handling-state">
          {t(`feedback.handling.states.${f.handling.state}`)}
        </Tag>
      ),
    },
    {
      title: t('feedback.handling.assignee'),
      width: 120,
      render: (_, f) =>
        f.handling.assigneeId ? (
          <NamedId name={f.handling.assigneeName} id={f.handling.assigneeId} testId="feedback-assignee" />
        ) : (
          <Typography.Text type="secondary">{t('feedback.handling.unassigned')}</Typography.Text>
        ),
    },
    {
      title: t('feedback.handling.due'),
      width: 170,
      sorter: (a, b) => Date.parse(a.handling.dueAt) - Date.parse(b.handling.dueAt),
      // Red while overdue (not resolved and past due); the server judges it at the time of the read.
      render: (_, f) => (
        <Typography.Text
          type={f.handling.overdue ? 'danger' : f.handling.state === 'resolved' ? 'secondary' : undefined}
          strong={f.handling.overdue}
          data-testid="feedback-due"
          data-overdue={f.handling.overdue}
        >
          {format(f.handling.dueAt)}
          {f.handling.overdue && ` · ${t('feedback.handling.overdue')}`}
        </Typography.Text>
      ),
    },
    {
      title: t('feedback.columns.rating'),
      dataIndex: 'rating',
      width: 90,
      render: (r: FeedbackRating | null) => r && <Tag color={RATING_COLORS[r]}>{t(`feedback.ratings.${r}`)}</Tag>,
    },
    {
      title: t('feedback.columns.category'),
      dataIndex: 'category',
      width: 100,
      render: (c: FeedbackCategory | null) =>
        c && <Tag color={CATEGORY_COLORS[c]}>{t(`feedback.categories.${c}`)}</Tag>,
    },
    {
      title: t('feedback.columns.source'),
      dataIndex: 'source',
      width: 120,
      // The form is the usual way in: the error screen stands out (both are text for 导出 Excel).
      render: (s: FeedbackSource) =>
        s === 'error_screen' ? (
          <Tag color="magenta" data-testid="feedback-source-tag">
            {t('feedback.sources.error_screen')}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('feedback.sources.form')}</Typography.Text>
        ),
    },
    {
      title: t('feedback.order'),
      width: 220,
      // Named entries only: an anonymous one carries no order.
      render: (_, f) =>
        f.author === 'named' && f.orderId ? (
          canReadOrders ? (
            <Link to={`/orders/${f.orderId}`} onClick={(e) => e.stopPropagation()} data-testid="feedback-order-link">
              <NamedId name={orderNameOf(f)} id={f.orderId} />
            </Link>
          ) : (
            <NamedId name={orderNameOf(f)} id={f.orderId} />
          )
        ) : null,
    },
    {
      title: t('feedback.columns.text'),
      dataIndex: 'text',
      ellipsis: true,
      // What the customer wrote (the cell's tooltip title too) is data, not interface.
      onCell: () => ({ 'data-user-content': true }) as React.HTMLAttributes<HTMLElement>,
    },
    {
      title: t('feedback.columns.replied'),
      width: 100,
      render: (_, f) =>
        f.replies.length > 0 ? (
          <Tag color="success">{t('feedback.replied')}</Tag>
        ) : (
          <Tag>{t('feedback.notReplied')}</Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('feedback.title')} subtitle={t('feedback.subtitle')} />
      <Form layout="inline" className="search-form" style={{ marginBottom: 16 }}>
        <Form.Item>
          <Input.Search
            key={filters.q ?? ''}
            allowClear
            defaultValue={filters.q}
            placeholder={t('feedback.search')}
            onSearch={(q) => setFilter({ q: q.trim() || undefined })}
            data-testid="feedback-search"
          />
        </Form.Item>
        <Form.Item>
          <Select<FeedbackCategory | 'all'>
            style={{ width: 140 }}
            value={filters.category ?? 'all'}
            options={[
              { value: 'all', label: t('feedback.allCategories') },
              ...CATEGORIES.map((c) => ({ value: c, label: t(`feedback.categories.${c}`) })),
            ]}
            onChange={(c) => setFilter({ category: c === 'all' ? undefined : c })}
          />
        </Form.Item>
        <Form.Item>
          <Select<FeedbackRating | 'all'>
            style={{ width: 120 }}
            value={filters.rating ?? 'all'}
            options={[
              { value: 'all', label: t('feedback.allRatings') },
              ...RATINGS.map((r) => ({ value: r, label: t(`feedback.ratings.${r}`) })),
            ]}
            onChange={(r) => setFilter({ rating: r === 'all' ? undefined : r })}
          />
        </Form.Item>
        <Form.Item>
          <Select<FeedbackSource | 'all'>
            style={{ width: 140 }}
            value={filters.source ?? 'all'}
            options={[
              { value: 'all', label: t('feedback.allSources') },
              ...SOURCES.map((s) => ({ value: s, label: t(`feedback.sources.${s}`) })),
            ]}
            onChange={(s) => setFilter({ source: s === 'all' ? undefined : s })}
            data-testid="feedback-source-filter"
          />
        </Form.Item>
        <Form.Item>
          <Select<HandlingState | 'all'>
            style={{ width: 120 }}
            value={filters.state ?? 'all'}
            options={[
              { value: 'all', label: t('feedback.handling.allStates') },
              ...HANDLING_STATES.map((s) => ({ value: s, label: t(`feedback.handling.states.${s}`) })),
            ]}
            onChange={(s) => setFilter({ state: s === 'all' ? undefined : s })}
            data-testid="feedback-state-filter"
          />
        </Form.Item>
        <Form.Item>
          <Select<(typeof ASSIGNEE_FILTERS)[number] | 'all'>
            style={{ width: 120 }}
            value={filters.assignee === 'me' || filters.assignee === 'none' ? filters.assignee : 'all'}
            options={[
              { value: 'all', label: t('feedback.handling.anyone') },
              { value: 'me', label: t('feedback.handling.mine') },
              { value: 'none', label: t('feedback.handling.unassignedFilter') },
            ]}
            onChange={(a) => setFilter({ assignee: a === 'all' ? undefined : a })}
            data-testid="feedback-assignee-filter"
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={filters.overdue === true}
            onChange={(e) => setFilter({ overdue: e.target.checked ? 'true' : undefined })}
            data-testid="feedback-overdue-filter"
          >
            {t('feedback.handling.overdueOnly')}
          </Checkbox>
        </Form.Item>
        <Form.Item label={t('feedback.handling.sort')}>
          <Select<FeedbackSort>
            style={{ width: 150 }}
            value={filters.sort ?? 'newest'}
            options={SORTS.map((s) => ({ value: s, label: t(`feedback.handling.sorts.${s}`) }))}
            onChange={(s) => setFilter({ sort: s === 'newest' ? undefined : s })}
            data-testid="feedback-sort"
          />
        </Form.Item>
        <Form.Item>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportCsv()}
            data-testid="feedback-export"
          >
            {t('feedback.exportCsv')}
          </Button>
        </Form.Item>
      </Form>
      {drillTags.length > 0 && (
        <Space wrap style={{ marginBottom: 16 }} data-testid="feedback-drill">
          {drillTags.map((tag) => (
            <Tag key={tag.key} closable onClose={() => setFilter(tag.clear)} color="processing">
              <span data-user-content>{tag.text}</span>
            </Tag>
          ))}
          <Button
            size="small"
            type="link"
            onClick={() =>
              setFilter(Object.fromEntries([...DRILL_KEYS, 'from', 'to', 'label'].map((key) => [key, undefined])))
            }
          >
            {t('feedback.drill.clear')}
          </Button>
        </Space>
      )}
      <CursorTable
        query={queue}
        rows={rows}
        columns={columns}
        scrollX={1560}
        empty={t('feedback.empty')}
        testId="feedback-queue"
        onRow={(f) => ({ onClick: () => setOpenId(f.id), style: { cursor: 'pointer' } })}
      />
      <FeedbackDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function FeedbackDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const canHandle = useCan('feedback.handle');
  const entry = useFeedbackEntry(id);
  const reply = useReplyToFeedback();
  const valuable = useMarkValuable();
  const correct = useCorrectCategory();
  const assign = useAssignFeedback();
  const resolve = useResolveFeedback();
  const addNote = useAddFeedbackNote();
  const handlers = useFeedbackHandlers();
  const canReadOrders = useCan('orders.read');
  const orderNameOf = useOrderName();
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [internalNote, setInternalNote] = useState('');
  const f = entry.data;
  const fail = () => void message.error(t('feedback.failed'));
  const refused = useProblemToast('feedback.handling.problems', 'feedback.failed');

  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={t('feedback.detail')} destroyOnHidden>
      {f && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="feedback-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('feedback.columns.author')}>
              {f.author === 'anonymous' ? t('feedback.anonymous') : `${f.customerName} · ${f.customerPhone}`}
            </Descriptions.Item>
            {f.author === 'named' && f.orderId && (
              <Descriptions.Item label={t('feedback.order')}>
                <Space size="small" wrap>
                  <NamedId name={orderNameOf(f)} id={f.orderId} testId="feedback-detail-order" />
                  {canReadOrders && <Link to={`/orders/${f.orderId}`}>{t('feedback.openOrder')}</Link>}
                </Space>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('feedback.columns.submittedOn')}>
              {f.submittedAt ? format(f.submittedAt) : f.submittedOn} · {t(`feedback.timings.${f.timing}`)}
            </Descriptions.Item>
            {f.source === 'error_screen' && (
              <Descriptions.Item label={t('feedback.sentFrom')}>
                <span data-testid="feedback-source">
                  {[
                    t('feedback.sentFromErrorScreen'),
                    f.errorCode && t('feedback.errorCode', { code: f.errorCode }),
                    f.errorRequestId && t('feedback.errorRequestId', { id: f.errorRequestId }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('feedback.columns.text')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-user-content>
                {f.text}
              </Typography.Paragraph>
            </Descriptions.Item>
            {f.answers.length > 0 && (
              <Descriptions.Item label={t('feedback.answers')}>
                {f.answers.map((a) => `${a.questionId}: ${String(a.value)}`).join(' · ')}
              </Descriptions.Item>
            )}
            {f.media.length > 0 && (
              <Descriptions.Item label={t('feedback.media')}>
                <Space wrap>
                  {f.media.map((m) =>
                    m.kind === 'image' && m.thumbnailKey ? (
                      <FeedbackThumbnail key={m.id} feedbackId={f.id} mediaKey={m.thumbnailKey} />
                    ) : (
                      <Tag key={m.id}>{m.kind}</Tag>
                    ),
                  )}
                </Space>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('feedback.columns.category')}>
              <Space direction="vertical">
                <Select<FeedbackCategory>
                  style={{ width: 160 }}
                  value={f.category ?? undefined}
                  disabled={!canHandle}
                  options={CATEGORIES.map((c) => ({ value: c, label: t(`feedback.categories.${c}`) }))}
                  onChange={(category) =>
                    correct.mutate(
                      { id: f.id, category, ...(note.trim() ? { note: note.trim() } : {}) },
                      {
                        onSuccess: () => {
                          setNote('');
                          void message.success(t('feedback.corrected'));
                        },
                        onError: fail,
                      },
                    )
                  }
                />
                {f.autoCategory && (
                  <Typography.Text type="secondary">
                    {t('feedback.autoCategory', {
                      category: t(`feedback.categories.${f.autoCategory}`),
                      pct: f.categoryConfidencePct,
                    })}
                    {f.rulesVersion && ` · ${t('feedback.rulesVersion', { version: f.rulesVersion })}`}
                  </Typography.Text>
                )}
                {canHandle && (
                  <Input
                    size="small"
                    maxLength={500}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                    placeholder={t('feedback.correctionNote')}
                    data-testid="feedback-correction-note"
                  />
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.handling.state')}>
              <Space wrap>
                <Tag color={HANDLING_COLORS[f.handling.state]} data-testid="feedback-detail-state">
                  {t(`feedback.handling.states.${f.handling.state}`)}
                </Tag>
                <Tag color={SLA_COLORS[f.handling.sla]}>{t(`feedback.handling.sla.${f.handling.sla}`)}</Tag>
                <Typography.Text
                  type={f.handling.overdue ? 'danger' : undefined}
                  strong={f.handling.overdue}
                  data-testid="feedback-detail-due"
                >
                  {t('feedback.handling.dueAt', { when: format(f.handling.dueAt) })}
                </Typography.Text>
                {f.handling.resolvedAt && (
                  <Typography.Text type="secondary">
                    {t('feedback.handling.resolvedAt', { when: format(f.handling.resolvedAt) })}
                  </Typography.Text>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.handling.assignee')}>
              <Space wrap>
                {f.handling.assigneeId ? (
                  <NamedId
                    name={f.handling.assigneeName}
                    id={f.handling.assigneeId}
                    testId="feedback-detail-assignee"
                  />
                ) : (
                  <Typography.Text type="secondary">{t('feedback.handling.unassigned')}</Typography.Text>
                )}
                {canHandle && f.handling.state !== 'resolved' && (
                  <>
                    <Button
                      size="small"
                      data-testid="feedback-take"
                      loading={assign.isPending}
                      onClick={() =>
                        assign.mutate(
                          { id: f.id },
                          { onSuccess: () => void message.success(t('feedback.handling.assigned')), onError: refused },
                        )
                      }
                    >
                      {t('feedback.handling.take')}
                    </Button>
                    <Select<string>
                      size="small"
                      style={{ width: 160 }}
                      value={null as unknown as string}
                      placeholder={t('feedback.handling.assignTo')}
                      data-testid="feedback-assign-to"
                      options={(handlers.data?.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
                      onChange={(assigneeId) =>
                        assign.mutate(
                          { id: f.id, assigneeId },
                          { onSuccess: () => void message.success(t('feedback.handling.assigned')), onError: refused },
                        )
                      }
                    />
                    <Button
                      size="small"
                      type="primary"
                      ghost
                      data-testid="feedback-resolve"
                      loading={resolve.isPending}
                      onClick={() =>
                        resolve.mutate(
                          { id: f.id },
                          { onSuccess: () => void message.success(t('feedback.handling.resolved')), onError: refused },
                        )
                      }
                    >
                      {t('feedback.handling.resolve')}
                    </Button>
                  </>
                )}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginBottom: 0 }}>
            {t('feedback.handling.notes')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('feedback.handling.notesHint')}
          </Typography.Text>
          <List
            size="small"
            data-testid="feedback-notes"
            locale={{ emptyText: t('feedback.handling.noNotes') }}
            dataSource={f.notes ?? []}
            renderItem={(n) => (
              <List.Item style={{ background: '#fffbe6', borderLeft: '3px solid #faad14' }} data-testid="feedback-note">
                <List.Item.Meta
                  title={
                    <span data-user-content style={{ whiteSpace: 'pre-wrap' }}>
                      {n.text}
                    </span>
                  }
                  description={`${n.staffName ?? n.staffId} · ${format(n.createdAt)}`}
                />
              </List.Item>
            )}
          />
          {canHandle && (
            <Space.Compact style={{ width: '100%' }}>
              <Input
                maxLength={2000}
                value={internalNote}
                onChange={(e) => setInternalNote(e.target.value)}
                placeholder={t('feedback.handling.notePlaceholder')}
                data-testid="feedback-note-text"
              />
              <Button
                disabled={internalNote.trim() === ''}
                loading={addNote.isPending}
                data-testid="feedback-add-note"
                onClick={() =>
                  addNote.mutate(
                    { id: f.id, text: internalNote.trim() },
                    {
                      onSuccess: () => {
                        setInternalNote('');
                        void message.success(t('feedback.handling.noteAdded'));
                      },
                      onError: refused,
                    },
                  )
                }
              >
                {t('feedback.handling.addNote')}
              </Button>
            </Space.Compact>
          )}
          <Typography.Title level={5}>{t('feedback.replies')}</Typography.Title>
          <List
            size="small"
            dataSource={f.replies}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta description={format(r.createdAt)} title={<span data-user-content>{r.text}</span>} />
              </List.Item>
            )}
          />
          {canHandle && (
            <>
              <Input.TextArea
                rows={3}
                maxLength={2000}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t('feedback.replyPlaceholder')}
                data-testid="feedback-reply-text"
              />
              <Space>
                <Button
                  type="primary"
                  disabled={text.trim() === ''}
                  loading={reply.isPending}
                  data-testid="feedback-reply"
                  onClick={() =>
                    reply.mutate(
                      { id: f.id, text: text.trim() },
                      {
                        onSuccess: () => {
                          setText('');
                          void message.success(t('feedback.replySent'));
                        },
                        onError: fail,
                      },
                    )
                  }
                >
                  {t('feedback.reply')}
                </Button>
                <Button
                  disabled={f.valuable}
                  loading={valuable.isPending}
                  data-testid="feedback-valuable"
                  onClick={() =>
                    valuable.mutate(
                      { id: f.id },
                      {
                        onSuccess: (result) => {
                          const points = (result as { pointsAwarded: number }).pointsAwarded;
                          void message.success(
                            points > 0 ? t('feedback.pointsAwarded', { points }) : t('feedback.pointsAlready'),
                          );
                        },
                        onError: fail,
                      },
                    )
                  }
                >
                  {f.valuable ? t('feedback.valuableDone') : t('feedback.valuable')}
                </Button>
              </Space>
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}

function FeedbackThumbnail({ feedbackId, mediaKey }: { feedbackId: string; mediaKey: string }) {
  const url = useFeedbackMediaUrl(feedbackId, mediaKey);
  return url ? <img alt="" width={80} src={url} data-testid="feedback-photo" /> : <Skeleton.Image active />;
}
