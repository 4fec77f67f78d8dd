// One installment order for staff: the annualised rate first, the summary, how late it is (days past
// due, bucket, overdue principal, the penalty accrued, billed and owed, each penalty line with a waiver
// request, the bucket history; cancel before shipment), the schedule
// with each period's bill, the payments, the prepayments and every ledger posting of the order.
import { Alert, Card, Descriptions, Space, Spin, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { ReferencePostingsTable } from '../../components/PostingsTable';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import { type InstallmentOrderDetail, useInstallmentOrderDetail } from '../../installments-api';
import { openLabel } from '../../shipments-api';
import { CarrierName, DirectionTag, ShipmentStateTag } from '../logistics/shipment-parts';
import { FunderCard } from './FunderCard';
import { percent2, StatusTag } from './installment-parts';
import { BucketHistory, CancelOrderButton, ParcelLostButton, PenaltyLines } from './OverdueActions';

type Detail = InstallmentOrderDetail;
type ScheduleRow = Detail['order']['schedule'][number];
type PaymentRow = Detail['payments'][number];
type AutoDebitRow = Detail['autoDebitAttempts'][number];
type PrepaymentRow = Detail['order']['prepayments'][number];

const BILL_STATUS_COLOURS: Record<string, string> = {
  unbilled: 'default',
  open: 'blue',
  overdue: 'red',
  paid: 'green',
  waived: 'default',
};

export function InstallmentOrderPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const detail = useInstallmentOrderDetail(id);
  const format = useInstantFormatter();
  const money = useMoney();
  const d = detail.data;
  const o = d?.order;
  const right = 'right' as const;
  const scheduleColumns: TableColumnsType<ScheduleRow> = [
    { title: t('installments.detail.columns.period'), dataIndex: 'period', width: 60 },
    { title: t('installments.detail.columns.dueDate'), dataIndex: 'dueDate', width: 110 },
    { title: t('installments.detail.columns.payment'), dataIndex: 'paymentMinor', align: right, render: money },
    { title: t('installments.detail.columns.principal'), dataIndex: 'principalMinor', align: right, render: money },
    { title: t('installments.detail.columns.interest'), dataIndex: 'interestMinor', align: right, render: money },
    { title: t('installments.detail.columns.fee'), dataIndex: 'feeMinor', align: right, render: money },
    {
      title: t('installments.detail.columns.balanceAfter'),
      dataIndex: 'balanceAfterMinor',
      align: right,
      render: money,
    },
    {
      title: t('installments.detail.columns.billStatus'),
      dataIndex: 'billStatus',
      width: 120,
      render: (status: string | null) => {
        const key = status ?? 'unbilled';
        return <Tag color={BILL_STATUS_COLOURS[key] ?? 'default'}>{t(`installments.billStatuses.${key}`, key)}</Tag>;
      },
    },
  ];
  const paymentColumns: TableColumnsType<PaymentRow> = [
    { title: t('installments.detail.columns.paidAt'), dataIndex: 'paidAt', width: 170, render: (at) => format(at) },
    {
      title: t('installments.detail.columns.kind'),
      dataIndex: 'kind',
      render: (kind: PaymentRow['kind'], row) =>
        `${t(`installments.billKinds.${kind}`)}${kind === 'period' ? ` ${row.sequence}` : ''}`,
    },
    {
      title: t('installments.detail.columns.method'),
      dataIndex: 'method',
      render: (m: string) => t(`installments.channels.${m}`, m),
    },
    { title: t('installments.detail.columns.amount'), dataIndex: 'amountMinor', align: right, render: money },
  ];
  const autoDebitColumns: TableColumnsType<AutoDebitRow> = [
    { title: t('installments.detail.autoDebitColumns.period'), dataIndex: 'period', width: 60 },
    {
      title: t('installments.detail.autoDebitColumns.attempt'),
      dataIndex: 'attempt',
      width: 110,
      render: (n: number) =>
        n === 0
          ? t('installments.detail.autoDebitAttempt.due')
          : t('installments.detail.autoDebitAttempt.retry', { n }),
    },
    { title: t('installments.detail.autoDebitColumns.date'), dataIndex: 'date', width: 110 },
    {
      title: t('installments.detail.autoDebitColumns.result'),
      dataIndex: 'state',
      render: (state: string) => (
        <Tag color={state === 'succeeded' ? 'green' : state === 'failed' ? 'red' : 'default'}>
          {t(`installments.detail.autoDebitStates.${state}`, state)}
        </Tag>
      ),
    },
    { title: t('installments.detail.autoDebitColumns.amount'), dataIndex: 'amountMinor', align: right, render: money },
    {
      title: t('installments.detail.autoDebitColumns.reason'),
      dataIndex: 'failureReason',
      render: (r: string | null) => (r ? <code>{r}</code> : '—'),
    },
    {
      title: t('installments.detail.autoDebitColumns.payment'),
      dataIndex: 'paymentId',
      render: (id: string) => (
        <Link to={`/finance/payments/${id}`}>
          <code>{id}</code>
        </Link>
      ),
    },
  ];
  const prepaymentColumns: TableColumnsType<PrepaymentRow> = [
    { title: t('installments.detail.columns.effectiveDate'), dataIndex: 'effectiveDate', width: 110 },
    {
      title: t('installments.detail.columns.strategy'),
      dataIndex: 'strategy',
      render: (s: PrepaymentRow['strategy']) => t(`installments.strategies.${s}`),
    },
    { title: t('installments.detail.columns.principal'), dataIndex: 'principalMinor', align: right, render: money },
    { title: t('installments.detail.columns.interest'), dataIndex: 'interestMinor', align: right, render: money },
    { title: t('installments.detail.columns.fee'), dataIndex: 'feeMinor', align: right, render: money },
    { title: t('installments.detail.columns.total'), dataIndex: 'totalMinor', align: right, render: money },
  ];
  return (
    <div className="page" data-testid="installment-order-page">
      <PageHeader
        title={t('installments.detail.title', { id })}
        extra={
          d ? (
            <Space>
              <ParcelLostButton detail={d} />
              <CancelOrderButton detail={d} />
            </Space>
          ) : undefined
        }
      />
      {detail.isPending && <Spin />}
      {detail.error && <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {d && o && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card>
            <Space size="large" align="start" wrap>
              <Statistic
                title={t('installments.detail.apr')}
                value={percent2(o.aprSimpleBps)}
                valueStyle={{ fontSize: 32, fontWeight: 700 }}
              />
              <Statistic title={t('installments.detail.aprCompound')} value={percent2(o.aprCompoundBps)} />
              <StatusTag status={o.status} t={t} />
            </Space>
            <Descriptions column={3} size="small" style={{ marginTop: 16 }} data-testid="installment-summary">
              <Descriptions.Item label={t('installments.detail.device')}>{o.deviceName}</Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.customer')}>
                <NamedId name={null} id={o.customerId} />
              </Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.contract')}>
                {o.contractId ? <Link to={`/contracts/${o.contractId}`}>{o.contractId}</Link> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.price')}>{money(o.priceMinor)}</Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.down')}>{money(o.downPaymentMinor)}</Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.financed')}>{money(o.principalMinor)}</Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.terms')}>
                {t('installments.detail.termsValue', {
                  count: o.termMonths,
                  method: t(`installments.methods.${o.method}`),
                  rate: percent2(o.annualRateBps),
                })}
              </Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.paid')}>
                {o.paidPeriods}/{o.schedule.length}
              </Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.balance')}>{money(o.balanceMinor)}</Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.signedAt')}>{format(o.signedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.activatedOn')}>{o.activatedOn ?? '—'}</Descriptions.Item>
              {o.paidOffOn && (
                <Descriptions.Item label={t('installments.detail.paidOffOn')}>{o.paidOffOn}</Descriptions.Item>
              )}
              {o.cancelledAt && (
                <Descriptions.Item label={t('installments.detail.cancelled')}>
                  {format(o.cancelledAt)} · {money(o.refundedMinor)}
                </Descriptions.Item>
              )}
              {d.cancelReason && (
                <Descriptions.Item label={t('installments.detail.cancelReason')}>
                  {/* A reason the system gave is translated; what staff or the customer typed is data. */}
                  {d.cancelReason.code !== null ? (
                    <span data-testid="installment-cancel-reason" data-code={d.cancelReason.code}>
                      {t(`installments.detail.cancelReasons.${d.cancelReason.code}`)}
                    </span>
                  ) : (
                    <span data-testid="installment-cancel-reason" data-user-content>
                      {d.cancelReason.text}
                    </span>
                  )}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={t('installments.detail.phone.title')} data-testid="installment-phone">
            <Descriptions column={3} size="small">
              <Descriptions.Item label={t('installments.detail.phone.fulfilment')}>
                {o.fulfilment === null ? '—' : <Tag>{t(`installments.detail.phone.states.${o.fulfilment}`)}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.phone.unit')}>
                {o.unitId === null ? '—' : <code data-testid="installment-unit">{o.unitId}</code>}
              </Descriptions.Item>
              <Descriptions.Item label="IMEI">
                {o.imei === null ? '—' : <code data-testid="installment-imei">{o.imei}</code>}
              </Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.phone.shippedAt')}>
                {format(o.shippedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.phone.deliveredAt')}>
                {format(o.deliveredAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('installments.detail.phone.ownedAt')}>
                {format(o.ownershipTransferredAt)}
              </Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="shipmentId"
              size="small"
              style={{ marginTop: 12 }}
              dataSource={d.parcels}
              pagination={false}
              locale={{ emptyText: t('installments.detail.phone.noParcel') }}
              data-testid="installment-parcels"
              columns={[
                {
                  title: t('installments.detail.phone.waybill'),
                  dataIndex: 'waybillNo',
                  render: (w: string) => <code>{w}</code>,
                },
                {
                  title: t('installments.detail.phone.carrier'),
                  dataIndex: 'carrier',
                  render: (c: string) => <CarrierName code={c} />,
                },
                {
                  title: t('installments.detail.phone.direction'),
                  dataIndex: 'direction',
                  render: (_: unknown, p) => <DirectionTag direction={p.direction} />,
                },
                {
                  title: t('installments.detail.phone.state'),
                  dataIndex: 'state',
                  render: (_: unknown, p) => <ShipmentStateTag state={p.state} />,
                },
                {
                  title: t('installments.detail.phone.createdAt'),
                  dataIndex: 'createdAt',
                  render: (v: string) => format(v),
                },
                {
                  title: t('installments.detail.phone.label'),
                  key: 'actions',
                  render: (_: unknown, p) => (
                    <Typography.Link onClick={() => void openLabel(p.shipmentId)}>
                      {t('installments.detail.phone.label')}
                    </Typography.Link>
                  ),
                },
              ]}
            />
          </Card>
          <Card
            title={t('installments.detail.overdue')}
            extra={t('installments.detail.asOf', { date: d.overdue.asOfDate })}
            data-testid="installment-overdue"
          >
            <Space size="large" wrap>
              <Statistic title={t('installments.detail.daysPastDue')} value={d.overdue.daysPastDue} />
              <Statistic
                title={t('installments.detail.bucket')}
                value={d.overdue.bucket ?? t('installments.detail.current')}
                valueStyle={d.overdue.bucket ? { color: '#cf1322' } : undefined}
              />
              <Statistic
                title={t('installments.detail.overduePeriods')}
                value={d.overdue.overduePeriods.length > 0 ? d.overdue.overduePeriods.join(', ') : '—'}
              />
              <Statistic
                title={t('installments.detail.overduePrincipal')}
                value={money(d.overdue.overduePrincipalMinor)}
              />
              <Statistic
                title={t('installments.detail.penaltyRate')}
                value={percent2(d.overdue.penaltyAnnualRateBps)}
              />
              <Statistic title={t('installments.detail.penalty')} value={money(d.overdue.penaltyAccruedMinor)} />
              <Statistic title={t('installments.detail.penaltyBilled')} value={money(d.overdue.penaltyBilledMinor)} />
              <Statistic
                title={t('installments.detail.penaltyOwed')}
                value={money(d.overdue.penaltyOutstandingMinor)}
                data-testid="installment-penalty-owed"
              />
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('installments.detail.penaltyHint')}
            </Typography.Paragraph>
          </Card>
          <PenaltyLines detail={d} />
          <BucketHistory detail={d} />
          <Card title={t('installments.detail.schedule')}>
            <Table
              rowKey="period"
              size="small"
              pagination={false}
              columns={scheduleColumns}
              dataSource={o.schedule}
              data-testid="installment-schedule"
            />
          </Card>
          <Card title={t('installments.detail.payments')}>
            <Table
              rowKey={(r) => `${r.billId}-${r.paidAt}`}
              size="small"
              pagination={false}
              columns={paymentColumns}
              dataSource={d.payments}
              locale={{ emptyText: t('installments.detail.noPayments') }}
              data-testid="installment-payments"
            />
          </Card>
          <Card title={t('installments.detail.autoDebit')}>
            <Typography.Paragraph type="secondary">{t('installments.detail.autoDebitHint')}</Typography.Paragraph>
            <Table
              rowKey={(r) => `${r.billId}-${r.attempt}`}
              size="small"
              pagination={false}
              columns={autoDebitColumns}
              dataSource={d.autoDebitAttempts}
              locale={{ emptyText: t('installments.detail.noAutoDebit') }}
              data-testid="installment-auto-debit-attempts"
            />
          </Card>
          {o.prepayments.length > 0 && (
            <Card title={t('installments.detail.prepayments')}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                columns={prepaymentColumns}
                dataSource={o.prepayments}
              />
            </Card>
          )}
          <FunderCard detail={d} />
          <Card title={t('installments.detail.postings')}>
            <ReferencePostingsTable
              rows={d.postings}
              emptyText={t('installments.detail.noPostings')}
              testId="installment-postings"
            />
          </Card>
          <Alert type="info" showIcon message={t('installments.detail.noActions')} />
        </Space>
      )}
    </div>
  );
}
