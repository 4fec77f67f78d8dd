// The customer's auto-debit agreements on the rental order page (staff have no other agreement
// view): state and since when, and for an unsign the customer asked for and the channel has not
// confirmed, when it was asked, the failed attempts, the channel's last error and whether staff
// were alerted (after 24 h; docs/payments.md "Auto-debit agreements"). Staff with payments.refund
// may ask the channel again at once ("retry unsign now", audited) instead of waiting for the sweep.
import { App as AntdApp, Button, Card, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { type StaffAgreement, useCustomerAgreements, useRetryUnsign } from '../../payments-api';

const STATE_COLOURS: Record<StaffAgreement['state'], string> = {
  signing: 'processing',
  active: 'success',
  unsigned: 'default',
  failed: 'error',
  expired: 'default',
};

export function AgreementsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const mayRead = useCan('payments.read');
  const agreements = useCustomerAgreements(customerId, mayRead);
  const mayRetry = useCan('payments.refund');
  const retry = useRetryUnsign();
  const { message } = AntdApp.useApp();
  if (!mayRead) return null;
  const columns: TableColumnsType<StaffAgreement> = [
    {
      title: t('orders.detail.agreements.state'),
      dataIndex: 'state',
      width: 170,
      render: (state: StaffAgreement['state'], a) => (
        <Space size={4} wrap>
          <Tag color={STATE_COLOURS[state]}>{t(`orders.detail.agreements.states.${state}`)}</Tag>
          {a.unsignRequestedAt && (
            <Tag color={a.unsignAlertedAt ? 'error' : 'warning'} data-testid={`order-agreement-unsign-${a.id}`}>
              {t('orders.detail.agreements.unsignPending')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('orders.detail.agreements.since'), dataIndex: 'stateSince', width: 170, render: (at) => format(at) },
    {
      title: t('orders.detail.agreements.cap'),
      dataIndex: 'perChargeMaxMinor',
      width: 110,
      render: (a: number) => money(a),
    },
    {
      title: t('orders.detail.agreements.unsign'),
      key: 'unsign',
      render: (_, a) =>
        a.unsignRequestedAt ? (
          <Space direction="vertical" size={0}>
            <span>{t('orders.detail.agreements.askedAt', { at: format(a.unsignRequestedAt) })}</span>
            <span>{t('orders.detail.agreements.attempts', { count: a.unsignAttempts })}</span>
            {a.unsignLastError && (
              <Typography.Text type="danger">
                {t('orders.detail.agreements.lastError', { error: a.unsignLastError })}
              </Typography.Text>
            )}
            {a.unsignAlertedAt && (
              <Typography.Text type="danger" strong>
                {t('orders.detail.agreements.alerted', { at: format(a.unsignAlertedAt) })}
              </Typography.Text>
            )}
            {mayRetry && (
              <Popconfirm
                title={t('orders.detail.agreements.retryUnsignConfirm')}
                onConfirm={() =>
                  retry
                    .mutateAsync(a.id)
                    .then(() => void message.success(t('orders.detail.agreements.retryUnsignDone')))
                    .catch(
                      (error: unknown) =>
                        void message.error(
                          error instanceof ProblemError ? error.problem.title : t('status.networkError'),
                        ),
                    )
                }
              >
                <Button size="small" loading={retry.isPending} data-testid={`order-agreement-retry-unsign-${a.id}`}>
                  {t('orders.detail.agreements.retryUnsign')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('orders.detail.agreements.lastChecked'),
      dataIndex: 'lastCheckedAt',
      width: 170,
      render: (at: string | null) => (at ? format(at) : '—'),
    },
  ];
  return (
    <Card title={t('orders.detail.agreements.title')}>
      {agreements.error && <QueryErrorAlert error={agreements.error} onRetry={() => void agreements.refetch()} />}
      <Table<StaffAgreement>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={agreements.data?.data ?? []}
        loading={agreements.isPending}
        pagination={false}
        locale={{ emptyText: t('orders.detail.agreements.empty') }}
        data-testid="order-agreements"
      />
    </Card>
  );
}
