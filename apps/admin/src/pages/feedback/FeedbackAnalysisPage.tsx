import {
  CustomerServiceOutlined,
  DownloadOutlined,
  LikeOutlined,
  MessageOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  Alert,
  App as AntdApp,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  type BreakdownBy,
  downloadFeedbackCsv,
  type FeedbackAnalysis,
  useFeedbackAnalysis,
  useSupportStats,
} from '../../analysis-api';
import { EChart } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { StatCard } from '../../components/StatCard';
import { useProblemToast } from '../../hooks';

const RATING_COLOURS = { good: '#52c41a', neutral: '#faad14', bad: '#ff4d4f' } as const;
const RATINGS = keysOf(RATING_COLOURS);
const CATEGORIES = keysOf({ device: true, logistics: true, billing: true, service: true, app: true });
/** Each breakdown and the queue filter its lines drill into. */
const BREAKDOWN_FILTERS = {
  product: 'productId',
  model: 'model',
  warehouse: 'warehouseId',
  carrier: 'carrier',
} as const;
const BREAKDOWNS = keysOf<BreakdownBy>(BREAKDOWN_FILTERS);
const CATEGORY_COLORS = {
  device: 'volcano',
  logistics: 'blue',
  billing: 'gold',
  service: 'purple',
  app: 'cyan',
} as const;

type BreakdownLine = FeedbackAnalysis['breakdowns']['product']['groups'][number];
type OthersLine = NonNullable<FeedbackAnalysis['breakdowns']['product']['others']>;
type TableLine = (BreakdownLine & { others?: false }) | (OthersLine & { others: true; key: string; name: string });

/** Basis points as a percentage with one decimal ("—" when nothing was judged). */
const percent = (bps: number | null | undefined) =>
  bps === null || bps === undefined ? '—' : `${(bps / 100).toFixed(1)}%`;

/**
 * Seed 001's analysis: ratings and NPS over time, categories, top words, the feedback broken down by
 * product, model, warehouse and carrier; chat and ticket volume with SLA attainment. A word, a category
 * bar, a period and a breakdown line open the queue filtered to their feedback; the range exports as CSV.
 */
