import { Button, Dialog, ErrorBlock, Skeleton, Toast } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../account-api';
import { type BankCard, useBankCards, useRemoveBankCard } from '../../bank-card-api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { WideButton } from './form-parts';
import { walletErrorMessage } from './wallet-errors';

/** A bound card as a small bank card: bank, masked number, the holder's masked real name. */
export function BankCardTile({ card, holder, action }: { card: BankCard; holder?: string; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="bank-card" data-testid="bank-card">
      <div className="bank-card-head">
        <span className="bank-card-bank">{card.bankName}</span>
        {action}
      </div>
      <div className="bank-card-number mono">{card.masked}</div>
      <div className="bank-card-holder">
        {holder ? t('wallet.cards.holder', { name: holder }) : t('wallet.cards.debit')}
      </div>
    </div>
  );
}

export function BankCardsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cards = useBankCards();
  const me = useMe();
  const remove = useRemoveBankCard();
  const holder = me.data?.identity.nameMasked ?? undefined;

  const confirmRemove = async (card: BankCard) => {
    const confirmed = await Dialog.confirm({
      title: t('wallet.cards.removeTitle'),
      content: t('wallet.cards.removeConfirm', { bank: card.bankName, last4: card.last4 }),
      confirmText: t('wallet.cards.remove'),
      cancelText: t('wallet.secondFactor.cancel'),
    });
    if (!confirmed) return;
    remove.mutate(card.id, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('wallet.cards.removed') }),
      onError: (error) => Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) }),
    });
  };

  return (
    <SubPage title={t('wallet.cards.title')} fallback="/wallet">
      {cards.isPending && <Skeleton.Paragraph lineCount={5} animated className="page-skeleton" />}
      {cards.error && (
        <ErrorState
          title={t('wallet.cards.loadFailed')}
          error={cards.error}
          onRetry={() => void cards.refetch()}
          retryLabel={t('wallet.balance.retry')}
        />
      )}
      {cards.data && (
        <div className="bank-card-list" data-testid="bank-cards">
          {cards.data.length === 0 && (
            <ErrorBlock status="empty" title={t('wallet.cards.emptyTitle')} description={t('wallet.cards.emptyHint')} />
          )}
          {cards.data.map((card) => (
            <BankCardTile
              key={card.id}
              card={card}
              holder={holder}
              action={
                <Button
                  size="mini"
                  fill="none"
                  className="bank-card-remove"
                  loading={remove.isPending && remove.variables === card.id}
                  onClick={() => void confirmRemove(card)}
                  data-testid={`remove-card-${card.last4}`}
                >
                  {t('wallet.cards.remove')}
                </Button>
              }
            />
          ))}
        </div>
      )}
      <div className="wallet-result-actions">
        <WideButton onClick={() => navigate('/wallet/cards/bind')} testId="bind-card">
          <AddOutline /> {t('wallet.cards.bind')}
        </WideButton>
        <p className="wallet-footnote">{t('wallet.cards.privacy')}</p>
      </div>
    </SubPage>
  );
}
