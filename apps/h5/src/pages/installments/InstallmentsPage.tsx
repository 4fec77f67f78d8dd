// My installments: every order, newest first, with its status, the annualised rate first, the
// periods paid and what is due next.
import { Button, ErrorBlock, List, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { LinkItem } from '../../components/LinkItem';
import { SubPage } from '../../components/SubPage';
import { useInstallmentOrders } from '../../installment-api';
import { useMoney } from '../../money';
import { percent2 } from '../catalog/InstallmentCalculator';
import { nextDueOf, orderStatusColor } from './installment-format';

export function InstallmentsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const orders = useInstallmentOrders();
  const rows = orders.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <SubPage title={t('catalog.installment.orders.title')} fallback="/orders">
      {orders.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {orders.error && (
        <ErrorState
          title={t('catalog.installment.orders.loadFailed')}
          error={orders.error}
          onRetry={() => void orders.refetch()}
          retryLabel={t('catalog.installment.orders.retry')}
        />
      )}
      {orders.data && rows.length === 0 && (
        <ErrorBlock status="empty" title={t('catalog.installment.orders.empty')} description="" />
      )}
      {rows.length > 0 && (
        <List mode="card" data-testid="installment-orders">
          {rows.map((order) => {
            const next = order.status === 'active' ? nextDueOf(order) : undefined;
            return (
              <LinkItem
                key={order.id}
                to={`/installments/${order.id}`}
                data-testid="installment-order-row"
                description={
                  <>
                    <div>
                      {t('catalog.installment.calc.aprLabel')} <strong>{percent2(order.aprSimpleBps)}</strong>
                    </div>
                    <div>
                      {t('catalog.installment.orders.paidOf', {
                        paid: order.paidPeriods,
                        total: order.schedule.length,
                      })}
                      {next &&
                        ` · ${t('catalog.installment.orders.nextDue', { date: next.dueDate, amount: money(next.paymentMinor) })}`}
                    </div>
                  </>
                }
                extra={
                  <Tag color={orderStatusColor[order.status]}>{t(`catalog.installment.status.${order.status}`)}</Tag>
                }
              >
                {order.deviceName}
              </LinkItem>
            );
          })}
        </List>
      )}
      {orders.hasNextPage && (
        <Button block fill="none" loading={orders.isFetchingNextPage} onClick={() => void orders.fetchNextPage()}>
          {t('bills.loadMore')}
        </Button>
      )}
    </SubPage>
  );
}
