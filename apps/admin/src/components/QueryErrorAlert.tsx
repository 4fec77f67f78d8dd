import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api';

/** A failed query: the problem document's title, and a retry. */
export function QueryErrorAlert({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  const reason = error instanceof ProblemError ? error.problem.title : t('status.networkError');
  return (
    <Alert
      type="error"
      showIcon
      title={t('status.loadFailed')}
      description={reason}
      action={
        <Button size="small" onClick={onRetry}>
          {t('status.retry')}
        </Button>
      }
    />
  );
}
