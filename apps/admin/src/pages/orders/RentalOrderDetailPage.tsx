import {
  App as AntdApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ProblemError } from '../../api';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { postingRowOf, ReferencePostingsTable } from '../../components/PostingsTable';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { type OrderDetail, useCancelRentalOrder, useRentalOrderDetail } from '../../orders-api';
import { evidenceKindName } from '../contracts/contract-parts';
import { AgreementsCard } from './AgreementsCard';
import { FaultPanel } from './FaultPanel';
import { OrderStateTag } from './order-parts';

/** The states in which the order is at the returns desk: with the courier, at the warehouse, settled. */
const deskStates = new Set<string>(['returning', 'inspecting', 'settled']);

type Bill = OrderDetail['bills'][number];
type Payment = OrderDetail['payments'][number];
type Evidence = OrderDetail['evidence'][number];

/** The evidence kinds of an order's log the console names here (the contract's own are named by contract-parts). */
const ORDER_EVIDENCE = [
  'risk.decision_made',
  'risk.device_command_requested',
  'risk.device_command_answered',
  'rental.order_transitioned',
  'rental.reminder_sent',
  'payments.payment_succeeded',
  'payments.payment_failed',
  'payments.refund_changed',
  'payments.authorisation_changed',
  'logistics.shipment_created',
  'logistics.shipment_scanned',
  'logistics.shipment_delivered',
  'logistics.shipment_exception',
  'logistics.shipment_returned',
] as const;

const BILL_COLOURS: Record<Bill['status'], string> = {
  open: 'processing',
  overdue: 'error',
  paid: 'success',
  waived: 'default',
};

