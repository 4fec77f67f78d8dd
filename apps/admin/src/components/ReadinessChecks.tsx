import { Badge, List, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReadiness } from '../api';
import { checkLabel, checkValue } from '../readiness';
import { QueryErrorAlert } from './QueryErrorAlert';

/** Every check of `GET /readyz`, with the overall verdict on top. */
export function ReadinessChecks() {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = useReadiness({ live: true });
  if (isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (error) return <QueryErrorAlert error={error} onRetry={() => void refetch()} />;
  const ready = data.status === 'ok';
  return (
    <div data-testid="readiness-checks">
      <Badge
        status={ready ? 'success' : 'error'}
        text={ready ? t('status.ready') : t('status.notReady')}
        className="readiness-verdict"
      />
      <List
        size="small"
        dataSource={Object.entries(data.checks)}
        renderItem={([name, value]) => (
          <List.Item extra={<Tag color={value === 'ok' ? 'success' : 'error'}>{checkValue(value, t)}</Tag>}>
            {checkLabel(name, t)}
          </List.Item>
        )}
      />
    </div>
  );
}
