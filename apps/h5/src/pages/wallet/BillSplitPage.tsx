import { List, Skeleton, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import {
  type BillSplit,
  type BillSplitShare,
  myUnpaidShare,
  useBillSplit,
  usePayBillSplitShare,
} from '../../bill-split-api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { formatInstant } from '../../time-format';
import { SplitProgress, SplitStatusTag } from './BillSplitsPage';
import { WideButton } from './form-parts';
import { walletErrorMessage } from './wallet-errors';

/** Who a share belongs to: me, the one who asked, or the n-th friend (with the masked phone when known). */
function useShareLabel(split: BillSplit) {
  const { t } = useTranslation();
  const requesterShares = split.shares.some((s) => s.customerId === split.requesterCustomerId) ? 1 : 0;
  return (share: BillSplitShare) => {
    if (share.isYou) return t('wallet.splits.me');
    if (share.customerId === split.requesterCustomerId) return t('wallet.splits.requester');
    const friend = t('wallet.splits.friend', { n: share.position + 1 - requesterShares });
    return share.phoneMasked ? `${friend} · ${share.phoneMasked}` : friend;
  };
}

export function BillSplitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const split = useBillSplit(id);
  return (
    <SubPage title={t('wallet.splits.detailTitle')} fallback="/wallet/splits">
      {split.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {/* A split that is not theirs (or none) is an answer, not a failure: its message, no 反馈问题. */}
      {split.error && (
        <ErrorState
          notFound={{ code: 'WALLET_BILL_SPLIT_NOT_FOUND', title: walletErrorMessage(t, split.error) }}
          title={t('wallet.splits.loadFailed')}
          error={split.error}
          onRetry={() => void split.refetch()}
          retryLabel={t('wallet.balance.retry')}
        />
      )}
      {split.data && <SplitDetail split={split.data} />}
    </SubPage>
  );
}

function SplitDetail({ split }: { split: BillSplit }) {
  const { t } = useTranslation();
  const money = useMoney();
  const pay = usePayBillSplitShare();
  const label = useShareLabel(split);
  const mine = myUnpaidShare(split);
  return (
    <div data-testid="split-detail">
      <section className="card split-head">
        <div className="split-head-row">
          <h2 className="split-head-title">{split.title}</h2>
          <SplitStatusTag split={split} />
        </div>
        <div className="split-head-total">{money(split.totalMinor)}</div>
        <SplitProgress split={split} />
        <div className="split-meta">
          {split.status === 'open'
            ? t('wallet.splits.expiresAt', { date: formatInstant(split.expiresAt) })
            : t('wallet.splits.createdAt', { date: formatInstant(split.createdAt) })}
        </div>
      </section>
      <List mode="card" header={t('wallet.splits.shares')} data-testid="split-shares">
        {split.shares.map((share) => (
          <List.Item
            key={share.position}
            description={share.paidAt ? t('wallet.splits.paidAt', { date: formatInstant(share.paidAt) }) : undefined}
            extra={
              <span className="split-share-extra">
                <span className="split-share-amount">{money(share.amountMinor)}</span>
                <Tag color={share.status === 'paid' ? 'success' : 'warning'} fill="outline">
                  {t(`wallet.splits.shareStatuses.${share.status}`)}
                </Tag>
              </span>
            }
          >
            {label(share)}
          </List.Item>
        ))}
      </List>
      {mine && split.status === 'open' && (
        <div className="wallet-result-actions">
          <WideButton
            loading={pay.isPending}
            onClick={() =>
              pay.mutate(split.id, {
                onSuccess: () => Toast.show({ icon: 'success', content: t('wallet.splits.paid') }),
                onError: (error) => Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) }),
              })
            }
            testId="split-pay"
          >
            {t('wallet.splits.pay', { amount: money(mine.amountMinor) })}
          </WideButton>
        </div>
      )}
    </div>
  );
}
