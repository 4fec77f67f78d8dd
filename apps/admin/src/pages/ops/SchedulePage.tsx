import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '../../api';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter } from '../../hooks';
import { type OpsScheduledWork, type RunStatus, useSchedule } from '../../ops-api';

const RUN_COLORS = { running: 'processing', done: 'success', failed: 'error' } satisfies Record<RunStatus, string>;
const KIND_COLORS = { tick: 'blue', sweep: 'purple' } satisfies Record<OpsScheduledWork['kind'], string>;

/** How long a run took: "850 ms", "12.4 s", "3 min 5 s". */
function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Ticks and sweeps with their last run and their next. */
export function SchedulePage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const serverNow = useServerNow();
  const schedule = useSchedule();
  const described = t('ops.schedule.work', { returnObjects: true }) as Record<string, string>;
  const rows = schedule.data?.pages.flatMap((page) => page.data) ?? [];
  // Read once per render: "due" marks work whose next run has come on the server's clock (the worker
  // runs it within 30 s; the sandbox's clock may be days ahead of this browser's).
  const renderedAt = serverNow();

  const columns: TableColumnsType<OpsScheduledWork> = [
    {
      title: t('ops.schedule.columns.name'),
      key: 'name',
      width: 300,
      render: (_, work) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{described[work.name] ?? work.description}</Typography.Text>
          <Typography.Text code className="mono-cell">
            {work.name}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('ops.schedule.columns.when'),
      key: 'when',
      width: 150,
      render: (_, work) => (
        <Space direction="vertical" size={2}>
          <Tag color={KIND_COLORS[work.kind]}>{t(`ops.schedule.kinds.${work.kind}`)}</Tag>
          <span>
            {work.runAt !== null
              ? t('ops.schedule.dailyAt', { time: work.runAt })
              : t('ops.schedule.everySeconds', { seconds: work.everySeconds })}
          </span>
        </Space>
      ),
    },
    {
      title: t('ops.schedule.columns.lastRun'),
      key: 'lastRun',
      width: 260,
      render: (_, { lastRun }) =>
        lastRun ? (
          <Space direction="vertical" size={0}>
            <Space size={4}>
              <Tag color={RUN_COLORS[lastRun.status]}>{t(`ops.schedule.statuses.${lastRun.status}`)}</Tag>
              {lastRun.businessDate && (
                <Typography.Text type="secondary">
                  {t('ops.schedule.forDate', { date: lastRun.businessDate })}
                </Typography.Text>
              )}
            </Space>
            <span>
              {format(lastRun.startedAt)}
              {lastRun.durationMs !== null && ` · ${formatDuration(lastRun.durationMs)}`}
            </span>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('ops.schedule.never')}</Typography.Text>
        ),
    },
    {
      title: t('ops.schedule.columns.result'),
      key: 'result',
      width: 220,
      render: (_, { lastRun }) =>
        lastRun?.lastError ? (
          <Typography.Paragraph type="danger" ellipsis={{ rows: 2, tooltip: lastRun.lastError }}>
            {lastRun.lastError}
          </Typography.Paragraph>
        ) : lastRun?.result != null ? (
          <Typography.Text
            className="mono-cell"
            type="secondary"
            ellipsis={{ tooltip: JSON.stringify(lastRun.result) }}
          >
            {JSON.stringify(lastRun.result)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('ops.schedule.columns.nextDueAt'),
      dataIndex: 'nextDueAt',
      width: 200,
      render: (at: string) => (
        <Space size={4}>
          <span>{format(at)}</span>
          {Date.parse(at) <= renderedAt && <Tag color="warning">{t('ops.schedule.overdue')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <div className="page" data-testid="schedule-page">
      <PageHeader
        title={t('ops.schedule.title')}
        subtitle={t('ops.schedule.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void schedule.refetch()}>
            {t('ops.refresh')}
          </Button>
        }
      />
      <Card>
        <CursorTable
          query={schedule}
          rows={rows}
          columns={columns}
          scrollX={1130}
          empty={t('ops.empty')}
          testId="schedule-table"
        />
      </Card>
    </div>
  );
}
