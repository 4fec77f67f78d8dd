import { Button, Card, Descriptions, Space, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { postingRowOf, ReferencePostingsTable } from '../../components/PostingsTable';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type PaymentDetail,
  type PaymentRefund,
  type PaymentState,
  type RefundState,
  usePayment,
} from '../../payments-api';
import { RefundFlow } from './RefundFlow';

type Change = PaymentDetail['changes'][number];

const STATE_COLORS: Record<PaymentState, string> = {
  created: 'default',
  pending: 'processing',
  succeeded: 'success',
  failed: 'error',
  closed: 'default',
  unknown: 'warning',
};
const PURPOSES = ['rental.first_payment', 'billing.bill', 'wallet.top_up'] as const;

/** What a payment is for, in the console's language (a purpose it does not know keeps its code). */
export function usePurposeName(): (purpose: string) => string {
  const { t } = useTranslation();
  return (purpose) =>
    (PURPOSES as readonly string[]).includes(purpose)
      ? t(`payments.purposes.${purpose as (typeof PURPOSES)[number]}`)
      : purpose;
}
const SOURCES = [
  'create',
  'submit',
  'callback',
  'janitor',
  'query',
  'close',
  'reconciliation',
  'agreement_charge',
  'sandbox_seed',
] as const;

/** One payment: amount, channel, payer, what it paid for, its state history, refunds, postings, and the refund action. */
export function PaymentDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const detail = usePayment(id);
  const format = useInstantFormatter();
  const money = useMoney();
  const canRefund = useCan('payments.refund');
  const [refunding, setRefunding] = useState(false);
  const d = detail.data;
  const p = d?.payment;

  const purposeName = usePurposeName();
  // A callback's source names its inbox message (`callback:<id>`): the kind is what staff read.
  const sourceName = (source: string) => {
    const kind = source.split(':')[0] ?? source;
    return (SOURCES as readonly string[]).includes(kind) ? (
      t(`payments.detail.sources.${kind as (typeof SOURCES)[number]}`)
    ) : (
      <code>{source}</code>
    );
  };

  const changeColumns: TableColumnsType<Change> = [
    { title: t('payments.detail.historyColumns.at'), dataIndex: 'at', width: 180, render: (at) => format(at) },
    {
      title: t('payments.detail.historyColumns.change'),
      key: 'change',
      render: (_, c) => (
        <Space size={4}>
          <Tag color={STATE_COLORS[c.fromState]}>{t(`payments.states.${c.fromState}`)}</Tag>→
          <Tag color={STATE_COLORS[c.toState]}>{t(`payments.states.${c.toState}`)}</Tag>
        </Space>
      ),
    },
    { title: t('payments.detail.historyColumns.source'), dataIndex: 'source', width: 160, render: sourceName },
  ];
  const refundColumns: TableColumnsType<PaymentRefund> = [
    {
      title: t('payments.detail.refundColumns.createdAt'),
      dataIndex: 'createdAt',
      width: 180,
      render: (at) => format(at),
    },
    { title: t('payments.detail.refundColumns.amount'), dataIndex: 'amountMinor', width: 120, render: (a) => money(a) },
    { title: t('payments.detail.refundColumns.reason'), dataIndex: 'reason' },
    {
      title: t('payments.detail.refundColumns.state'),
      dataIndex: 'state',
      width: 120,
      render: (s: RefundState) => <Tag>{t(`payments.refunds.states.${s}`)}</Tag>,
    },
    {
      title: t('payments.detail.refundColumns.requestedBy'),
      key: 'requestedBy',
      width: 140,
      render: (_, r) => <NamedId name={r.requestedByName} id={r.requestedBy} testId="payment-refund-requested-by" />,
    },
    {
      // The second staff member who approved or rejected it (maker-checker); blank below the threshold.
      title: t('payments.detail.refundColumns.approvedBy'),
      key: 'approvedBy',
      width: 140,
      render: (_, r) =>
        r.approvedBy ? <NamedId name={r.approvedByName} id={r.approvedBy} testId="payment-refund-approved-by" /> : '—',
    },
  ];

  return (
    <div className="page" data-testid="payment-detail-page">
      <PageHeader
        title={t('payments.detail.title', { id: id?.slice(-8) ?? '' })}
        subtitle={p ? `${money(p.amountMinor)} · ${t(`payments.channels.${p.channel}`)}` : undefined}
        extra={
          <Space>
            {p && canRefund && p.state === 'succeeded' && p.refundableMinor > 0 && (
              <Button type="primary" onClick={() => setRefunding(true)} data-testid="payment-refund">
                {t('payments.detail.refund')}
              </Button>
            )}
            <Button onClick={() => navigate('/finance/payments')}>{t('payments.detail.back')}</Button>
          </Space>
        }
      />
      {detail.error && <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.isPending && <Spin />}
      {d && p && (
        <>
          <Card title={t('payments.detail.overview')}>
            <Descriptions column={2} size="small" bordered data-testid="payment-overview">
              <Descriptions.Item label={t('payments.detail.fields.amount')}>
                <Typography.Text strong>{money(p.amountMinor)}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.state')}>
                <Tag color={STATE_COLORS[p.state]}>{t(`payments.states.${p.state}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.channel')}>
                {t(`payments.channels.${p.channel}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.customer')}>
                <NamedId name={d.customerLabel} id={p.customerId} testId="payment-customer" />
              </Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.what')} span={2}>
                <Space size={6} wrap>
                  <span data-testid="payment-purpose">{purposeName(p.purpose)}</span>
                  {/* The subject sent to the channel, as the payer's receipt shows it: data, in the language it was sent in. */}
                  <span data-user-content>· {p.description}</span>
                  {p.purpose === 'rental.first_payment' ? (
                    <Link to={`/orders/${p.reference}`} data-testid="payment-order-link">
                      {t('payments.detail.openOrder')}
                    </Link>
                  ) : (
                    <Typography.Text type="secondary" className="mono-cell">
                      {p.reference}
                    </Typography.Text>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.refunded')}>
                {money(p.refundedMinor)}
              </Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.refundable')}>
                {money(p.refundableMinor)}
              </Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.createdAt')}>{format(p.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.completedAt')}>
                {format(p.completedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.outTradeNo')}>
                <Typography.Text className="mono-cell" copyable>
                  {p.outTradeNo}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('payments.detail.fields.channelTradeNo')}>
                {p.channelTradeNo ? <Typography.Text className="mono-cell">{p.channelTradeNo}</Typography.Text> : '—'}
              </Descriptions.Item>
              {p.failureReason && (
                <Descriptions.Item label={t('payments.detail.fields.failureReason')} span={2}>
                  {p.failureReason}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={t('payments.detail.history')}>
            <Table<Change>
              rowKey={(c) => `${c.at}-${c.toState}`}
              size="small"
              columns={changeColumns}
              dataSource={d.changes}
              pagination={false}
              locale={{ emptyText: t('payments.detail.historyEmpty') }}
              data-testid="payment-history"
            />
          </Card>
          <Card title={t('payments.detail.refunds')}>
            <Table<PaymentRefund>
              rowKey="id"
              size="small"
              columns={refundColumns}
              dataSource={d.refunds}
              pagination={false}
              locale={{ emptyText: t('payments.detail.refundsEmpty') }}
              data-testid="payment-refunds"
            />
          </Card>
          <Card title={t('payments.detail.transfers')}>
            <ReferencePostingsTable
              rows={d.transfers.map(postingRowOf)}
              emptyText={t('payments.detail.transfersEmpty')}
              testId="payment-transfers"
            />
          </Card>
          {refunding && (
            <RefundFlow
              payment={{ ...d.payment, customerLabel: d.customerLabel }}
              onClose={() => setRefunding(false)}
            />
          )}
        </>
      )}
    </div>
  );
}
