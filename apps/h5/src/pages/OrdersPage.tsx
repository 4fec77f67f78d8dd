import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { SignInEmptyState } from '../components/SignInEmptyState';

export function OrdersPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('orders.title')} />
      <SignInEmptyState
        title={t('orders.emptyTitle')}
        description={t('orders.emptyDescription')}
        signedInTitle={t('account.signedInEmpty.ordersTitle')}
        signedInDescription={t('account.signedInEmpty.ordersDescription')}
      />
    </>
  );
}
