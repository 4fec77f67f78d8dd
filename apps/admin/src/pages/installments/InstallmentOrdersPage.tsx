// Installment orders, newest first, by status, customer or SKU: the annualised rate (IRR, all fees)
// in its own column before any amount, the periods paid and the principal left.
import { Card, Form, Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CursorTable } from '../../components/CursorTable';
import { CustomerPicker } from '../../components/CustomerPicker';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { ProductPicker } from '../../components/ProductPicker';
import { SearchActions } from '../../components/SearchActions';
import { useInstantFormatter, useMoney } from '../../hooks';
import {
  type AdminInstallmentOrder,
  type InstallmentOrderQuery,
  type InstallmentOrderStatus,
  useInstallmentOrders,
} from '../../installments-api';
import { percent2, STATUSES, StatusTag } from './installment-parts';

type Filters = Omit<InstallmentOrderQuery, 'limit' | 'cursor'>;

interface FilterValues {
  status?: InstallmentOrderStatus | 'all';
  customerId?: string;
  productId?: string;
}

export function InstallmentOrdersPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const navigate = useNavigate();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const orders = useInstallmentOrders(filters);
  const rows = orders.data?.pages.flatMap((page) => page.data) ?? [];
  const columns: TableColumnsType<AdminInstallmentOrder> = [
    { title: t('installments.list.columns.createdAt'), dataIndex: 'createdAt', width: 170, render: (at) => format(at) },
    {
      title: t('installments.list.columns.device'),
      dataIndex: 'deviceName',
      width: 220,
      render: (name: string, row) => <Link to={`/installments/${row.id}`}>{name}</Link>,
    },
    {
      title: t('installments.list.columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (status: InstallmentOrderStatus) => <StatusTag status={status} t={t} />,
    },
    {
      title: t('installments.list.columns.apr'),
      dataIndex: 'aprSimpleBps',
      width: 100,
      align: 'right',
      render: (bps: number) => <strong>{percent2(bps)}</strong>,
    },
    {
      title: t('installments.list.columns.price'),
      dataIndex: 'priceMinor',
      width: 120,
      align: 'right',
      render: (v: number) => money(v),
    },
    {
      title: t('installments.list.columns.financed'),
      dataIndex: 'principalMinor',
      width: 120,
      align: 'right',
      render: (v: number) => money(v),
    },
    { title: t('installments.list.columns.term'), dataIndex: 'termMonths', width: 70, align: 'right' },
    {
      title: t('installments.list.columns.paid'),
      key: 'paid',
      width: 90,
      align: 'right',
      render: (_, row) => `${row.paidPeriods}/${row.schedule.length}`,
    },
    {
      title: t('installments.list.columns.balance'),
      dataIndex: 'balanceMinor',
      width: 120,
      align: 'right',
      render: (v: number) => money(v),
    },
    {
      title: t('installments.list.columns.customer'),
      dataIndex: 'customerId',
      width: 180,
      render: (id: string, order) => <NamedId name={order.customerLabel ?? null} id={id} />,
    },
    {
      title: '',
      key: 'open',
      width: 70,
      fixed: 'right',
      render: (_, row) => <Link to={`/installments/${row.id}`}>{t('installments.open')}</Link>,
    },
  ];
  return (
    <div className="page" data-testid="installment-orders-page">
      <PageHeader title={t('installments.list.title')} subtitle={t('installments.list.subtitle')} />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="search-form"
          initialValues={{ status: 'all' }}
          onFinish={(values) => {
            const next: Filters = {};
            if (values.status && values.status !== 'all') next.status = values.status;
            if (values.customerId) next.customerId = values.customerId;
            if (values.productId) next.productId = values.productId;
            setFilters(next);
          }}
        >
          <Form.Item name="status" label={t('installments.list.status')}>
            <Select
              style={{ width: 150 }}
              data-testid="installment-status-filter"
              options={[
                { value: 'all', label: t('installments.all') },
                ...STATUSES.map((status) => ({ value: status, label: t(`installments.statuses.${status}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="customerId" label={t('installments.list.customerId')}>
            <CustomerPicker testId="installments-filter-customer" />
          </Form.Item>
          <Form.Item name="productId" label={t('installments.list.product')}>
            <ProductPicker testId="installments-filter-product" />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={orders}
          rows={rows}
          columns={columns}
          scrollX={1400}
          empty={t('installments.list.empty')}
          testId="installment-orders-table"
          onRow={(row) => ({ onDoubleClick: () => navigate(`/installments/${row.id}`) })}
        />
      </Card>
    </div>
  );
}
