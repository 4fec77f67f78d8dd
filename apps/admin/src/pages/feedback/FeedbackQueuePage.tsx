import { keysOf } from '@zulin/web';
import {
  App as AntdApp,
  Button,
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import {
  type FeedbackCategory,
  type FeedbackQuery,
  type FeedbackRating,
  type HandlerFeedback,
  useCorrectCategory,
  useFeedbackEntry,
  useFeedbackMediaUrl,
  useFeedbackQueue,
  useMarkValuable,
  useReplyToFeedback,
} from '../../feedback-api';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';

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

type Filters = Omit<FeedbackQuery, 'limit' | 'cursor'>;

/** The handlers' queue: search, filter, open one to reply, mark it valuable or correct its category. */
export function FeedbackQueuePage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const queue = useFeedbackQueue(filters);
  const rows = queue.data?.pages.flatMap((page) => page.data) ?? [];

  const columns: TableColumnsType<HandlerFeedback> = [
    { title: t('feedback.columns.submittedOn'), dataIndex: 'submittedOn', width: 110 },
    {
      title: t('feedback.columns.author'),
      width: 140,
      render: (_, f) => (f.author === 'anonymous' ? <Tag>{t('feedback.anonymous')}</Tag> : f.customerName),
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
            allowClear
            placeholder={t('feedback.search')}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            data-testid="feedback-search"
          />
        </Form.Item>
        <Form.Item>
          <Select<FeedbackCategory | 'all'>
            style={{ width: 140 }}
            defaultValue="all"
            options={[
              { value: 'all', label: t('feedback.allCategories') },
              ...CATEGORIES.map((c) => ({ value: c, label: t(`feedback.categories.${c}`) })),
            ]}
            onChange={(c) => setFilters((f) => ({ ...f, category: c === 'all' ? undefined : c }))}
          />
        </Form.Item>
        <Form.Item>
          <Select<FeedbackRating | 'all'>
            style={{ width: 120 }}
            defaultValue="all"
            options={[
              { value: 'all', label: t('feedback.allRatings') },
              ...RATINGS.map((r) => ({ value: r, label: t(`feedback.ratings.${r}`) })),
            ]}
            onChange={(r) => setFilters((f) => ({ ...f, rating: r === 'all' ? undefined : r }))}
          />
        </Form.Item>
      </Form>
      <CursorTable
        query={queue}
        rows={rows}
        columns={columns}
        scrollX={900}
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
  const [text, setText] = useState('');
  const f = entry.data;
  const fail = () => void message.error(t('feedback.failed'));

  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title={t('feedback.detail')} destroyOnHidden>
      {f && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="feedback-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('feedback.columns.author')}>
              {f.author === 'anonymous' ? t('feedback.anonymous') : `${f.customerName} · ${f.customerPhone}`}
            </Descriptions.Item>
            {f.author === 'named' && f.orderId && (
              <Descriptions.Item label={t('feedback.order')}>{f.orderId}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('feedback.columns.submittedOn')}>
              {f.submittedAt ? format(f.submittedAt) : f.submittedOn} · {t(`feedback.timings.${f.timing}`)}
            </Descriptions.Item>
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
                      { id: f.id, category },
                      { onSuccess: () => void message.success(t('feedback.corrected')), onError: fail },
                    )
                  }
                />
                {f.autoCategory && (
                  <Typography.Text type="secondary">
                    {t('feedback.autoCategory', {
                      category: t(`feedback.categories.${f.autoCategory}`),
                      pct: f.categoryConfidencePct,
                    })}
                  </Typography.Text>
                )}
              </Space>
            </Descriptions.Item>
          </Descriptions>
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
