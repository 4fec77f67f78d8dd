import { Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { type TransferQuery, useLedgerTransfers } from '../../ledger-api';
import { TRANSFER_KINDS, type TransferKind, useTransferColumns } from './transfer-columns';

type Filters = Omit<TransferQuery, 'limit' | 'cursor'>;
interface FilterValues {
  accountId?: string;
  reference?: string;
  code?: string;
  kind?: TransferKind;
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

export function TransfersPage() {
  const { t } = useTranslation();
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

  const columns = useTransferColumns({ renderAccount: accountLink });

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
              options={TRANSFER_KINDS.map((kind) => ({ value: kind, label: t(`wallet.transfers.kinds.${kind}`) }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('wallet.transfers.filters.range')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={transfers}
          rows={rows}
          columns={columns}
          scrollX={1740}
          empty={t('wallet.transfers.empty')}
          testId="transfers-table"
        />
      </Card>
    </div>
  );
}
