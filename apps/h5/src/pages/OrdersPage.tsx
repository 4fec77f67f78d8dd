import { List } from 'antd-mobile';
import { BillOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useBills } from '../bills-api';
import { PageHeader } from '../components/PageHeader';
import { SignInEmptyState } from '../components/SignInEmptyState';
import { useMoney } from '../money';
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

export function OrdersPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <PageHeader title={t('orders.title')} />
      {session && <BillsEntry />}
      <SignInEmptyState
        title={t('orders.emptyTitle')}
        description={t('orders.emptyDescription')}
        signedInTitle={t('account.signedInEmpty.ordersTitle')}
        signedInDescription={t('account.signedInEmpty.ordersDescription')}
      />
    </>
  );
}
