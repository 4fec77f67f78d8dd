import { ReloadOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Row,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type SystemStatus, useReadiness, useSystemStatus } from '../api';
import { PageHeader } from '../components/PageHeader';
import { QueryErrorAlert } from '../components/QueryErrorAlert';
import { ReadinessChecks } from '../components/ReadinessChecks';
import { formatClockTime, formatInstant } from '../format';

type Items = NonNullable<DescriptionsProps['items']>;

function applicationItems(status: SystemStatus, t: TFunction, language: string): Items {
  return [
    { key: 'name', label: t('status.name'), children: status.name },
    { key: 'version', label: t('status.version'), children: status.version },
    { key: 'businessDate', label: t('status.businessDate'), children: status.businessDate },
    { key: 'timeZone', label: t('status.timeZone'), children: status.timeZone },
    { key: 'now', label: t('status.now'), children: formatInstant(status.now, status.timeZone, language) },
  ];
}

function databaseItems(status: SystemStatus, t: TFunction): Items {
  const { kind, migrationsApplied, migrationsPending } = status.database;
  return [
    { key: 'kind', label: t('status.databaseKind'), children: t(`status.databaseKinds.${kind}`) },
    { key: 'applied', label: t('status.migrationsApplied'), children: migrationsApplied },
    {
      key: 'pending',
      label: t('status.migrationsPending'),
      children: <Tag color={migrationsPending === 0 ? 'success' : 'warning'}>{migrationsPending}</Tag>,
    },
  ];
}

function workerItems(status: SystemStatus, t: TFunction): Items {
  const { enabled, leader } = status.worker;
  return [
    {
      key: 'enabled',
      label: t('status.workerEnabled'),
      children: (
        <Badge status={enabled ? 'success' : 'default'} text={enabled ? t('status.enabled') : t('status.disabled')} />
      ),
    },
    {
      key: 'leader',
      label: t('status.workerLeader'),
      children: `${leader ? t('status.leader') : t('status.follower')} · ${leader ? t('status.leaderHint') : t('status.followerHint')}`,
    },
  ];
}

function StatusCard({ title, items, loading }: { title: string; items: Items | undefined; loading: boolean }) {
  return (
    <Card title={title} className="full-height-card">
      {loading && <Skeleton active paragraph={{ rows: 3 }} />}
      {!loading && !items && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {items && <Descriptions bordered size="small" column={1} items={items} />}
    </Card>
  );
}

export function SystemStatusPage() {
  const { t, i18n } = useTranslation();
  const status = useSystemStatus({ live: true });
  const readiness = useReadiness({ live: true });
  const data = status.data;
  const refresh = () => void Promise.all([status.refetch(), readiness.refetch()]);
  const extra = (
    <>
      {status.dataUpdatedAt > 0 && (
        <Typography.Text type="secondary">
          {t('status.updatedAt', { time: formatClockTime(status.dataUpdatedAt, i18n.language, data?.timeZone) })}
        </Typography.Text>
      )}
      <Button icon={<ReloadOutlined />} loading={status.isFetching || readiness.isFetching} onClick={refresh}>
        {t('status.refresh')}
      </Button>
    </>
  );
  return (
    <div className="page" data-testid="system-status-page">
      <PageHeader title={t('systemStatus.title')} subtitle={t('systemStatus.subtitle')} extra={extra} />
      {status.error && <QueryErrorAlert error={status.error} onRetry={refresh} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <StatusCard
            title={t('systemStatus.application')}
            items={data && applicationItems(data, t, i18n.language)}
            loading={status.isPending}
          />
        </Col>
        <Col xs={24} xl={12}>
          <StatusCard
            title={t('systemStatus.database')}
            items={data && databaseItems(data, t)}
            loading={status.isPending}
          />
        </Col>
        <Col xs={24} xl={12}>
          <StatusCard
            title={t('systemStatus.worker')}
            items={data && workerItems(data, t)}
            loading={status.isPending}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('systemStatus.readiness')} extra={<code>GET /readyz</code>} className="full-height-card">
            <ReadinessChecks />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
