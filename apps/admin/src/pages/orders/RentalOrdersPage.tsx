import { keysOf } from '@zulin/web';
import { Button, Card, DatePicker, Form, Input, Select, type TableColumnsType, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { ProductPicker } from '../../components/ProductPicker';
import { SearchActions } from '../../components/SearchActions';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { type OrderQuery, type OrderState, type RentalOrder, useRentalOrders } from '../../orders-api';
import { ORDER_STATE_COLOURS, OrderStateTag } from './order-parts';

type Filters = Omit<OrderQuery, 'limit' | 'cursor'>;

interface FilterValues {
  status?: OrderState | 'all';
  customer?: string;
  productId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(values: FilterValues): Filters {
  const filters: Filters = {};
  if (values.status && values.status !== 'all') filters.status = values.status;
  const customer = values.customer?.trim();
  if (customer) filters.customer = customer;
  if (values.productId) filters.productId = values.productId;
  const [from, to] = values.range ?? [];
  if (from) filters.from = from.startOf('day').toISOString();
  if (to) filters.to = to.endOf('day').toISOString();
  return filters;
}

/** Every rental order, newest first, filtered by state, customer, product and the day placed. */
export function RentalOrdersPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const navigate = useNavigate();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const orders = useRentalOrders(filters);
  const rows = orders.data?.pages.flatMap((page) => page.data) ?? [];
  const mayReadCatalog = useCan('catalog.read');

  const columns: TableColumnsType<RentalOrder> = [
    {
      title: t('orders.list.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at) => format(at),
    },
    {
      title: t('orders.list.columns.order'),
      dataIndex: 'id',
      width: 150,
      render: (id: string) => (
        <Link to={`/orders/${id}`} data-testid={`order-link-${id}`}>
          <Typography.Text className="mono-cell">{id.slice(-8)}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('orders.list.columns.customer'),
      dataIndex: 'customerId',
      width: 190,
      render: (id: string, row) => <NamedId name={row.customerLabel ?? null} id={id} />,
    },
    {
      title: t('orders.list.columns.product'),
      dataIndex: 'skuId',
      width: 240,
      render: (id: string, row) => <NamedId name={row.productName ?? null} id={id} />,
    },
    {
      title: t('orders.list.columns.state'),
      dataIndex: 'status',
      width: 120,
      render: (s: OrderState) => <OrderStateTag state={s} />,
    },
    {
      title: t('orders.list.columns.rent'),
      dataIndex: 'rentMinor',
      width: 110,
      align: 'right',
      render: (a: number) => money(a),
    },
    {
      title: t('orders.list.columns.firstPayment'),
      dataIndex: 'firstPaymentMinor',
      width: 110,
      align: 'right',
      render: (a: number) => money(a),
    },
    {
      title: t('orders.list.columns.deposit'),
      key: 'deposit',
      width: 220,
      render: (_, row) =>
        t('orders.list.depositValue', {
          waived: money(row.depositWaivedMinor),
          held: money(row.depositToHoldMinor),
        }),
    },
    { title: t('orders.list.columns.city'), dataIndex: 'city', width: 100 },
  ];

  return (
    <div className="page" data-testid="rental-orders-page">
      <PageHeader
        title={t('orders.list.title')}
        subtitle={t('orders.list.subtitle')}
        extra={<Button onClick={() => navigate('/orders/timers')}>{t('orders.list.timers')}</Button>}
      />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="search-form"
          initialValues={{ status: 'all' }}
          onFinish={(values) => setFilters(toFilters(values))}
        >
          <Form.Item name="status" label={t('orders.list.state')}>
            <Select
              style={{ width: 150 }}
              data-testid="orders-filter-status"
              options={[
                { value: 'all', label: t('orders.list.all') },
                ...keysOf(ORDER_STATE_COLOURS).map((s) => ({ value: s, label: t(`orders.states.${s}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="customer" label={t('orders.list.customer')}>
            <Input
              allowClear
              style={{ width: 260 }}
              placeholder={t('orders.list.customerPlaceholder')}
              data-testid="orders-filter-customer"
            />
          </Form.Item>
          {mayReadCatalog && (
            <Form.Item name="productId" label={t('orders.list.product')}>
              <ProductPicker testId="orders-filter-product" />
            </Form.Item>
          )}
          <Form.Item name="range" label={t('orders.list.placedAt')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={orders}
          rows={rows}
          columns={columns}
          scrollX={1450}
          empty={t('orders.list.empty')}
          testId="rental-orders-table"
          onRow={(row) => ({ onDoubleClick: () => navigate(`/orders/${row.id}`) })}
        />
      </Card>
    </div>
  );
}
