// My rentals, newest first: each with its state, its line of copy, the phone and the rent.
import { Button, ErrorBlock, List, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { LinkItem } from '../../components/LinkItem';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { type RentalOrder, useRentalSummary, useRentals } from '../../rentals-api';
import { localText, stateColor } from './rental-format';
import './rentals.css';

function RentalName({ order }: { order: RentalOrder }) {
  const { t, i18n } = useTranslation();
  const summary = useRentalSummary(order.id, order.status).data;
  if (!summary) return <>{t('rentals.list.loadingName')}</>;
  const p = summary.product;
  return (
    <>
      {i18n.language === 'en' ? p.brand : p.brandNameZh} {p.model} {p.storageLabel}
    </>
  );
}

function RentalRow({ order }: { order: RentalOrder }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  return (
    <LinkItem
      to={`/rentals/${order.id}`}
      description={localText(order.customerState.copy, i18n.language)}
      extra={
        <div className="rental-row-extra">
          <Tag color={stateColor[order.customerState.state]}>{localText(order.customerState.label, i18n.language)}</Tag>
          <div className="muted">{t('rentals.list.rent', { amount: money(order.rentMinor) })}</div>
        </div>
      }
      data-testid="rental-row"
    >
      <RentalName order={order} />
    </LinkItem>
  );
}

export function RentalsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rentals = useRentals();
  const orders = rentals.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <SubPage title={t('rentals.list.title')} fallback="/orders">
      {rentals.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {rentals.error && <ErrorState title={t('rentals.loadFailed')} error={rentals.error} />}
      {rentals.data && orders.length === 0 && (
        <ErrorBlock status="empty" title={t('rentals.list.empty')} description={t('rentals.list.emptyHint')}>
          <Button color="primary" shape="rounded" onClick={() => navigate('/search')}>
            {t('rentals.list.browse')}
          </Button>
        </ErrorBlock>
      )}
      {orders.length > 0 && (
        <List mode="card" data-testid="rentals">
          {orders.map((order) => (
            <RentalRow key={order.id} order={order} />
          ))}
        </List>
      )}
      {rentals.hasNextPage && (
        <Button block fill="none" loading={rentals.isFetchingNextPage} onClick={() => void rentals.fetchNextPage()}>
          {t('bills.loadMore')}
        </Button>
      )}
    </SubPage>
  );
}
