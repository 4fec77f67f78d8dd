import { List } from 'antd-mobile';
import { BillOutline, FileOutline, PayCircleOutline, ShopbagOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useBills } from '../bills-api';
import { LinkItem } from '../components/LinkItem';
import { PageHeader } from '../components/PageHeader';
import { SignInEmptyState } from '../components/SignInEmptyState';
import { useContracts } from '../contracts-api';
import { useMoney } from '../money';
import { useRentals } from '../rentals-api';
import { useSession } from '../session';

/** What a signed-in customer owes, one tap from the orders tab. */
function BillsEntry() {
  const { t } = useTranslation();
  const money = useMoney();
  const summary = useBills('unpaid').data?.pages[0]?.summary;
  return (
    <List mode="card" className="bills-entry">
      <LinkItem
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
        to="/bills"
        data-testid="bills-entry"
      >
        {t('bills.entry')}
      </LinkItem>
    </List>
  );
}

/** The customer's rentals, one tap from the orders tab, with how many wait for the customer. */
function RentalsEntry() {
  const { t } = useTranslation();
  const orders = useRentals().data?.pages[0]?.data ?? [];
  const waiting = orders.filter((o) => o.nextAction === 'sign' || o.nextAction === 'pay').length;
  return (
    <List mode="card" className="bills-entry">
      <LinkItem
        prefix={<ShopbagOutline className="bills-entry-icon" />}
        description={t('rentals.entryHint')}
        extra={
          waiting > 0 ? (
            <span className="bills-entry-overdue" data-testid="rentals-entry-waiting">
              {waiting}
            </span>
          ) : undefined
        }
        to="/rentals"
        data-testid="rentals-entry"
      >
        {t('rentals.entry')}
      </LinkItem>
    </List>
  );
}

/** The customer's contracts: to sign and signed, one tap from the orders tab. */
function ContractsEntry() {
  const { t } = useTranslation();
  const toSign = useContracts('draft').data?.pages[0]?.data.length ?? 0;
  return (
    <List mode="card" className="bills-entry">
      <LinkItem
        prefix={<FileOutline className="bills-entry-icon" />}
        description={t('contracts.entryHint')}
        extra={
          toSign > 0 ? (
            <span className="bills-entry-overdue" data-testid="contracts-entry-to-sign">
              {t('contracts.filters.draft')} {toSign}
            </span>
          ) : undefined
        }
        to="/contracts"
        data-testid="contracts-entry"
      >
        {t('contracts.entry')}
      </LinkItem>
    </List>
  );
}

/** The customer's installment orders: schedules and prepaying, one tap from the orders tab. */
function InstallmentsEntry() {
  const { t } = useTranslation();
  return (
    <List mode="card" className="bills-entry">
      <LinkItem
        prefix={<PayCircleOutline className="bills-entry-icon" />}
        description={t('catalog.installment.orders.entryHint')}
        to="/installments"
        data-testid="installments-entry"
      >
        {t('catalog.installment.orders.entry')}
      </LinkItem>
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
