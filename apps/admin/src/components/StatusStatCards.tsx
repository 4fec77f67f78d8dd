import {
  CalendarOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  DatabaseOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError, useReadiness, useSystemStatus } from '../api';
import { countPassed } from '../readiness';
import { QueryErrorAlert } from './QueryErrorAlert';
import { StatCard } from './StatCard';

function ReadinessCard() {
  const { t } = useTranslation();
  const { data, error, isPending } = useReadiness({ live: true });
  const ready = data?.status === 'ok';
  const footer = error
    ? error instanceof ProblemError
      ? error.problem.title
      : t('status.networkError')
    : data && t('status.checksPassed', countPassed(data.checks));
  return (
    <StatCard
      testId="stat-readiness"
      title={t('status.readiness')}
      value={data ? (ready ? t('status.ready') : t('status.notReady')) : undefined}
      icon={ready ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
      tone={data ? (ready ? 'success' : 'danger') : error ? 'danger' : 'neutral'}
      footer={footer}
      loading={isPending}
    />
  );
}

/** The dashboard's headline row, all from `GET /v1/system/status` and `GET /readyz`. */
export function StatusStatCards() {
  const { t } = useTranslation();
  const { data: status, error, isPending, refetch } = useSystemStatus({ live: true });
  return (
    <Row gutter={[16, 16]}>
      {error && (
        <Col span={24}>
          <QueryErrorAlert error={error} onRetry={() => void refetch()} />
        </Col>
      )}
      <Col xs={24} sm={12} xl={6}>
        <ReadinessCard />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <StatCard
          testId="stat-business-date"
          title={t('status.businessDate')}
          value={status?.businessDate}
          icon={<CalendarOutlined />}
          tone="brand"
          footer={status?.timeZone}
          loading={isPending}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <StatCard
          testId="stat-database"
          title={t('status.database')}
          value={status ? t(`status.databaseEngines.${status.database.kind}`) : undefined}
          icon={<DatabaseOutlined />}
          tone="info"
          footer={
            status &&
            t('status.migrationsSummary', {
              applied: status.database.migrationsApplied,
              pending: status.database.migrationsPending,
            })
          }
          loading={isPending}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <StatCard
          testId="stat-worker"
          title={t('status.worker')}
          value={status ? (status.worker.enabled ? t('status.enabled') : t('status.disabled')) : undefined}
          icon={<SyncOutlined />}
          tone={status?.worker.enabled ? 'success' : 'neutral'}
          footer={status && (status.worker.leader ? t('status.leaderHint') : t('status.followerHint'))}
          loading={isPending}
        />
      </Col>
    </Row>
  );
}
