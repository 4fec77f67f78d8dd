import { Button, List, Skeleton, Tabs, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BillFilter, useBills } from '../../bills-api';
import { ErrorState } from '../../components/ErrorState';
import { LinkItem } from '../../components/LinkItem';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { formatDate } from '../../time-format';
import { BillHelp } from './BillHelp';
import { billStatusText, statusColor } from './bill-format';

const filters = ['unpaid', 'all', 'paid', 'waived'] as const;

export function BillsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const [filter, setFilter] = useState<(typeof filters)[number]>('unpaid');
  const bills = useBills(filter === 'all' ? undefined : (filter as BillFilter));
  const rows = bills.data?.pages.flatMap((p) => p.data) ?? [];
  const summary = bills.data?.pages[0]?.summary;
  return (
    <SubPage title={t('bills.title')} fallback="/orders">
      <section className="wallet-balance bills-summary" data-testid="bills-summary">
        <div className="wallet-balance-label">{t('bills.summary.unpaid')}</div>
        <div className="wallet-balance-amount" data-testid="bills-unpaid">
          {summary ? money(summary.unpaidMinor) : '—'}
        </div>
        <div className="wallet-balance-row">
          {/* Nothing said while the summary is not read: a failed read is not 没有待支付的账单. */}
          <span>
            {summary &&
              (summary.unpaidBills > 0
                ? t('bills.summary.count', { count: summary.unpaidBills })
                : t('bills.summary.allClear'))}
          </span>
          {summary && summary.overdueMinor > 0 && (
            <span className="bills-overdue-note">
              {t('bills.summary.overdue', { amount: money(summary.overdueMinor) })}
            </span>
          )}
        </div>
      </section>
      <Tabs activeKey={filter} onChange={(key) => setFilter(key as (typeof filters)[number])} className="bills-tabs">
        {filters.map((f) => (
          <Tabs.Tab key={f} title={t(`bills.filters.${f}`)} />
        ))}
      </Tabs>
      {bills.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {bills.error && (
        <ErrorState
          title={t('bills.loadFailed')}
          error={bills.error}
          onRetry={() => void bills.refetch()}
          retryLabel={t('bills.retry')}
          retryTestId="bills-retry"
        />
      )}
      {bills.data && (
        <List mode="card" data-testid="bills-list">
          {rows.length === 0 && <List.Item>{t('bills.empty')}</List.Item>}
          {rows.map((bill) => (
            <LinkItem
              key={bill.id}
              to={`/bills/${bill.id}`}
              description={
                bill.daysOverdue > 0
                  ? t('bills.daysOverdue', { days: bill.daysOverdue })
                  : t('bills.due', { date: formatDate(bill.dueDate) })
              }
              extra={
                <div className="bill-row-extra">
                  <strong>
                    {money(
                      bill.status === 'paid' || bill.status === 'waived' ? bill.amountMinor : bill.outstandingMinor,
                    )}
                  </strong>
                  <Tag color={statusColor[bill.status]} fill="outline">
                    {billStatusText(t, bill)}
                  </Tag>
                </div>
              }
              data-testid="bill-row"
            >
              {bill.title}
            </LinkItem>
          ))}
        </List>
      )}
      <div className="wallet-more">
        {bills.hasNextPage ? (
          <Button size="small" loading={bills.isFetchingNextPage} onClick={() => void bills.fetchNextPage()}>
            {t('bills.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <span>{t('bills.end')}</span>
        )}
      </div>
      <BillHelp testId="bills-contact-support" />
    </SubPage>
  );
}
