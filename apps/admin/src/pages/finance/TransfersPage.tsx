import { SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import { type LedgerTransfer, type TransferQuery, useLedgerTransfers } from '../../ledger-api';

type Filters = Omit<TransferQuery, 'limit' | 'cursor'>;
type Kind = LedgerTransfer['kind'];
const KINDS: Kind[] = ['posted', 'pending', 'post_pending', 'void_pending', 'expire_pending'];

interface FilterValues {
  accountId?: string;
  reference?: string;
  code?: string;
  kind?: Kind;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(values: FilterValues): Filters {
  const filters: Filters = {};
  for (const key of ['accountId', 'reference', 'code'] as const) {
    const value = values[key]?.trim();
    if (value) filters[key] = value;
  }
  if (values.kind) filters.kind = values.kind;
  const [from, to] = values.range ?? [];
  if (from) filters.from = from.startOf('day').toISOString();
  if (to) filters.to = to.endOf('day').toISOString();
  return filters;
}

const KIND_COLORS: Record<Kind, string> = {
  posted: 'blue',
  pending: 'gold',
  post_pending: 'green',
  void_pending: 'default',
  expire_pending: 'default',
};

export function TransfersPage() {
  const { t, i18n } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const points = new Intl.NumberFormat(i18n.language);
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const transfers = useLedgerTransfers(filters);
  const rows = transfers.data?.pages.flatMap((page) => page.data) ?? [];
  const searchAccount = (accountId: string) => {
    form.setFieldsValue({ accountId });
    setFilters({ ...toFilters(form.getFieldsValue()), accountId });
  };
  const accountLink = (id: string) => (
    <Typography.Link className="mono-cell" onClick={() => searchAccount(id)}>
      {id}
    </Typography.Link>
  );

  const columns: TableColumnsType<LedgerTransfer> = [
    {
      title: t('wallet.transfers.columns.recordedAt'),
      dataIndex: 'recordedAt',
      width: 180,
      render: (at: string) => format(at),
    },
    {
      title: t('wallet.transfers.columns.id'),
      dataIndex: 'id',
      width: 330,
      render: (id: string, transfer) => (
        <Space direction="vertical" size={0}>
          <Typography.Text className="mono-cell" copyable>
            {id}
          </Typography.Text>
          {transfer.reversesId && (
            <Typography.Text type="secondary">
              {t('wallet.transfers.reversal', { id: transfer.reversesId })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('wallet.transfers.columns.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (kind: Kind, transfer) => (
        <Space size={4} wrap>
          <Tag color={KIND_COLORS[kind]}>{t(`wallet.transfers.kinds.${kind}`)}</Tag>
          {transfer.pendingStatus && transfer.kind === 'pending' && (
            <Tag>{t(`wallet.transfers.pendingStatuses.${transfer.pendingStatus}`)}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('wallet.transfers.columns.code'),
      dataIndex: 'code',
      width: 200,
      render: (code: string) => (
        <Typography.Text code className="nowrap">
          {code}
        </Typography.Text>
      ),
    },
    {
      title: t('wallet.transfers.columns.amount'),
      dataIndex: 'amountMinor',
      align: 'right',
      width: 140,
      render: (minor: number, transfer) => (
        <span className="nowrap">{transfer.currency === 'CNY' ? money(minor) : points.format(minor)}</span>
      ),
    },
    {
      title: t('wallet.transfers.columns.debit'),
      dataIndex: 'debitAccountId',
      width: 260,
      render: accountLink,
    },
    {
      title: t('wallet.transfers.columns.credit'),
      dataIndex: 'creditAccountId',
      width: 260,
      render: accountLink,
    },
    {
      title: t('wallet.transfers.columns.reference'),
      dataIndex: 'reference',
      width: 220,
      render: (reference: string | null) => <span className="mono-cell">{reference ?? '—'}</span>,
    },
  ];

  return (
    <div className="page" data-testid="transfers-page">
      <PageHeader title={t('wallet.transfers.title')} subtitle={t('wallet.transfers.subtitle')} />
      <Card>
        <Form form={form} layout="inline" className="search-form" onFinish={(values) => setFilters(toFilters(values))}>
          <Form.Item name="accountId" label={t('wallet.transfers.filters.accountId')}>
            <Input allowClear style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="reference" label={t('wallet.transfers.filters.reference')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="code" label={t('wallet.transfers.filters.code')}>
            <Input allowClear placeholder={t('wallet.transfers.filters.codePlaceholder')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('wallet.transfers.filters.kind')}>
            <Select
              allowClear
              style={{ width: 150 }}
              options={KINDS.map((kind) => ({ value: kind, label: t(`wallet.transfers.kinds.${kind}`) }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('wallet.transfers.filters.range')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('wallet.common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {t('wallet.common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        {transfers.error && <QueryErrorAlert error={transfers.error} onRetry={() => void transfers.refetch()} />}
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={transfers.isPending}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 1740 }}
          locale={{ emptyText: <Empty description={t('wallet.transfers.empty')} /> }}
          data-testid="transfers-table"
        />
        <div className="load-more">
          <Typography.Text type="secondary">{t('wallet.common.loaded', { count: rows.length })}</Typography.Text>
          {transfers.hasNextPage ? (
            <Button loading={transfers.isFetchingNextPage} onClick={() => void transfers.fetchNextPage()}>
              {t('wallet.common.loadMore')}
            </Button>
          ) : (
            rows.length > 0 && <Typography.Text type="secondary">{t('wallet.common.end')}</Typography.Text>
          )}
        </div>
      </Card>
    </div>
  );
}
