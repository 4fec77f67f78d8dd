import { ArrowLeftOutlined, WalletOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ProblemError } from '../../api';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { accountBalances, type LedgerAccount, useLedgerAccount } from '../../ledger-api';
import { OwnerTag } from './AccountsPage';
import { useAccountName } from './chart';
import { useLedgerAmount, useTransferColumns } from './transfer-columns';

/** An account id in a list of postings: the account itself plain, any other a link to its page. */
export function accountLinkRenderer(selfId: string | undefined) {
  return (id: string): ReactNode =>
    id === selfId ? (
      <Typography.Text className="mono-cell" type="secondary">
        {id}
      </Typography.Text>
    ) : (
      <Link className="mono-cell" to={`/finance/accounts/${id}`}>
        {id}
      </Link>
    );
}

/** The postings of one account, newest first, with a button for older ones. */
export function PostingsTable({ accountId, pageSize }: { accountId: string; pageSize?: number }) {
  const { t } = useTranslation();
  const account = useLedgerAccount(accountId, pageSize);
  const rows = account.data?.pages.flatMap((page) => page.postings.data) ?? [];
  const columns = useTransferColumns({ accountId, renderAccount: accountLinkRenderer(accountId) });
  return (
    <CursorTable
      query={account}
      rows={rows}
      columns={columns}
      scrollX={1530}
      empty={t('wallet.accountDetail.noPostings')}
      testId="postings-table"
    />
  );
}

/** The balances of an account as figures: net posted, spendable after holds, and the four sums. */
export function BalanceFigures({ account }: { account: LedgerAccount }) {
  const { t } = useTranslation();
  const amount = useLedgerAmount();
  const { netCreditMinor, availableMinor } = accountBalances(account);
  const figure = (key: string, title: string, minor: number) => (
    <Col xs={12} lg={4} key={key}>
      <Statistic title={title} value={amount(minor, account.currency)} data-testid={`figure-${key}`} />
    </Col>
  );
  return (
    <Row gutter={[16, 16]}>
      {figure('net', t('wallet.accountDetail.net'), netCreditMinor)}
      {account.debitsMustNotExceedCredits && figure('available', t('wallet.accountDetail.available'), availableMinor)}
      {figure('debitsPosted', t('wallet.trialBalance.columns.debitsPosted'), account.debitsPostedMinor)}
      {figure('creditsPosted', t('wallet.trialBalance.columns.creditsPosted'), account.creditsPostedMinor)}
      {figure('debitsPending', t('wallet.trialBalance.columns.debitsPending'), account.debitsPendingMinor)}
      {figure('creditsPending', t('wallet.trialBalance.columns.creditsPending'), account.creditsPendingMinor)}
    </Row>
  );
}

export function AccountDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const format = useInstantFormatter();
  const accountName = useAccountName();
  const detail = useLedgerAccount(id);
  const account = detail.data?.pages[0]?.account;
  const back = (
    <Link to="/finance/accounts">
      <Button icon={<ArrowLeftOutlined />}>{t('wallet.accountDetail.back')}</Button>
    </Link>
  );

  if (detail.error instanceof ProblemError && detail.error.problem.status === 404) {
    return <Result status="404" title={t('wallet.accountDetail.notFound')} subTitle={id} extra={back} />;
  }
  if (!account) {
    return (
      <div className="page">
        {detail.error && <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }
  const rule = account.debitsMustNotExceedCredits
    ? t('wallet.accountDetail.rules.debitsMustNotExceedCredits')
    : account.creditsMustNotExceedDebits
      ? t('wallet.accountDetail.rules.creditsMustNotExceedDebits')
      : t('wallet.accountDetail.rules.none');

  return (
    <div className="page" data-testid="account-detail-page">
      <PageHeader
        title={`${account.code} ${accountName(account)}`}
        subtitle={account.id}
        extra={
          <Space>
            {account.ownerType === 'customer' && (
              <Link to={`/customers/${account.ownerId}/wallet`}>
                <Button icon={<WalletOutlined />}>{t('wallet.customerWallet.title')}</Button>
              </Link>
            )}
            {back}
          </Space>
        }
      />
      <Card>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <BalanceFigures account={account} />
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            data-testid="account-descriptions"
            items={[
              { key: 'owner', label: t('wallet.accounts.columns.owner'), children: <OwnerTag account={account} /> },
              { key: 'purpose', label: t('wallet.accounts.filters.purpose'), children: <code>{account.purpose}</code> },
              { key: 'currency', label: t('wallet.accounts.columns.currency'), children: account.currency },
              { key: 'rule', label: t('wallet.accountDetail.rule'), children: rule },
              { key: 'createdAt', label: t('wallet.accounts.columns.createdAt'), children: format(account.createdAt) },
              { key: 'serverName', label: t('wallet.accountDetail.serverName'), children: <code>{account.name}</code> },
            ]}
          />
        </Space>
      </Card>
      <Card title={t('wallet.accountDetail.postings')}>
        <PostingsTable accountId={account.id} />
      </Card>
    </div>
  );
}