/** One rental order: who, what, the money, its timeline, bills, payments, postings and evidence, and what staff may do now. */
export function RentalOrderDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const detail = useRentalOrderDetail(id);
  const format = useInstantFormatter();
  const money = useMoney();
  const mayWrite = useCan('orders.write');
  const [cancelling, setCancelling] = useState(false);
  const d = detail.data;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const outcomeName = (o: string | null) =>
    o === 'approve' || o === 'review' || o === 'block_and_review' || o === 'reject'
      ? t(`risk.outcomes.${o}`)
      : (o ?? '—');
  const channelName = (c: string) => (c === 'alipay' || c === 'wechatpay' ? t(`payments.channels.${c}`) : c);
  const purposeName = (p: string) =>
    p === 'rental.first_payment' || p === 'billing.bill' || p === 'wallet.top_up' ? t(`payments.purposes.${p}`) : p;

  const billColumns: TableColumnsType<Bill> = [
    { title: t('orders.detail.billColumns.period'), dataIndex: 'period', width: 70 },
    { title: t('orders.detail.billColumns.title'), dataIndex: 'title' },
    { title: t('orders.detail.billColumns.dueDate'), dataIndex: 'dueDate', width: 120 },
    { title: t('orders.detail.billColumns.amount'), dataIndex: 'amountMinor', width: 110, render: (a) => money(a) },
    { title: t('orders.detail.billColumns.paid'), dataIndex: 'paidMinor', width: 110, render: (a) => money(a) },
    {
      title: t('orders.detail.billColumns.outstanding'),
      dataIndex: 'outstandingMinor',
      width: 110,
      render: (a) => money(a),
    },
    {
      title: t('orders.detail.billColumns.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: Bill['status']) => <Tag color={BILL_COLOURS[s]}>{t(`orders.detail.billStatus.${s}`)}</Tag>,
    },
  ];
  const paymentColumns: TableColumnsType<Payment> = [
    {
      title: t('orders.detail.paymentColumns.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at) => format(at),
    },
    {
      title: t('orders.detail.paymentColumns.channel'),
      dataIndex: 'channel',
      width: 120,
      render: (c: string, p) => (
        <Space size={4}>
          {channelName(c)}
          {p.agreement && <Tag>{t('orders.detail.autoDebit')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('orders.detail.paymentColumns.what'),
      dataIndex: 'purpose',
      render: (purpose: string, p) => (
        <Link to={`/finance/payments/${p.id}`} data-testid={`order-payment-${p.id}`}>
          {purposeName(purpose)} · {p.description}
        </Link>
      ),
    },
    { title: t('orders.detail.paymentColumns.amount'), dataIndex: 'amountMinor', width: 110, render: (a) => money(a) },
    {
      title: t('orders.detail.paymentColumns.refunded'),
      dataIndex: 'refundedMinor',
      width: 110,
      render: (a) => money(a),
    },
    {
      title: t('orders.detail.paymentColumns.state'),
      dataIndex: 'state',
      width: 100,
      render: (s: string) =>
        s === 'created' || s === 'pending' || s === 'succeeded' || s === 'failed' || s === 'closed' || s === 'unknown'
          ? t(`payments.states.${s}`)
          : s,
    },
  ];
  const evidenceColumns: TableColumnsType<Evidence> = [
    { title: t('orders.detail.evidenceColumns.seq'), dataIndex: 'seq', width: 70 },
    { title: t('orders.detail.evidenceColumns.at'), dataIndex: 'at', width: 170, render: (at) => format(at) },
    {
      title: t('orders.detail.evidenceColumns.kind'),
      dataIndex: 'kind',
      width: 240,
      render: (kind: string) =>
        (ORDER_EVIDENCE as readonly string[]).includes(kind)
          ? t(`orders.detail.evidenceKinds.${kind as (typeof ORDER_EVIDENCE)[number]}`)
          : evidenceKindName(t, kind),
    },
    {
      title: t('orders.detail.evidenceColumns.subject'),
      dataIndex: 'subject',
      width: 140,
      render: (s: Evidence['subject']) =>
        s.kind === 'contract' || s.kind === 'rental' ? t(`orders.detail.evidenceSubjects.${s.kind}`) : s.kind,
    },
    {
      title: t('orders.detail.evidenceColumns.hash'),
      dataIndex: 'hash',
      render: (h: string) => <Typography.Text className="mono-cell hash-cell">{h.slice(0, 16)}…</Typography.Text>,
    },
  ];

  return (
    <div className="page" data-testid="rental-order-detail-page">
      <PageHeader
        title={t('orders.detail.title', { id: id?.slice(-8) ?? '' })}
        subtitle={d ? `${d.product.name ?? d.product.skuId} · ${d.customer.label ?? d.customer.id}` : undefined}
        extra={
          <Space>
            {d && deskStates.has(d.order.status) && (
              <Link to={`/returns/${d.order.id}`} data-testid="order-returns-desk-link">
                {t('orders.detail.returnsDesk')}
              </Link>
            )}
            <Button onClick={() => navigate('/orders')}>{t('orders.detail.back')}</Button>
          </Space>
        }
      />
      {detail.error && <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.isPending && <Spin />}
      {d && (
        <>
          <Card title={t('orders.detail.overview')}>
            <Descriptions column={3} size="small" bordered data-testid="order-overview">
              <Descriptions.Item label={t('orders.detail.fields.state')}>
                <OrderStateTag state={d.order.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.customerState')} span={2}>
                {d.order.customerState.label[lang]} · {d.order.customerState.copy[lang]}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.customer')}>
                <NamedId name={d.customer.label} id={d.customer.id} testId="order-customer" />
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.product')} span={2}>
                <NamedId name={d.product.name} id={d.product.skuId} testId="order-product" />
                {d.product.conditionLabel ? ` · ${d.product.conditionLabel}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.plan')}>
                {d.plan.termUnit === 'day'
                  ? t('orders.detail.planDays', { count: d.plan.termCount, rent: money(d.plan.rentMinor) })
                  : t('orders.detail.planMonths', {
                      count: d.plan.termCount,
                      rent: money(d.plan.rentMinor),
                      upfront: d.plan.upfrontPeriods,
                    })}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.imei')}>
                {d.unit ? (
                  <Typography.Text className="mono-cell">{d.unit.imei}</Typography.Text>
                ) : (
                  t('orders.detail.noUnit')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.city')}>{d.order.city}</Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.placedAt')}>
                {format(d.order.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.paymentDeadline')}>
                {format(d.order.paymentDeadlineAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.rentStart')}>
                {d.order.rentStartDate ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.contract')}>
                {d.contract ? (
                  <Space size={4}>
                    <Tag>
                      {t(
                        `orders.detail.contractStatus.${d.contract.status as 'draft' | 'signed' | 'superseded' | 'withdrawn'}`,
                      )}
                    </Tag>
                    <Link to={`/contracts/${d.contract.id}`} data-testid="order-contract-link">
                      {t('orders.detail.viewContract')}
                    </Link>
                  </Space>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.detail.fields.decision')} span={2}>
                {outcomeName(d.order.decision.outcome)}
                {d.order.decision.id && (
                  <>
                    {' · '}
                    <Link to={`/risk/decisions/${d.order.decision.id}`} data-testid="order-decision-link">
                      {t('orders.detail.viewDecision')}
                    </Link>
                  </>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t('orders.detail.money')}>
                <Descriptions column={2} size="small" data-testid="order-money">
                  <Descriptions.Item label={t('orders.detail.moneyFields.rent')}>
                    {money(d.order.rentMinor)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.moneyFields.upfront')}>
                    {money(d.order.upfrontMinor)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.moneyFields.addOns')}>
                    {money(d.order.addOnsMinor)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.moneyFields.discount')}>
                    {money(d.order.discountMinor)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.moneyFields.firstPayment')}>
                    <Typography.Text strong>{money(d.order.firstPaymentMinor)}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.moneyFields.buyoutAtEnd')}>
                    {money(d.order.buyoutAtEndMinor)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.moneyFields.deposit')}>
                    {money(d.order.depositMinor)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.moneyFields.waived')}>
                    {money(d.order.depositWaivedMinor)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.moneyFields.toHold')}>
                    {money(d.order.depositToHoldMinor)}
                  </Descriptions.Item>
                  {d.deposit ? (
                    <>
                      <Descriptions.Item label={t('orders.detail.moneyFields.held')}>
                        {money(d.deposit.amountMinor)} ·{' '}
                        {d.deposit.channel === 'wallet'
                          ? t('orders.detail.depositWalletHold')
                          : channelName(d.deposit.channel)}{' '}
                        · {t(`orders.detail.depositState.${d.deposit.state as 'authorised'}`)}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('orders.detail.moneyFields.credit')}>
                        {money(d.deposit.creditMinor)}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('orders.detail.moneyFields.fund')}>
                        {money(d.deposit.fundMinor)}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('orders.detail.moneyFields.captured')}>
                        {money(d.deposit.capturedMinor)}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('orders.detail.moneyFields.released')}>
                        {money(d.deposit.releasedMinor)}
                      </Descriptions.Item>
                    </>
                  ) : (
                    <Descriptions.Item label={t('orders.detail.moneyFields.held')}>
                      {t('orders.detail.noHold')}
                    </Descriptions.Item>
                  )}
                </Descriptions>
              </Card>
              <Card title={t('orders.detail.staffActions')} data-testid="order-staff-actions">
                {mayWrite && d.order.staffActions.includes('cancel') ? (
                  <Button danger onClick={() => setCancelling(true)} data-testid="order-cancel">
                    {t('orders.detail.cancel')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t('orders.detail.noStaffActions')}</Typography.Text>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('orders.detail.timeline')} data-testid="order-timeline">
                {d.timeline.length === 0 ? (
                  <Empty description={t('orders.detail.timelineEmpty')} />
                ) : (
                  <Timeline
                    items={d.timeline.map((e) => ({
                      key: e.seq,
                      children: (
                        <div>
                          <Typography.Text strong>{t(`orders.actions.${e.action as 'submit'}`)}</Typography.Text>{' '}
                          <Typography.Text type="secondary">
                            {t('orders.detail.transition', {
                              from: t(`orders.states.${e.from as 'draft'}`),
                              to: t(`orders.states.${e.to as 'draft'}`),
                            })}
                          </Typography.Text>
                          <br />
                          <Typography.Text type="secondary">
                            {format(e.at)} · {t(`orders.actors.${e.actor as 'system'}`)}
                            {e.actorName ? ` ${e.actorName}` : ''}
                          </Typography.Text>
                        </div>
                      ),
                    }))}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <FaultPanel orderId={d.order.id} mayWrite={mayWrite} />
          <Card title={t('orders.detail.bills')}>
            <Table<Bill>
              rowKey="id"
              size="small"
              columns={billColumns}
              dataSource={d.bills}
              pagination={false}
              locale={{ emptyText: t('orders.detail.billsEmpty') }}
              data-testid="order-bills"
            />
          </Card>
          <Card title={t('orders.detail.payments')}>
            <Table<Payment>
              rowKey="id"
              size="small"
              columns={paymentColumns}
              dataSource={d.payments}
              pagination={false}
              locale={{ emptyText: t('orders.detail.paymentsEmpty') }}
              data-testid="order-payments"
            />
          </Card>
          <AgreementsCard customerId={d.customer.id} />
          <Card title={t('orders.detail.transfers')}>
            <ReferencePostingsTable
              rows={d.transfers.map(postingRowOf)}
              emptyText={t('orders.detail.transfersEmpty')}
              testId="order-transfers"
            />
          </Card>
          <Card title={t('orders.detail.evidence')}>
            <Table<Evidence>
              rowKey="seq"
              size="small"
              columns={evidenceColumns}
              dataSource={d.evidence}
              pagination={false}
              locale={{ emptyText: t('orders.detail.evidenceEmpty') }}
              data-testid="order-evidence"
            />
          </Card>
          {cancelling && <CancelModal detail={d} onClose={() => setCancelling(false)} />}
        </>
      )}
    </div>
  );
}

/** Cancelling names the refund it sends (amount, from, to) before it is sent. */
function CancelModal({ detail, onClose }: { detail: OrderDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelRentalOrder();
  const refund = detail.cancelRefund;
  const channel =
    refund && (refund.channel === 'alipay' || refund.channel === 'wechatpay')
      ? t(`payments.channels.${refund.channel}`)
      : (refund?.channel ?? '');
  return (
    <Modal
      open
      title={t('orders.detail.cancelTitle', { id: detail.order.id.slice(-8) })}
      okText={t('orders.detail.cancelConfirm')}
      okButtonProps={{ danger: true, 'data-testid': 'order-cancel-confirm' } as Record<`data-${string}`, string>}
      cancelText={t('orders.detail.back2')}
      confirmLoading={cancel.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="order-cancel-refund">
        {refund
          ? t('orders.detail.cancelRefund', {
              amount: money(refund.amountMinor),
              ...(refund.channel === 'wallet'
                ? {
                    from: t('orders.detail.refundFromWallet'),
                    to: t('orders.detail.refundToWallet', { customer: detail.customer.label ?? detail.customer.id }),
                  }
                : {
                    from: t('orders.detail.refundFrom', { channel }),
                    to: t('orders.detail.refundTo', { customer: detail.customer.label ?? detail.customer.id, channel }),
                  }),
            })
          : t('orders.detail.cancelNoRefund')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          cancel.mutate(
            { id: detail.order.id, reason: values.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('orders.detail.cancelled'));
                onClose();
              },
              onError: (error) =>
                void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('orders.detail.cancelReason')}
          rules={[{ required: true, whitespace: true, message: t('orders.detail.cancelReasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="order-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
