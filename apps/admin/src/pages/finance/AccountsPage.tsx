import { keysOf } from '@zulin/web';
import { AutoComplete, Card, Form, Input, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { type AccountQuery, accountBalances, type LedgerAccount, useLedgerAccounts } from '../../ledger-api';
import { CHART, useAccountName } from './chart';
import { useLedgerAmount } from './transfer-columns';

type Filters = Omit<AccountQuery, 'limit' | 'cursor'>;
type OwnerType = LedgerAccount['ownerType'];
const OWNER_COLORS: Record<OwnerType, string> = {
  platform: 'blue',
  channel: 'purple',
  customer: 'green',
  partner: 'orange',
};
const OWNER_TYPES = keysOf(OWNER_COLORS);

interface FilterValues {
  ownerType?: OwnerType;
  ownerId?: string;
  purpose?: string;
  code?: number;
  currency?: LedgerAccount['currency'];
}

function toFilters(values: FilterValues): Filters {
  const filters: Filters = {};
  if (values.ownerType) filters.ownerType = values.ownerType;
  if (values.code !== undefined) filters.code = values.code;
  if (values.currency) filters.currency = values.currency;
  for (const key of ['ownerId', 'purpose'] as const) {
    const value = values[key]?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function OwnerTag({ account }: { account: LedgerAccount }) {
  const { t } = useTranslation();
  return (
    <Space size={4} className="nowrap">
      <Tag color={OWNER_COLORS[account.ownerType]}>{t(`wallet.trialBalance.ownerTypes.${account.ownerType}`)}</Tag>
      {account.ownerType !== 'platform' && <span className="mono-cell">{account.ownerId}</span>}
    </Space>
  );
}

export function AccountsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const amount = useLedgerAmount();
  const accountName = useAccountName();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const accounts = useLedgerAccounts(filters);
  const rows = accounts.data?.pages.flatMap((page) => page.data) ?? [];
  // A side of the account: what is posted, and below it what is held on that side.
  const sideColumn = (title: string, posted: keyof LedgerAccount, pending: keyof LedgerAccount) => ({
    title,
    key: title,
    align: 'right' as const,
    width: 150,
    render: (_: unknown, account: LedgerAccount) => (
      <Space direction="vertical" size={0} className="nowrap">
        <span>{amount(account[posted] as number, account.currency)}</span>
        {(account[pending] as number) > 0 && (
          <Typography.Text type="secondary" className="sub-text">
            {t('wallet.accounts.held', { amount: amount(account[pending] as number, account.currency) })}
          </Typography.Text>
        )}
      </Space>
    ),
  });

  const columns: TableColumnsType<LedgerAccount> = [
    { title: t('wallet.accounts.columns.code'), dataIndex: 'code', width: 70 },
    {
      title: t('wallet.accounts.columns.name'),
      key: 'name',
      width: 230,
      render: (_, account) => (
        <Space direction="vertical" size={0}>
          <Link to={`/finance/accounts/${account.id}`}>{accountName(account)}</Link>
          <Typography.Text type="secondary" className="mono-cell">
            {account.id}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('wallet.accounts.columns.owner'), key: 'owner', width: 280, render: (_, a) => <OwnerTag account={a} /> },
    { title: t('wallet.accounts.columns.currency'), dataIndex: 'currency', width: 80 },
    sideColumn(t('wallet.accounts.columns.debits'), 'debitsPostedMinor', 'debitsPendingMinor'),
    sideColumn(t('wallet.accounts.columns.credits'), 'creditsPostedMinor', 'creditsPendingMinor'),
    {
      title: t('wallet.trialBalance.columns.net'),
      key: 'net',
      align: 'right',
      width: 150,
      render: (_, account) => (
        <span className="nowrap strong-cell">{amount(accountBalances(account).netCreditMinor, account.currency)}</span>
      ),
    },
  ];

  return (
    <div className="page" data-testid="accounts-page">
      <PageHeader title={t('wallet.accounts.title')} subtitle={t('wallet.accounts.subtitle')} />
      <Card>
        <Form form={form} layout="inline" className="search-form" onFinish={(values) => setFilters(toFilters(values))}>
          <Form.Item name="ownerType" label={t('wallet.accounts.filters.ownerType')}>
            <Select
              allowClear
              style={{ width: 120 }}
              options={OWNER_TYPES.map((o) => ({ value: o, label: t(`wallet.trialBalance.ownerTypes.${o}`) }))}
              data-testid="accounts-owner-type"
            />
          </Form.Item>
          <Form.Item name="ownerId" label={t('wallet.accounts.filters.ownerId')}>
            <Input allowClear placeholder={t('wallet.accounts.filters.ownerIdPlaceholder')} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="code" label={t('wallet.accounts.filters.code')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 260 }}
              options={CHART.map(({ code }) => ({
                value: code,
                label: `${code} ${accountName({ code, name: '' }).replace(/[:：]\s*$/, '')}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="purpose" label={t('wallet.accounts.filters.purpose')}>
            <AutoComplete
              allowClear
              style={{ width: 220 }}
              options={CHART.map(({ purpose }) => ({ value: purpose }))}
              filterOption={(input, option) => option?.value.includes(input.trim()) ?? false}
            />
          </Form.Item>
          <Form.Item name="currency" label={t('wallet.accounts.filters.currency')}>
            <Select
              allowClear
              style={{ width: 130 }}
              options={[
                { value: 'CNY', label: t('wallet.trialBalance.currencies.CNY') },
                { value: 'POINTS', label: t('wallet.trialBalance.currencies.POINTS') },
              ]}
            />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} searchTestId="accounts-search" />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={accounts}
          rows={rows}
          columns={columns}
          scrollX={1110}
          empty={t('wallet.accounts.empty')}
          testId="accounts-table"
          onRow={(account) => ({
            className: 'row-clickable',
            onClick: (event) => {
              // A click on the name's own link is not a second navigation.
              if ((event.target as HTMLElement).closest('a')) return;
              navigate(`/finance/accounts/${account.id}`);
            },
          })}
        />
      </Card>
    </div>
  );
}
