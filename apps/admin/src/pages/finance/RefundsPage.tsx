import {
  App as AntdApp,
  Button,
  Card,
  Descriptions,
  Modal,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type PaymentRefund,
  type RefundState,
  useDecideRefund,
  usePaymentDetail,
  useRefunds,
} from '../../payments-api';

const STATE_COLORS: Record<RefundState, string> = {
  awaiting_approval: 'warning',
  approved: 'processing',
  processing: 'processing',
  unknown: 'warning',
  succeeded: 'success',
  closed: 'default',
  abnormal: 'error',
  rejected: 'default',
};
const STATES = Object.keys(STATE_COLORS) as RefundState[];

export function RefundsPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const canDecide = useCan('payments.refund');
  const [state, setState] = useState<RefundState | undefined>('awaiting_approval');
  const refunds = useRefunds(state);
  const rows = refunds.data?.pages.flatMap((page) => page.data) ?? [];
  const [reviewing, setReviewing] = useState<PaymentRefund | null>(null);

  const columns: TableColumnsType<PaymentRefund> = [
    { title: t('payments.refunds.columns.createdAt'), dataIndex: 'createdAt', width: 180, render: (at) => format(at) },
    {
      title: t('payments.refunds.columns.payment'),
      dataIndex: 'paymentId',
      width: 240,
      render: (id: string) => <Typography.Text className="mono-cell">{id}</Typography.Text>,
    },
    {
      title: t('payments.refunds.columns.amount'),
      dataIndex: 'amountMinor',
      width: 120,
      render: (a: number) => money(a),
    },
    { title: t('payments.refunds.columns.reason'), dataIndex: 'reason', width: 200 },
    {
      title: t('payments.refunds.columns.requestedBy'),
      key: 'requestedBy',
      width: 160,
      render: (_, r) => <NamedId name={r.requestedByName} id={r.requestedBy} />,
    },
    {
      title: t('payments.refunds.columns.approvedBy'),
      key: 'approvedBy',
      width: 160,
      render: (_, r) => (r.approvedBy ? <NamedId name={r.approvedByName} id={r.approvedBy} /> : '—'),
    },
    {
      title: t('payments.refunds.columns.state'),
      dataIndex: 'state',
      width: 120,
      render: (s: RefundState) => <Tag color={STATE_COLORS[s]}>{t(`payments.refunds.states.${s}`)}</Tag>,
    },
    {
      title: t('payments.refunds.columns.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, r) =>
        canDecide && r.state === 'awaiting_approval' ? (
          <Button size="small" type="link" data-testid={`review-${r.id}`} onClick={() => setReviewing(r)}>
            {t('payments.refunds.review')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="page" data-testid="refunds-page">
      <PageHeader title={t('payments.refunds.title')} subtitle={t('payments.refunds.subtitle')} />
      <Card>
        <Space>
          <span>{t('payments.refunds.state')}</span>
          <Select
            style={{ width: 160 }}
            data-testid="refunds-state"
            value={state ?? 'all'}
            onChange={(v: RefundState | 'all') => setState(v === 'all' ? undefined : v)}
            options={[
              { value: 'all', label: t('payments.list.all') },
              ...STATES.map((s) => ({ value: s, label: t(`payments.refunds.states.${s}`) })),
            ]}
          />
        </Space>
      </Card>
      <Card>
        <CursorTable
          query={refunds}
          rows={rows}
          columns={columns}
          scrollX={1200}
          empty={t('payments.refunds.empty')}
          testId="refunds-table"
        />
      </Card>
      {reviewing && <ReviewModal refund={reviewing} onClose={() => setReviewing(null)} />}
    </div>
  );
}

/** Shows the amount, from and to before any money moves; then approve or reject. */
function ReviewModal({ refund, onClose }: { refund: PaymentRefund; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const decide = useDecideRefund();
  const detail = usePaymentDetail();
  const [loaded, setLoaded] = useState(false);
  if (!loaded) {
    setLoaded(true);
    detail.mutate(refund.paymentId);
  }
  const payment = detail.data?.payment;
  const act = (decision: 'approve' | 'reject') =>
    decide.mutate(
      { id: refund.id, decision },
      {
        onSuccess: () => {
          void message.success(
            decision === 'approve' ? t('payments.refunds.approved') : t('payments.refunds.rejected'),
          );
          onClose();
        },
        onError: (error) =>
          void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
      },
    );
  return (
    <Modal
      open
      title={t('payments.refunds.confirmTitle', { id: refund.id })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button
          key="reject"
          danger
          loading={decide.isPending}
          onClick={() => act('reject')}
          data-testid="refund-reject"
        >
          {t('payments.refunds.reject')}
        </Button>,
        <Button
          key="approve"
          type="primary"
          loading={decide.isPending}
          disabled={!payment}
          onClick={() => act('approve')}
          data-testid="refund-approve"
        >
          {t('payments.refunds.approve')}
        </Button>,
      ]}
    >
      <Descriptions column={1} bordered size="small" data-testid="refund-review">
        <Descriptions.Item label={t('payments.refunds.amount')}>
          <strong>{money(refund.amountMinor)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('payments.refunds.from')}>
          {payment ? t('payments.refunds.fromValue', { channel: t(`payments.channels.${payment.channel}`) }) : '…'}
        </Descriptions.Item>
        <Descriptions.Item label={t('payments.refunds.to')}>
          {payment
            ? t('payments.refunds.toValue', { customer: detail.data?.customerLabel ?? payment.customerId })
            : '…'}
        </Descriptions.Item>
        <Descriptions.Item label={t('payments.refunds.columns.reason')}>{refund.reason}</Descriptions.Item>
        <Descriptions.Item label={t('payments.refunds.columns.requestedBy')}>
          <NamedId name={refund.requestedByName} id={refund.requestedBy} testId="refund-review-requested-by" />
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
