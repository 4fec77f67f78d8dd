import { Button, List, Skeleton, Tabs, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { LinkItem } from '../../components/LinkItem';
import { SubPage } from '../../components/SubPage';
import { type ContractFilter, useContracts } from '../../contracts-api';
import { useMoney } from '../../money';
import { percent, statusColor, templateTitle, useBusinessTime } from './contract-format';

const filters = ['all', 'draft', 'signed'] as const;

export function ContractsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const [filter, setFilter] = useState<(typeof filters)[number]>('all');
  const contracts = useContracts(filter === 'all' ? undefined : (filter as ContractFilter));
  const rows = contracts.data?.pages.flatMap((p) => p.data) ?? [];
  const time = useBusinessTime();
  return (
    <SubPage title={t('contracts.title')} fallback="/orders">
      <Tabs activeKey={filter} onChange={(key) => setFilter(key as (typeof filters)[number])} className="bills-tabs">
        {filters.map((f) => (
          <Tabs.Tab key={f} title={t(`contracts.filters.${f}`)} />
        ))}
      </Tabs>
      {contracts.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {contracts.error && (
        <ErrorState
          title={t('contracts.loadFailed')}
          error={contracts.error}
          onRetry={() => void contracts.refetch()}
        />
      )}
      {contracts.data && (
        <List mode="card" data-testid="contracts-list">
          {rows.length === 0 && <List.Item>{t('contracts.empty')}</List.Item>}
          {rows.map((c) => {
            const apr = typeof c.terms.aprBps === 'number' ? c.terms.aprBps : null;
            const rent = typeof c.terms.rentMinor === 'number' ? c.terms.rentMinor : null;
            return (
              <LinkItem
                key={c.id}
                to={`/contracts/${c.id}`}
                description={
                  c.signedAt
                    ? t('contracts.signedAt', { date: time.day(c.signedAt) })
                    : t('contracts.createdAt', { date: time.day(c.createdAt) })
                }
                extra={
                  <div className="bill-row-extra">
                    {apr !== null && <strong>{`APR ${percent(apr)}`}</strong>}
                    {apr === null && rent !== null && <strong>{money(rent)}</strong>}
                    <Tag color={statusColor[c.status]} fill="outline">
                      {t(`contracts.status.${c.status}`)}
                    </Tag>
                  </div>
                }
                data-testid="contract-row"
                data-id={c.id}
              >
                {templateTitle(t, c.template)}
                {typeof c.terms.productName === 'string' && (
                  <div className="contract-row-product">{c.terms.productName}</div>
                )}
              </LinkItem>
            );
          })}
        </List>
      )}
      <div className="wallet-more">
        {contracts.hasNextPage ? (
          <Button size="small" loading={contracts.isFetchingNextPage} onClick={() => void contracts.fetchNextPage()}>
            {t('contracts.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <span>{t('contracts.end')}</span>
        )}
      </div>
    </SubPage>
  );
}
