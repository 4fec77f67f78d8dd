import { Button, List, Skeleton, Toast } from 'antd-mobile';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { formatInstantDate } from '../../time-format';
import { type Points, usePoints, useRedeemPoints } from '../../wallet-api';
import { walletErrorMessage } from './wallet-errors';

export function PointsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const points = usePoints();
  const redeem = useRedeemPoints();
  const redeemable = Math.floor((points.data?.balance ?? 0) / 100) * 100;
  return (
    <SubPage title={t('wallet.points.title')} fallback="/wallet">
      {points.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {points.error && (
        <ErrorState
          title={t('wallet.balance.loadFailed')}
          error={points.error}
          onRetry={() => void points.refetch()}
          retryLabel={t('wallet.balance.retry')}
        />
      )}
      {points.data && (
        <>
          <section className="wallet-balance" data-testid="points-balance">
            <div className="wallet-balance-label">{t('wallet.points.balance')}</div>
            <div className="wallet-balance-amount">{points.data.balance}</div>
            <div className="wallet-balance-row">
              <span>{t('wallet.points.cashValue', { value: money(points.data.cashValueMinor) })}</span>
            </div>
          </section>
          {redeemable > 0 && (
            <div className="wallet-actions">
              <Button
                color="primary"
                shape="rounded"
                loading={redeem.isPending}
                onClick={() =>
                  redeem.mutate(redeemable, {
                    onSuccess: (result) =>
                      Toast.show({ content: t('wallet.points.redeemed', { value: money(result.creditedMinor) }) }),
                    onError: (error) => Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) }),
                  })
                }
              >
                {t('wallet.points.redeem', { points: redeemable })}
              </Button>
            </div>
          )}
          <List mode="card" header={t('wallet.points.lots')}>
            {points.data.lots.length === 0 && <List.Item>{t('wallet.points.empty')}</List.Item>}
            {points.data.lots.map((lot) => (
              <List.Item
                key={lot.id}
                description={`${t('wallet.points.earnedAt', { date: formatInstantDate(lot.earnedAt) })} · ${t('wallet.points.expiresAt', { date: formatInstantDate(lot.expiresAt) })}`}
                extra={<span className="wallet-amount-in">+{lot.points}</span>}
              >
                <span data-testid="points-lot-reason">
                  <LotReason lot={lot} />
                </span>
                <div className="wallet-lot-remaining">
                  {t('wallet.points.remaining', { remaining: lot.remaining, points: lot.points })}
                </div>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </SubPage>
  );
}

/**
 * Why the lot was earned, in the reader's language (its reasonCode): a bill's title and an operator's
 * own reason are their words, shown as written.
 */
function LotReason({ lot }: { lot: Points['lots'][number] }): ReactElement | string {
  const { t } = useTranslation();
  const detail = lot.reasonDetail;
  // Every code of the SDK's union: one the server adds fails type-checking here until it is said.
  switch (lot.reasonCode) {
    case 'valuable_feedback':
      return t('wallet.points.reasons.valuable_feedback');
    case 'other':
      return detail === null ? t('wallet.points.reasons.other') : <span data-user-content>{detail}</span>;
    case 'on_time_payment':
      return detail === null ? (
        t('wallet.points.reasons.on_time_payment')
      ) : (
        <>
          {t('wallet.points.reasons.on_time_payment')}
          {t('wallet.points.reasons.separator')}
          <span data-user-content>{detail}</span>
        </>
      );
  }
}
