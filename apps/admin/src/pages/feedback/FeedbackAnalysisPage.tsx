import { CustomerServiceOutlined, LikeOutlined, MessageOutlined, SmileOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import { Alert, Card, Col, Row, Segmented, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeedbackAnalysis, useSupportStats } from '../../analysis-api';
import { EChart } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { StatCard } from '../../components/StatCard';

const RATING_COLOURS = { good: '#52c41a', neutral: '#faad14', bad: '#ff4d4f' } as const;
const RATINGS = keysOf(RATING_COLOURS);
const CATEGORIES = keysOf({ device: true, logistics: true, billing: true, service: true, app: true });

/** Basis points as a percentage with one decimal ("—" when nothing was judged). */
const percent = (bps: number | null | undefined) =>
  bps === null || bps === undefined ? '—' : `${(bps / 100).toFixed(1)}%`;

/** Seed 001's analysis: ratings and NPS over time, categories, top words; chat and ticket volume with SLA attainment. */
export function FeedbackAnalysisPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<'week' | 'month'>('month');
  const analysis = useFeedbackAnalysis(period);
  const stats = useSupportStats();
  const data = analysis.data;
  const support = stats.data;

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
          <Segmented
            value={period}
            onChange={(v) => setPeriod(v === 'week' ? 'week' : 'month')}
            options={[
              { value: 'month', label: t('feedback.analysis.byMonth') },
              { value: 'week', label: t('feedback.analysis.byWeek') },
            ]}
          />
        }
      />
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
            <EChart option={ratingsOption} testId="analysis-ratings-chart" />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('feedback.analysis.categories')}>
            <EChart option={categoriesOption} testId="analysis-categories-chart" />
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
                  <Tag key={w.word} color={i < 5 ? 'volcano' : i < 15 ? 'orange' : 'default'}>
                    {w.word} <Typography.Text type="secondary">{w.texts}</Typography.Text>
                  </Tag>
                ))}
              </Space>
            </div>
          </Card>
        </Col>
      </Row>
    </>
  );
}
