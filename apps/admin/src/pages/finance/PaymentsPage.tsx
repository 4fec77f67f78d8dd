import { sumMinor } from '@zulin/kernel';
import { Button, Card, Form, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CursorTable } from '../../components/CursorTable';
import { CustomerPicker } from '../../components/CustomerPicker';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type PaymentChannel,
  type PaymentQuery,
  type PaymentState,
  type StaffPayment,
  usePayments,
} from '../../payments-api';
import { usePurposeName } from './PaymentDetailPage';
import { RefundFlow } from './RefundFlow';

type Filters = Omit<PaymentQuery, 'limit' | 'cursor'>;
const STATE_COLORS: Record<PaymentState, string> = {
  created: 'default',
  pending: 'processing',
  succeeded: 'success',
  failed: 'error',
  closed: 'default',
  unknown: 'warning',
};
const STATES = Object.keys(STATE_COLORS) as PaymentState[];
const CHANNELS: Record<PaymentChannel, true> = { alipay: true, wechatpay: true };

interface FilterValues {
  state?: PaymentState | 'all';
  channel?: PaymentChannel | 'all';
  customerId?: string;
}

export function PaymentsPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const canRefund = useCan('payments.refund');
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const payments = usePayments(filters);
  const rows = payments.data?.pages.flatMap((page) => page.data) ?? [];
  const [refunding, setRefunding] = useState<StaffPayment | null>(null);
  const navigate = useNavigate();

  const purposeName = usePurposeName();
  const columns: TableColumnsType<StaffPayment> = [
    {
      title: t('payments.list.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 180,
      render: (at) => format(at),
    },
    {
      title: t('payments.list.columns.channel'),
      dataIndex: 'channel',
      width: 110,
      render: (c: PaymentChannel) => t(`payments.channels.${c}`),
    },
    {
      title: t('payments.list.columns.state'),
      dataIndex: 'state',
      width: 100,
      render: (s: PaymentState) => <Tag color={STATE_COLORS[s]}>{t(`payments.states.${s}`)}</Tag>,
    },
    {
      title: t('payments.list.columns.amount'),
      dataIndex: 'amountMinor',
      width: 120,
      align: 'right',
      render: (a: number) => money(a),
    },
    {
      title: t('payments.list.columns.refunded'),
      dataIndex: 'refundedMinor',
      width: 120,
      align: 'right',
      render: (a: number) => money(a),
    },
    {
      title: t('payments.list.columns.outTradeNo'),
      dataIndex: 'outTradeNo',
      width: 260,
      render: (no: string) => (
        <Typography.Text className="mono-cell" copyable>
          {no}
        </Typography.Text>
      ),
    },
    {
      title: t('payments.list.columns.customer'),
      dataIndex: 'customerId',
      width: 240,
      render: (id: string, p) => <NamedId name={p.customerLabel ?? null} id={id} />,
    },
    {
      title: t('payments.list.columns.purpose'),
      dataIndex: 'purpose',
      width: 200,
      render: (purpose: string) => purposeName(purpose),
    },
    {
      title: t('payments.list.columns.actions'),
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_, p) => (
        <Space size={0}>
          <Link to={`/finance/payments/${p.id}`} data-testid={`payment-open-${p.id}`}>
            {t('payments.detail.open')}
          </Link>
          {canRefund && p.state === 'succeeded' && p.refundableMinor > 0 && (
            <Button size="small" type="link" data-testid={`refund-${p.id}`} onClick={() => setRefunding(p)}>
              {t('payments.list.refund')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page" data-testid="payments-page">
      <PageHeader title={t('payments.list.title')} subtitle={t('payments.list.subtitle')} />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="search-form"
          initialValues={{ state: 'all', channel: 'all' }}
          onFinish={(values) => {
            const next: Filters = {};
            if (values.state && values.state !== 'all') next.state = values.state;
            if (values.channel && values.channel !== 'all') next.channel = values.channel;
            if (values.customerId) next.customerId = values.customerId;
            setFilters(next);
          }}
        >
          <Form.Item name="state" label={t('payments.list.state')}>
            <Select
              style={{ width: 130 }}
              options={[
                { value: 'all', label: t('payments.list.all') },
                ...STATES.map((s) => ({ value: s, label: t(`payments.states.${s}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="channel" label={t('payments.list.channel')}>
            <Select
              style={{ width: 130 }}
              options={[
                { value: 'all', label: t('payments.list.all') },
                ...(Object.keys(CHANNELS) as PaymentChannel[]).map((c) => ({
                  value: c,
                  label: t(`payments.channels.${c}`),
                })),
              ]}
            />
          </Form.Item>
          <Form.Item name="customerId" label={t('payments.list.customerId')}>
            <CustomerPicker testId="payments-filter-customer" />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={payments}
          rows={rows}
          columns={columns}
          scrollX={1500}
          empty={t('payments.list.empty')}
          testId="payments-table"
          exportName={t('payments.list.title')}
          // Amounts add up only within one state: a failed attempt moved no money.
          totals={
            filters.state
              ? (loaded) => ({
                  amountMinor: money(sumMinor(loaded.map((p) => p.amountMinor))),
                  refundedMinor: money(sumMinor(loaded.map((p) => p.refundedMinor))),
                })
              : undefined
          }
          onRow={(row) => ({ onDoubleClick: () => navigate(`/finance/payments/${row.id}`) })}
        />
      </Card>
      {refunding && <RefundFlow payment={refunding} onClose={() => setRefunding(null)} />}
    </div>
  );
}
