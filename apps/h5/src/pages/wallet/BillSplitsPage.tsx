import { List, ProgressBar, Skeleton, Tabs, Tag } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type BillSplit, isAskedOfMe, myUnpaidShare, useBillSplits } from '../../bill-split-api';
import { ErrorState } from '../../components/ErrorState';
import { LinkItem } from '../../components/LinkItem';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { formatInstantDate } from '../../time-format';
import { WideButton } from './form-parts';

type Tab = 'mine' | 'asked';

const STATUS_COLORS = { open: 'warning', settled: 'success', expired: 'default' } as const;

export function SplitStatusTag({ split }: { split: BillSplit }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[split.status]} fill="outline" data-testid="split-status">
      {t(`wallet.splits.statuses.${split.status}`)}
    </Tag>
  );
}

/** How much of the bill has come in, as a bar and "¥x of ¥y". */
export function SplitProgress({ split }: { split: BillSplit }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <div className="split-progress">
      <ProgressBar
        percent={(split.paidMinor / split.totalMinor) * 100}
        style={split.status === 'settled' ? { '--fill-color': 'var(--adm-color-success)' } : undefined}
      />
      <span>{t('wallet.splits.paidOf', { paid: money(split.paidMinor), total: money(split.totalMinor) })}</span>
    </div>
  );
}

export function BillSplitsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const splits = useBillSplits();
  const [tab, setTab] = useState<Tab>('mine');
  const all = splits.data ?? [];
  const asked = all.filter(isAskedOfMe);
  const rows = tab === 'asked' ? asked : all.filter((split) => !isAskedOfMe(split));
  const waitingForMe = asked.filter((split) => split.status === 'open' && myUnpaidShare(split)).length;

  return (
    <SubPage title={t('wallet.splits.title')} fallback="/wallet">
      <Tabs activeKey={tab} onChange={(key) => setTab(key as Tab)} className="split-tabs">
        <Tabs.Tab title={t('wallet.splits.mine')} key="mine" />
        <Tabs.Tab
          title={
            <span data-testid="splits-tab-asked">
              {t('wallet.splits.asked')}
              {waitingForMe > 0 && <span className="tab-count">{waitingForMe}</span>}
            </span>
          }
          key="asked"
        />
      </Tabs>
      {splits.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {splits.error && (
        <ErrorState
          title={t('wallet.splits.loadFailed')}
          error={splits.error}
          onRetry={() => void splits.refetch()}
          retryLabel={t('wallet.balance.retry')}
        />
      )}
      {splits.data && (
        <List mode="card" data-testid={`splits-${tab}`}>
          {rows.length === 0 && (
            <List.Item>{tab === 'mine' ? t('wallet.splits.emptyMine') : t('wallet.splits.emptyAsked')}</List.Item>
          )}
          {rows.map((split) => {
            const mine = myUnpaidShare(split);
            return (
              <LinkItem
                key={split.id}
                to={`/wallet/splits/${split.id}`}
                description={
                  tab === 'asked' && mine && split.status === 'open' ? (
                    <span className="split-due">
                      {t('wallet.splits.yourShare', { amount: money(mine.amountMinor) })}
                    </span>
                  ) : (
                    <SplitProgress split={split} />
                  )
                }
                extra={<SplitStatusTag split={split} />}
                data-testid="split-row"
              >
                <div className="split-title">{split.title}</div>
                <div className="split-meta">
                  {money(split.totalMinor)} · {t('wallet.splits.people', { count: split.shares.length })} ·{' '}
                  {formatInstantDate(split.createdAt)}
                </div>
              </LinkItem>
            );
          })}
        </List>
      )}
      <div className="wallet-result-actions">
        <WideButton onClick={() => navigate('/wallet/splits/new')} testId="split-create">
          <AddOutline /> {t('wallet.splits.create')}
        </WideButton>
      </div>
    </SubPage>
  );
}
