import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { SignInEmptyState } from '../components/SignInEmptyState';

export function WalletPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('wallet.title')} />
      <SignInEmptyState
        title={t('wallet.emptyTitle')}
        description={t('wallet.emptyDescription')}
        signedInTitle={t('account.signedInEmpty.walletTitle')}
        signedInDescription={t('account.signedInEmpty.walletDescription')}
      />
    </>
  );
}
