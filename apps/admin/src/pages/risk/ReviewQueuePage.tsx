import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter } from '../../hooks';
import { type CaseStatus, type RiskReviewCase, useReviewQueue } from '../../risk-api';
import { SlaCountdown } from './RiskParts';

export const CASE_STATUS_COLORS = {
  pending: 'processing',
  investigating: 'warning',
  closed: 'default',
} satisfies Record<CaseStatus, string>;

/** Open review cases, soonest SLA first, with a live countdown. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const queue = useReviewQueue();
  const rows = queue.data?.pages.flatMap((page) => page.data) ?? [];
  const mono = (text: string | null) => <Typography.Text className="mono-cell">{text ?? '—'}</Typography.Text>;

  const columns: TableColumnsType<RiskReviewCase> = [
    {
      title: t('risk.queue.columns.sla'),
      dataIndex: 'slaDueAt',
      width: 170,
      render: (at: string, row) => <SlaCountdown dueAt={at} closed={row.status === 'closed'} />,
    },
    {
      title: t('risk.queue.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: CaseStatus) => <Tag color={CASE_STATUS_COLORS[status]}>{t(`risk.caseStatuses.${status}`)}</Tag>,
    },
    {
      title: t('risk.queue.columns.origin'),
      dataIndex: 'origin',
      width: 110,
      render: (origin: RiskReviewCase['origin']) => t(`risk.origins.${origin}`),
    },
    {
      title: t('risk.queue.columns.customer'),
      dataIndex: 'customerId',
      width: 200,
      render: (id: string, row) => <NamedId name={row.customerLabel} id={id} />,
    },
    {
      title: t('risk.queue.columns.decision'),
      dataIndex: 'decisionId',
      width: 250,
      render: (id: string) => <Link to={`/risk/decisions/${id}`}>{mono(id)}</Link>,
    },
    {
      title: t('risk.queue.columns.assignedTo'),
      dataIndex: 'assignedTo',
      width: 160,
      render: (id: string | null, row) => <NamedId name={row.assignedToName} id={id} />,
    },
    { title: t('risk.queue.columns.createdAt'), dataIndex: 'createdAt', width: 170, render: (at) => format(at) },
    {
      title: t('risk.queue.columns.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, row) => (
        <Link to={`/risk/cases/${row.id}`} data-testid={`open-case-${row.decisionId}`}>
          {t('risk.open')}
        </Link>
      ),
    },
  ];

  return (
    <div className="page" data-testid="risk-queue-page">
      <PageHeader
        title={t('risk.queue.title')}
        subtitle={t('risk.queue.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void queue.refetch()}>
            {t('risk.refresh')}
          </Button>
        }
      />
      <Card>
        <CursorTable
          query={queue}
          rows={rows}
          columns={columns}
          scrollX={1400}
          empty={t('risk.queue.empty')}
          testId="risk-queue-table"
        />
      </Card>
    </div>
  );
}
