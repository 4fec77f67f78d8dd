import { List } from 'antd-mobile';
import { BillOutline, FileOutline, PayCircleOutline, ShopbagOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useBills } from '../bills-api';
import { PageHeader } from '../components/PageHeader';
import { SignInEmptyState } from '../components/SignInEmptyState';
import { useContracts } from '../contracts-api';
import { useMoney } from '../money';
import { useRentals } from '../rentals-api';
import { useSession } from '../session';

/** What a signed-in customer owes, one tap from the orders tab. */
function BillsEntry() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const money = useMoney();
  const summary = useBills('unpaid').data?.pages[0]?.summary;
  return (
    <List mode="card" className="bills-entry">
      <List.Item
        prefix={<BillOutline className="bills-entry-icon" />}
        description={t('bills.entryHint')}
        extra={
          summary && summary.unpaidMinor > 0 ? (
            <span
              className={summary.overdueMinor > 0 ? 'bills-entry-overdue' : undefined}
              data-testid="bills-entry-amount"
            >
              {money(summary.unpaidMinor)}
            </span>
          ) : undefined
        }
        onClick={() => navigate('/bills')}
        data-testid="bills-entry"
      >
        {t('bills.entry')}
      </List.Item>
    </List>
  );
}

/** The customer's rentals, one tap from the orders tab, with how many wait for the customer. */
function RentalsEntry() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const orders = useRentals().data?.pages[0]?.data ?? [];
  const waiting = orders.filter((o) => o.nextAction === 'sign' || o.nextAction === 'pay').length;
  return (
    <List mode="card" className="bills-entry">
      <List.Item
        prefix={<ShopbagOutline className="bills-entry-icon" />}
        description={t('rentals.entryHint')}
        extra={
          waiting > 0 ? (
            <span className="bills-entry-overdue" data-testid="rentals-entry-waiting">
              {waiting}
            </span>
          ) : undefined
        }
        onClick={() => navigate('/rentals')}
        data-testid="rentals-entry"
      >
        {t('rentals.entry')}
      </List.Item>
    </List>
  );
}

/** The customer's contracts: to sign and signed, one tap from the orders tab. */
function ContractsEntry() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toSign = useContracts('draft').data?.pages[0]?.data.length ?? 0;
  return (
    <List mode="card" className="bills-entry">
      <List.Item
        prefix={<FileOutline className="bills-entry-icon" />}
        description={t('contracts.entryHint')}
        extra={
          toSign > 0 ? (
            <span className="bills-entry-overdue" data-testid="contracts-entry-to-sign">
              {t('contracts.filters.draft')} {toSign}
            </span>
          ) : undefined
        }
        onClick={() => navigate('/contracts')}
        data-testid="contracts-entry"
      >
        {t('contracts.entry')}
      </List.Item>
    </List>
  );
}

/** The customer's installment orders: schedules and prepaying, one tap from the orders tab. */
function InstallmentsEntry() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <List mode="card" className="bills-entry">
      <List.Item
        prefix={<PayCircleOutline className="bills-entry-icon" />}
        description={t('catalog.installment.orders.entryHint')}
        onClick={() => navigate('/installments')}
        data-testid="installments-entry"
      >
        {t('catalog.installment.orders.entry')}
      </List.Item>
    </List>
  );
}

export function OrdersPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <PageHeader title={t('orders.title')} />
      {session && <RentalsEntry />}
      {session && <BillsEntry />}
      {session && <ContractsEntry />}
      {session && <InstallmentsEntry />}
      <SignInEmptyState
        title={t('orders.emptyTitle')}
        description={t('orders.emptyDescription')}
        signedInTitle={t('account.signedInEmpty.ordersTitle')}
        signedInDescription={t('account.signedInEmpty.ordersDescription')}
      />
    </>
  );
}
