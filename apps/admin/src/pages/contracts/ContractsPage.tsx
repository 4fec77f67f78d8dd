import { Card, Form, Input, Select, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CursorTable } from '../../components/CursorTable';
import { CustomerPicker } from '../../components/CustomerPicker';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { type AdminContract, type ContractQuery, type ContractStatus, useContracts } from '../../contracts-api';
import { useInstantFormatter } from '../../hooks';
import { STATUSES, StatusTag, subjectName, templateName } from './contract-parts';

type Filters = Omit<ContractQuery, 'limit' | 'cursor'>;

interface FilterValues {
  status?: ContractStatus | 'all';
  customerId?: string;
  q?: string;
}

/** Contracts, newest first, by state and customer, or found by contract, customer or order id. */
export function ContractsPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const navigate = useNavigate();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const contracts = useContracts(filters);
  const rows = contracts.data?.pages.flatMap((page) => page.data) ?? [];
  const mono = (text: string) => <Typography.Text className="mono-cell">{text}</Typography.Text>;
  const columns: TableColumnsType<AdminContract> = [
    { title: t('contracts.list.columns.createdAt'), dataIndex: 'createdAt', width: 170, render: (at) => format(at) },
    {
      title: t('contracts.list.columns.template'),
      dataIndex: 'template',
      width: 170,
      render: (template: string, row) => <Link to={`/contracts/${row.id}`}>{templateName(t, template)}</Link>,
    },
    {
      title: t('contracts.list.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: ContractStatus) => <StatusTag status={status} t={t} />,
    },
    {
      title: t('contracts.list.columns.subject'),
      key: 'subject',
      width: 240,
      render: (_, row) => (
        <span>
          {subjectName(t, row.subject.kind)} {mono(row.subject.id)}
        </span>
      ),
    },
    { title: t('contracts.list.columns.version'), dataIndex: 'version', width: 70, render: (v) => `v${v}` },
    { title: t('contracts.list.columns.signedAt'), dataIndex: 'signedAt', width: 170, render: (at) => format(at) },
    {
      title: t('contracts.list.columns.customer'),
      dataIndex: 'customerId',
      width: 180,
      render: (id: string, row) => <NamedId name={row.customerLabel} id={id} />,
    },
    {
      title: '',
      key: 'open',
      width: 70,
      fixed: 'right',
      render: (_, row) => <Link to={`/contracts/${row.id}`}>{t('contracts.open')}</Link>,
    },
  ];
  return (
    <div className="page" data-testid="contracts-page">
      <PageHeader title={t('contracts.list.title')} subtitle={t('contracts.list.subtitle')} />
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
            const q = values.q?.trim();
            if (q) next.q = q;
            setFilters(next);
          }}
        >
          <Form.Item name="status" label={t('contracts.list.status')}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'all', label: t('contracts.all') },
                ...STATUSES.map((status) => ({ value: status, label: t(`contracts.statuses.${status}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="customerId" label={t('contracts.list.customerId')}>
            <CustomerPicker testId="contracts-filter-customer" />
          </Form.Item>
          <Form.Item name="q" label={t('contracts.list.q')}>
            <Input allowClear style={{ width: 240 }} />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={contracts}
          rows={rows}
          columns={columns}
          scrollX={1250}
          empty={t('contracts.list.empty')}
          testId="contracts-table"
          onRow={(row) => ({ onDoubleClick: () => navigate(`/contracts/${row.id}`) })}
        />
      </Card>
    </div>
  );
}
