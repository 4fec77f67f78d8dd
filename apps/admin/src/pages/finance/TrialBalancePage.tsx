import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Segmented, Space, Statistic, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useMoney } from '../../hooks';
import { type LedgerCurrency, type TrialBalanceLine, useTrialBalance } from '../../ledger-api';
import { useAccountName } from './chart';

export function TrialBalancePage() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const [currency, setCurrency] = useState<LedgerCurrency>('CNY');
  const balance = useTrialBalance(currency);
  const points = new Intl.NumberFormat(i18n.language);
  const amount = (minor: number) => (currency === 'CNY' ? money(minor) : points.format(minor));
  const accountName = useAccountName();
  const amountColumn = (key: keyof TrialBalanceLine, title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    width: 160,
    render: (value: number) => <span className="nowrap">{amount(value)}</span>,
  });

  const columns: TableColumnsType<TrialBalanceLine> = [
    { title: t('wallet.trialBalance.columns.code'), dataIndex: 'code', width: 80 },
    {
      title: t('wallet.trialBalance.columns.name'),
      key: 'name',
      render: (_, line) =>
        line.accountId === null
          ? `${accountName(line)} · ${t('wallet.trialBalance.customerLine', { count: line.accountCount })}`
          : accountName(line),
    },
    {
      title: t('wallet.trialBalance.columns.owner'),
      dataIndex: 'ownerType',
      width: 100,
      render: (owner: TrialBalanceLine['ownerType']) => <Tag>{t(`wallet.trialBalance.ownerTypes.${owner}`)}</Tag>,
    },
    amountColumn('debitsPostedMinor', t('wallet.trialBalance.columns.debitsPosted')),
    amountColumn('creditsPostedMinor', t('wallet.trialBalance.columns.creditsPosted')),
    amountColumn('debitsPendingMinor', t('wallet.trialBalance.columns.debitsPending')),
    amountColumn('creditsPendingMinor', t('wallet.trialBalance.columns.creditsPending')),
    amountColumn('netCreditMinor', t('wallet.trialBalance.columns.net')),
  ];

  const data = balance.data;
  return (
    <div className="page" data-testid="trial-balance-page">
      <PageHeader
        title={t('wallet.trialBalance.title')}
        subtitle={t('wallet.trialBalance.subtitle')}
        extra={
          <Space>
            <Segmented<LedgerCurrency>
              value={currency}
              onChange={setCurrency}
              options={[
                { value: 'CNY', label: t('wallet.trialBalance.currencies.CNY') },
                { value: 'POINTS', label: t('wallet.trialBalance.currencies.POINTS') },
              ]}
            />
            <Button icon={<ReloadOutlined />} loading={balance.isFetching} onClick={() => void balance.refetch()}>
              {t('wallet.trialBalance.refresh')}
            </Button>
          </Space>
        }
      />
      {balance.error && <QueryErrorAlert error={balance.error} onRetry={() => void balance.refetch()} />}
      <Card loading={balance.isPending}>
        {data && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <div data-testid="trial-balance-status">
              {data.balanced ? (
                <Tag icon={<CheckCircleFilled />} color="success" className="balance-tag">
                  {t('wallet.trialBalance.balanced')}
                </Tag>
              ) : (
                <Tag icon={<CloseCircleFilled />} color="error" className="balance-tag">
                  {t('wallet.trialBalance.unbalanced')}
                </Tag>
              )}
            </div>
            <Row gutter={[16, 16]}>
              <Col xs={12} lg={6}>
                <Statistic title={t('wallet.trialBalance.postedDebits')} value={amount(data.postedDebitsMinor)} />
              </Col>
              <Col xs={12} lg={6}>
                <Statistic title={t('wallet.trialBalance.postedCredits')} value={amount(data.postedCreditsMinor)} />
              </Col>
              <Col xs={12} lg={6}>
                <Statistic title={t('wallet.trialBalance.pendingDebits')} value={amount(data.pendingDebitsMinor)} />
              </Col>
              <Col xs={12} lg={6}>
                <Statistic title={t('wallet.trialBalance.pendingCredits')} value={amount(data.pendingCreditsMinor)} />
              </Col>
            </Row>
          </Space>
        )}
      </Card>
      <Card title={t('wallet.trialBalance.accounts')}>
        <Table
          rowKey={(line) => line.accountId ?? `${line.ownerType}-${line.code}`}
          size="small"
          columns={columns}
          dataSource={data?.accounts ?? []}
          loading={balance.isPending}
          pagination={false}
          scroll={{ x: 1300 }}
          locale={{ emptyText: <Empty description={t('wallet.trialBalance.empty')} /> }}
          data-testid="trial-balance-table"
        />
      </Card>
    </div>
  );
}
