import { Card, Descriptions, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSystemStatus } from '../api';
import { formatInstant } from '../format';
import { QueryErrorAlert } from './QueryErrorAlert';

/** Name, version and clock of the running service. */
export function ServiceInfoCard() {
  const { t, i18n } = useTranslation();
  const { data: status, error, isPending, refetch } = useSystemStatus({ live: true });
  return (
    <Card title={t('dashboard.serviceInfo')} className="full-height-card">
      {isPending && <Skeleton active paragraph={{ rows: 4 }} />}
      {error && <QueryErrorAlert error={error} onRetry={() => void refetch()} />}
      {status && (
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'name', label: t('status.name'), children: status.name },
            { key: 'version', label: t('status.version'), children: status.version },
            { key: 'businessDate', label: t('status.businessDate'), children: status.businessDate },
            { key: 'timeZone', label: t('status.timeZone'), children: status.timeZone },
            {
              key: 'now',
              label: t('status.now'),
              children: formatInstant(status.now, status.timeZone, i18n.language),
            },
          ]}
        />
      )}
    </Card>
  );
}
