import { Button, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { ProblemError, type SystemStatus, useSystemStatus } from '../api';
import { formatInstantShort } from '../time-format';

function StatusDetails({ status }: { status: SystemStatus }) {
  const { t, i18n } = useTranslation();
  const cells = [
    { label: t('home.status.timeZone'), value: status.timeZone },
    { label: t('home.status.serverTime'), value: formatInstantShort(status.now, i18n.language, status.timeZone) },
    { label: t('home.status.version'), value: status.version },
  ];
  return (
    <>
      <p className="status-line" data-testid="service-status-line">
        <span className="status-dot status-dot-ok" />
        <span>{t('home.status.healthy')}</span>
        <span className="status-separator">·</span>
        <span data-testid="business-date">{t('home.status.businessDate', { date: status.businessDate })}</span>
      </p>
      <dl className="status-cells">
        {cells.map((cell) => (
          <div key={cell.label} className="status-cell">
            <dt>{cell.label}</dt>
            <dd>{cell.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function StatusError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  const reason = error instanceof ProblemError ? error.problem.title : t('home.status.networkError');
  return (
    <div className="status-error" role="alert">
      <p className="status-line">
        <span className="status-dot status-dot-error" />
        <span>{t('home.status.unavailable')}</span>
      </p>
      <p className="status-error-reason">{reason}</p>
      <Button size="mini" shape="rounded" color="primary" fill="outline" onClick={onRetry}>
        {t('home.status.retry')}
      </Button>
    </div>
  );
}

/** Live platform status from `GET /v1/system/status`. */
export function ServiceStatusCard() {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = useSystemStatus();
  return (
    <section className="card" data-testid="service-status" aria-busy={isPending}>
      <h2 className="card-title">{t('home.status.title')}</h2>
      {isPending && (
        <div role="status" aria-label={t('common.loading')}>
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={2} animated />
        </div>
      )}
      {error && <StatusError error={error} onRetry={() => void refetch()} />}
      {data && <StatusDetails status={data} />}
    </section>
  );
}
