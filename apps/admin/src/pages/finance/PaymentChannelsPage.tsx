import { Alert, Card, Col, Descriptions, Row, Spin, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { type ChannelHealth, useChannelHealth } from '../../payments-api';

const STATUS_COLORS: Record<ChannelHealth['status'], string> = { ok: 'success', attention: 'warning', down: 'error' };

/** Whether each payment channel can take payments now, and what a person should look at (read-only). */
export function PaymentChannelsPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const health = useChannelHealth();

  return (
    <div className="page" data-testid="payment-channels-page">
      <PageHeader title={t('payments.health.title')} subtitle={t('payments.health.subtitle')} />
      {health.error && <QueryErrorAlert error={health.error} onRetry={() => void health.refetch()} />}
      {health.isPending && <Spin />}
      {health.data && (
        <>
          <Typography.Paragraph type="secondary">
            {t('payments.health.generatedAt', { at: format(health.data.generatedAt) })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {health.data.data.map((channel) => (
              <Col key={channel.channel} xs={24} xl={12}>
                <ChannelCard health={channel} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </div>
  );
}

function ChannelCard({ health }: { health: ChannelHealth }) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const canReadInbox = useCan('ops.read');
  const canReconcile = useCan('reconciliation.read');
  const { breaker, window } = health;
  const breakerText =
    breaker.state === 'open'
      ? t('payments.health.breaker.open', { seconds: breaker.retryAfterSeconds })
      : t(`payments.health.breaker.${breaker.state}`);

  return (
    <Card
      data-testid={`channel-health-${health.channel}`}
      title={
        <span>
          {t(`payments.channels.${health.channel}`)}{' '}
          <Tag color={STATUS_COLORS[health.status]} data-testid={`channel-health-${health.channel}-status`}>
            {t(`payments.health.status.${health.status}`)}
          </Tag>
          <Tag>{t(`payments.health.modes.${health.mode}`)}</Tag>
        </span>
      }
    >
      {health.attention.length > 0 && (
        <Alert
          className="page-alert"
          type={health.status === 'down' ? 'error' : 'warning'}
          showIcon
          message={t('payments.health.attentionTitle')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid={`channel-health-${health.channel}-attention`}>
              {health.attention.map((a) =>
                a === 'suspense_parked' ? (
                  <li key={a} data-testid={`channel-health-${health.channel}-suspense`}>
                    {t('payments.health.attention.suspense_parked', {
                      count: health.suspense.count,
                      amount: money(health.suspense.amountMinor),
                    })}
                    <ul style={{ paddingLeft: 18 }}>
                      {health.suspense.recent.map((p) => (
                        <li key={p.channelTradeNo}>
                          {t('payments.health.suspenseLine', {
                            amount: money(p.amountMinor),
                            channelTradeNo: p.channelTradeNo,
                            outTradeNo: p.outTradeNo,
                            at: format(p.parkedAt),
                          })}
                        </li>
                      ))}
                    </ul>
                  </li>
                ) : (
                  <li key={a}>{t(`payments.health.attention.${a}`)}</li>
                ),
              )}
            </ul>
          }
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('payments.health.window.title', { from: format(window.from) })}
      </Typography.Title>
      <Row gutter={[16, 8]}>
        <Col span={6}>
          <Statistic title={t('payments.health.window.created')} value={window.created} />
        </Col>
        <Col span={6}>
          <Statistic title={t('payments.health.window.succeeded')} value={window.succeeded} />
        </Col>
        <Col span={6}>
          <Statistic title={t('payments.health.window.failed')} value={window.failed} />
          {window.refusedByPayer > 0 && (
            <Typography.Text type="secondary" data-testid={`channel-health-${health.channel}-refused-by-payer`}>
              {t('payments.health.window.refusedByPayer', { count: window.refusedByPayer })}
            </Typography.Text>
          )}
        </Col>
        <Col span={6}>
          <Statistic title={t('payments.health.window.closed')} value={window.closed} />
        </Col>
        <Col span={6}>
          <Statistic title={t('payments.health.window.open')} value={window.open} />
        </Col>
        <Col span={9}>
          <Statistic title={t('payments.health.window.amount')} value={money(window.succeededMinor)} />
        </Col>
        <Col span={9}>
          <Tooltip title={t('payments.health.window.rateHint')}>
            <Statistic
              title={t('payments.health.window.rate')}
              value={window.successRatePct === null ? t('payments.health.window.noRate') : `${window.successRatePct}%`}
              valueStyle={window.successRatePct === null ? { fontSize: 16 } : undefined}
            />
          </Tooltip>
        </Col>
      </Row>
      <Descriptions column={1} size="small" style={{ marginTop: 16 }} bordered>
        <Descriptions.Item label={t('payments.health.breaker.title')}>
          <div data-testid={`channel-health-${health.channel}-breaker`}>{breakerText}</div>
          {breaker.consecutiveFailures > 0 && (
            <Typography.Text type="secondary">
              {t('payments.health.breaker.failures', { count: breaker.consecutiveFailures })}
            </Typography.Text>
          )}
          {breaker.lastFailure && breaker.consecutiveFailures > 0 && (
            <div>
              <Typography.Text type="secondary">{t('payments.health.breaker.lastFailure')}</Typography.Text>{' '}
              <Typography.Text code data-user-content>
                {breaker.lastFailure}
              </Typography.Text>
            </div>
          )}
        </Descriptions.Item>
        {window.topFailures.length > 0 && (
          <Descriptions.Item label={t('payments.health.window.topFailures')}>
            {window.topFailures.map((f) => (
              <div key={f.reason}>
                <Tag color={f.side === 'payer' ? 'default' : 'orange'}>
                  {t(`payments.health.window.side.${f.side}`)}
                </Tag>
                <Typography.Text code data-user-content>
                  {f.reason || '—'}
                </Typography.Text>{' '}
                × {f.count}
              </div>
            ))}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('payments.health.unknownNow')}>
          <span data-testid={`channel-health-${health.channel}-unknown`}>{health.unknownNow}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('payments.health.lastSucceededAt')}>
          {health.lastSucceededAt ? format(health.lastSucceededAt) : t('payments.health.never')}
        </Descriptions.Item>
        <Descriptions.Item label={t('payments.health.callbacksTitle')}>
          {t('payments.health.callbacks', health.callbacks)}
          {canReadInbox && (health.callbacks.pending > 0 || health.callbacks.dead > 0) && (
            <>
              {' '}
              <Link to="/ops/inbox">{t('payments.health.openInbox')}</Link>
            </>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('payments.health.reconciliation')}>
          {health.lastReconciliation
            ? t('payments.health.reconciliationLine', {
                date: health.lastReconciliation.businessDate,
                count: health.lastReconciliation.mismatchCount,
              })
            : t('payments.health.noReconciliation')}
          {canReconcile && health.lastReconciliation && (
            <>
              {' '}
              <Link to="/finance/reconciliation">{t('payments.health.openReconciliation')}</Link>
            </>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