export function FeedbackAnalysisPage() {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const navigate = useNavigate();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [period, setPeriod] = useState<'week' | 'month'>('month');
  const [picked, setPicked] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [exporting, setExporting] = useState(false);
  const range = {
    ...(picked?.[0] ? { from: picked[0].format('YYYY-MM-DD') } : {}),
    ...(picked?.[1] ? { to: picked[1].format('YYYY-MM-DD') } : {}),
  };
  const analysis = useFeedbackAnalysis(period, locale, range);
  const stats = useSupportStats();
  const data = analysis.data;
  const support = stats.data;

  /** The queue, filtered to what was clicked, within the range shown (or a period's own days). */
  const drill = (filters: Record<string, string>) => {
    if (!data) return;
    navigate(`/feedback?${new URLSearchParams({ from: data.fromDate, to: data.toDate, ...filters }).toString()}`);
  };
  const exportRefused = useProblemToast('feedback.analysis.problems', 'feedback.analysis.exportFailed');
  const exportCsv = async () => {
    if (!data) return;
    setExporting(true);
    try {
      await downloadFeedbackCsv({ from: data.fromDate, to: data.toDate, locale });
      void message.success(t('feedback.analysis.exported', { from: data.fromDate, to: data.toDate }));
    } catch (error) {
      exportRefused(error);
    } finally {
      setExporting(false);
    }
  };

  const ratingsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: RATINGS.map((r) => t(`feedback.ratings.${r}`)) },
      grid: { left: 40, right: 40, bottom: 30, top: 40 },
      xAxis: { type: 'category', data: data?.byPeriod.map((g) => g.key) ?? [] },
      yAxis: [
        { type: 'value', name: t('feedback.analysis.count') },
        { type: 'value', name: 'NPS', min: -100, max: 100 },
      ],
      series: [
        ...RATINGS.map((r) => ({
          name: t(`feedback.ratings.${r}`),
          type: 'bar',
          stack: 'ratings',
          itemStyle: { color: RATING_COLOURS[r] },
          data: data?.byPeriod.map((g) => g.ratings.counts[r]) ?? [],
        })),
        { name: 'NPS', type: 'line', yAxisIndex: 1, data: data?.byPeriod.map((g) => g.nps.nps) ?? [] },
      ],
    }),
    [data, t],
  );
  const categoriesOption = useMemo(() => {
    const categoryLabel = (key: string) => {
      const known = CATEGORIES.find((c) => c === key);
      return known ? t(`feedback.categories.${known}`) : t('feedback.analysis.uncategorised');
    };
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 70, right: 20, bottom: 20, top: 10 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: data?.byCategory.map((g) => categoryLabel(g.key)) ?? [] },
      series: [{ type: 'bar', itemStyle: { color: '#fa8c16' }, data: data?.byCategory.map((g) => g.feedbacks) ?? [] }],
    };
  }, [data, t]);
  const supportOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {
        top: 0,
        data: [
          t('feedback.analysis.tickets'),
          t('feedback.analysis.chats'),
          t('feedback.analysis.firstResponseMet'),
          t('feedback.analysis.resolutionMet'),
        ],
      },
      grid: { left: 40, right: 50, bottom: 30, top: 40 },
      xAxis: {
        type: 'category',
        data: [...new Set([...(support?.tickets ?? []), ...(support?.chats ?? [])].map((r) => r.month))].sort(),
      },
      yAxis: [
        { type: 'value', name: t('feedback.analysis.count') },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: (() => {
        const months = [
          ...new Set([...(support?.tickets ?? []), ...(support?.chats ?? [])].map((r) => r.month)),
        ].sort();
        const ticket = (m: string) => support?.tickets.find((r) => r.month === m);
        const chat = (m: string) => support?.chats.find((r) => r.month === m);
        const pct = (bps: number | null | undefined) => (bps === null || bps === undefined ? null : bps / 100);
        return [
          { name: t('feedback.analysis.tickets'), type: 'bar', data: months.map((m) => ticket(m)?.opened ?? 0) },
          { name: t('feedback.analysis.chats'), type: 'bar', data: months.map((m) => chat(m)?.chats ?? 0) },
          {
            name: t('feedback.analysis.firstResponseMet'),
            type: 'line',
            yAxisIndex: 1,
            data: months.map((m) => pct(ticket(m)?.firstResponseMetBps)),
          },
          {
            name: t('feedback.analysis.resolutionMet'),
            type: 'line',
            yAxisIndex: 1,
            data: months.map((m) => pct(ticket(m)?.resolutionMetBps)),
          },
        ];
      })(),
    }),
    [support, t],
  );

  const chats = support?.chats ?? [];
  const rated = chats.reduce((n, c) => n + c.rated, 0);
  const ratingSum = chats.reduce((n, c) => n + (c.averageRatingHundredths ?? 0) * c.rated, 0);
  const tickets = support?.tickets ?? [];

  return (
    <>
      <PageHeader
        title={t('feedback.analysis.title')}
        subtitle={t('feedback.analysis.subtitle', { from: data?.fromDate ?? '…', to: data?.toDate ?? '…' })}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={picked}
              onChange={(value) => setPicked(value)}
              aria-label={t('feedback.analysis.range')}
              data-testid="analysis-range"
            />
            <Segmented
              value={period}
              onChange={(v) => setPeriod(v === 'week' ? 'week' : 'month')}
              options={[
                { value: 'month', label: t('feedback.analysis.byMonth') },
                { value: 'week', label: t('feedback.analysis.byWeek') },
              ]}
            />
            <Button
              icon={<DownloadOutlined />}
              disabled={!data}
              loading={exporting}
              onClick={() => void exportCsv()}
              data-testid="analysis-export"
            >
              {t('feedback.analysis.exportCsv')}
            </Button>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">{t('feedback.analysis.drillHint')}</Typography.Paragraph>
      {analysis.error && <QueryErrorAlert error={analysis.error} onRetry={() => void analysis.refetch()} />}
      {stats.error && <QueryErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />}
      {data?.truncated && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('feedback.analysis.truncated')} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}>
          <StatCard
            title="NPS"
            value={data?.nps.nps === null || data === undefined ? undefined : String(data.nps.nps)}
            icon={<LikeOutlined />}
            tone="brand"
            loading={analysis.isPending}
            testId="analysis-nps"
            footer={t('feedback.analysis.npsFooter', {
              responses: data?.nps.responses ?? 0,
              promoters: data?.nps.promoters ?? 0,
              detractors: data?.nps.detractors ?? 0,
            })}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <StatCard
            title={t('feedback.analysis.goodShare')}
            value={data ? percent(data.ratings.sharesBps.good) : undefined}
            icon={<SmileOutlined />}
            tone="success"
            loading={analysis.isPending}
            testId="analysis-good"
            footer={t('feedback.analysis.feedbacks', { count: data?.feedbacks ?? 0 })}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <StatCard
            title={t('feedback.analysis.firstResponseMet')}
            value={support ? percent(tickets.at(-1)?.firstResponseMetBps ?? null) : undefined}
            icon={<CustomerServiceOutlined />}
            tone="info"
            loading={stats.isPending}
            testId="analysis-sla"
            footer={t('feedback.analysis.ticketsTotal', { count: tickets.reduce((n, r) => n + r.opened, 0) })}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <StatCard
            title={t('feedback.analysis.chatRating')}
            value={rated === 0 ? (support ? '—' : undefined) : (ratingSum / rated / 100).toFixed(2)}
            icon={<MessageOutlined />}
            tone="neutral"
            loading={stats.isPending}
            testId="analysis-chat-rating"
            footer={t('feedback.analysis.chatsTotal', { count: chats.reduce((n, c) => n + c.chats, 0), rated })}
          />
        </Col>
        <Col xs={24} xl={16}>
          <Card title={t('feedback.analysis.ratingsOverTime')}>
            <EChart
              option={ratingsOption}
              testId="analysis-ratings-chart"
              onClick={({ dataIndex }) => {
                const group = data?.byPeriod[dataIndex];
                if (group) drill({ from: group.fromDate, to: group.toDate });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('feedback.analysis.categories')}>
            <EChart
              option={categoriesOption}
              testId="analysis-categories-chart"
              onClick={({ dataIndex }) => {
                const category = CATEGORIES.find((c) => c === data?.byCategory[dataIndex]?.key);
                if (category) drill({ category });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title={t('feedback.analysis.support')}>
            <EChart option={supportOption} testId="analysis-support-chart" />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('feedback.analysis.topWords')} data-testid="analysis-words">
            {/* The customers' own words, counted: data, not interface. */}
            <div data-user-content>
              <Space size={[6, 8]} wrap>
                {(data?.topWords ?? []).map((w, i) => (
                  <Tag
                    key={w.word}
                    color={i < 5 ? 'volcano' : i < 15 ? 'orange' : 'default'}
                    style={{ cursor: 'pointer' }}
                    onClick={() => drill({ word: w.word })}
                  >
                    {w.word} <Typography.Text type="secondary">{w.texts}</Typography.Text>
                  </Tag>
                ))}
              </Space>
            </div>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('feedback.analysis.breakdowns')} data-testid="analysis-breakdowns">
            <Tabs
              items={BREAKDOWNS.map((by) => ({
                key: by,
                label: t(`feedback.analysis.by.${by}`),
                children: data && (
                  <BreakdownTable
                    by={by}
                    breakdown={data.breakdowns[by]}
                    onOpen={(line) =>
                      drill({
                        [BREAKDOWN_FILTERS[by]]: line.key,
                        ...(by === 'product' || by === 'warehouse' ? { label: line.name } : {}),
                      })
                    }
                  />
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** One breakdown: its largest lines (each opens the queue filtered to it), the rest folded, and what it leaves out. */
function BreakdownTable({
  by,
  breakdown,
  onOpen,
}: {
  by: BreakdownBy;
  breakdown: FeedbackAnalysis['breakdowns'][BreakdownBy];
  onOpen: (line: BreakdownLine) => void;
}) {
  const { t } = useTranslation();
  const lines: TableLine[] = [
    ...breakdown.groups,
    ...(breakdown.others
      ? [
          {
            ...breakdown.others,
            others: true as const,
            key: '(others)',
            name: t('feedback.analysis.others', { count: breakdown.others.groups }),
          },
        ]
      : []),
  ];
  const columns: TableColumnsType<TableLine> = [
    {
      title: t(`feedback.analysis.by.${by}`),
      dataIndex: 'name',
      // Product and model names come from the catalog, as staff typed them: data, not interface.
      render: (name: string, line) =>
        line.others ? (
          <Typography.Text type="secondary">{name}</Typography.Text>
        ) : (
          <Typography.Link data-user-content>{name}</Typography.Link>
        ),
    },
    { title: t('feedback.analysis.breakdownColumns.feedbacks'), dataIndex: 'feedbacks', width: 100, align: 'right' },
    {
      title: t('feedback.analysis.breakdownColumns.good'),
      width: 100,
      align: 'right',
      render: (_, line) => (line.ratings.total === 0 ? '—' : percent(line.ratings.sharesBps.good)),
    },
    {
      title: t('feedback.analysis.breakdownColumns.bad'),
      width: 100,
      align: 'right',
      render: (_, line) => (line.ratings.total === 0 ? '—' : percent(line.ratings.sharesBps.bad)),
    },
    {
      title: t('feedback.analysis.breakdownColumns.nps'),
      width: 90,
      align: 'right',
      render: (_, line) => (line.nps.nps === null ? '—' : line.nps.nps),
    },
    {
      title: t('feedback.analysis.breakdownColumns.topCategories'),
      render: (_, line) => (
        <Space size={[4, 4]} wrap>
          {line.topCategories.map((c) => (
            <Tag key={c.category} color={CATEGORY_COLORS[c.category]}>
              {t(`feedback.categories.${c.category}`)} {c.feedbacks}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<TableLine>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={lines}
        columns={columns}
        data-testid={`analysis-breakdown-${by}`}
        onRow={(line) => (line.others ? {} : { onClick: () => onOpen(line), style: { cursor: 'pointer' } })}
      />
      {breakdown.unknown > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('feedback.analysis.unknown', { count: breakdown.unknown })}
        </Typography.Paragraph>
      )}
    </>
  );
}
