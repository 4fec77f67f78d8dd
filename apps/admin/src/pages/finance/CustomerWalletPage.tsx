import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useCustomerAccounts, useCustomerProfile } from '../../customer-wallet-api';
import { accountBalances, type LedgerAccount } from '../../ledger-api';
import { PostingsTable } from './AccountDetailPage';
import { useAccountName } from './chart';
import { useLedgerAmount } from './transfer-columns';

const RECENT_POSTINGS = 20;

/** One of the customer's accounts as a card: what they can spend, what is posted, what is held. */
function AccountCard({ account, testId }: { account: LedgerAccount; testId: string }) {
  const { t } = useTranslation();
  const amount = useLedgerAmount();
  const accountName = useAccountName();
  const { netCreditMinor, availableMinor } = accountBalances(account);
  return (
    <Card
      className="full-height-card"
      title={accountName(account)}
      extra={<Link to={`/finance/accounts/${account.id}`}>{t('wallet.customerWallet.openAccount')}</Link>}
      data-testid={testId}
    >
      <Row gutter={[16, 16]}>
        <Col span={8}>
          <Statistic title={t('wallet.accountDetail.available')} value={amount(availableMinor, account.currency)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('wallet.accountDetail.net')} value={amount(netCreditMinor, account.currency)} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('wallet.customerWallet.held')}
            value={amount(account.debitsPendingMinor, account.currency)}
          />
        </Col>
      </Row>
      <Typography.Text type="secondary" className="mono-cell">
        {account.id}
      </Typography.Text>
    </Card>
  );
}

/** The place of an account the customer does not have yet (accounts are opened on first use). */
function NotOpenedCard({ code }: { code: number }) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  return (
    <Card className="full-height-card" title={accountName({ code, name: '' })}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wallet.customerWallet.notOpened')} />
    </Card>
  );
}

export function CustomerWalletPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const customer = useCustomerProfile(id);
  const { query, wallet, points } = useCustomerAccounts(id);
  const profile = customer.data;
  const accounts = [wallet, points].filter((a): a is LedgerAccount => a !== undefined);

  return (
    <div className="page" data-testid="customer-wallet-page">
      <PageHeader
        title={t('wallet.customerWallet.title')}
        subtitle={
          profile
            ? [profile.phoneMasked, profile.identity.nameMasked, profile.nickname, profile.id]
                .filter(Boolean)
                .join(' · ')
            : id
        }
        extra={
          <Link to="/customers">
            <Button icon={<ArrowLeftOutlined />}>{t('wallet.customerWallet.back')}</Button>
          </Link>
        }
      />
      {customer.error && <QueryErrorAlert error={customer.error} onRetry={() => void customer.refetch()} />}
      {query.error && <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && <Card loading />}
      {query.data && accounts.length === 0 && (
        <Card>
          <Empty description={t('wallet.customerWallet.noAccounts')} data-testid="customer-wallet-empty" />
        </Card>
      )}
      {accounts.length > 0 && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              {wallet ? <AccountCard account={wallet} testId="customer-wallet-cny" /> : <NotOpenedCard code={2500} />}
            </Col>
            <Col xs={24} xl={12}>
              {points ? (
                <AccountCard account={points} testId="customer-wallet-points" />
              ) : (
                <NotOpenedCard code={2510} />
              )}
            </Col>
          </Row>
          <Card
            title={
              <Space>
                {t('wallet.customerWallet.recent')}
                <Tag>{t('wallet.customerWallet.recentHint', { count: RECENT_POSTINGS })}</Tag>
              </Space>
            }
          >
            <Tabs
              items={accounts.map((account) => ({
                key: account.id,
                label:
                  account.purpose === 'wallet'
                    ? t('wallet.customerWallet.walletTab')
                    : t('wallet.customerWallet.pointsTab'),
                children: <PostingsTable accountId={account.id} pageSize={RECENT_POSTINGS} />,
              }))}
            />
          </Card>
        </>
      )}
    </div>
  );
}
