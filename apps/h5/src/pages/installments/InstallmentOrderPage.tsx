// One of my installment orders: the annualised rate first, then what to do now — sign the contract
// (the contracts' signing page), pay the down payment (at the cashier, with a confirmation naming
// amount, from and to), or repay: the schedule with each period paid, to pay, overdue or not yet
// billed, and prepaying (reduce term, reduce installment, pay off) whose figure is the order's own
// prepay quote — the function the booking runs — confirmed with amount, from and to.
import { parseMajor } from '@zulin/kernel';
import { Button, Dialog, Input, List, NoticeBar, Selector, Skeleton, Tag, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useServerNow } from '../../api';
import { type BillChannel, useBill, usePayBillByChannel } from '../../bills-api';
import { AutoDebitCard, AutoDebitFailedCard } from '../../components/AutoDebitCard';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import {
  downloadPayoffCertificate,
  type InstallmentOrder,
  type OrderPrepayBody,
  useCancelOrder,
  useInstallmentOrder,
  useInstallmentTracking,
  useOrderPrepayQuote,
  usePrepayOrder,
} from '../../installment-api';
import { useMoney } from '../../money';
import { formatInstant } from '../../time-format';
import { useWallet } from '../../wallet-api';
import { percent2 } from '../catalog/InstallmentCalculator';
import { parseYuan } from '../wallet/wallet-errors';
import { installmentErrorMessage, orderStatusColor, periodStatusColor, periodStatusOf } from './installment-format';

type Strategy = OrderPrepayBody['strategy'];
const STRATEGIES: Strategy[] = ['reduce_term', 'reduce_installment', 'payoff'];

/** The schedule; a billed period opens its bill (to pay it, or to read what was paid). */
function OrderSchedule({ order }: { order: InstallmentOrder }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <table className="schedule-table" data-testid="order-schedule">
      <thead>
        <tr>
          <th>{t('catalog.installment.schedule.period')}</th>
          <th>{t('catalog.installment.schedule.dueDate')}</th>
          <th>{t('catalog.installment.schedule.payment')}</th>
          <th>{t('catalog.installment.schedule.principal')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {order.schedule.map((row) => {
          const status = periodStatusOf(row);
          return (
            <tr
              key={row.period}
              data-testid={`period-${row.period}`}
              data-status={status}
              className={row.billId ? 'schedule-row-link' : undefined}
            >
              <td>
                {row.billId ? (
                  // The link's box covers the row (styles.css `.schedule-link`): a tap anywhere opens the bill.
                  <Link to={`/bills/${row.billId}`} className="schedule-link" data-testid={`period-${row.period}-bill`}>
                    {row.period}
                  </Link>
                ) : (
                  row.period
                )}
              </td>
              <td>{row.dueDate}</td>
              <td>{money(row.paymentMinor)}</td>
              <td>{money(row.principalMinor)}</td>
              <td>
                <Tag color={periodStatusColor[status]} fill="outline">
                  {t(`catalog.installment.periodStatus.${status}`)}
                </Tag>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DownPayment({ order }: { order: InstallmentOrder }) {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const bill = order.bills.find((b) => b.kind === 'down_payment');
  const pay = usePayBillByChannel(bill?.billId ?? '');
  if (!bill) return null;
  const payWith = async (channel: BillChannel) => {
    const from = t(`wallet.cashier.${channel}`);
    const ok = await Dialog.confirm({
      title: t('catalog.installment.orders.confirmPayTitle'),
      content: (
        <div className="confirm-lines" data-testid="confirm-down-payment">
          {t('catalog.installment.orders.confirmPay', { amount: money(bill.amountMinor), from })
            .split('\n')
            .map((line) => (
              <div key={line}>{line}</div>
            ))}
        </div>
      ),
    });
    if (!ok) return;
    pay.mutate(channel, {
      onSuccess: (result) => {
        if (result.channelPayment)
          navigate(`/cashier/${result.channelPayment.id}?back=${encodeURIComponent(`/installments/${order.id}`)}`);
      },
      onError: (error) => Toast.show({ icon: 'fail', content: installmentErrorMessage(t, error) }),
    });
  };
  return (
    <section className="card" data-testid="down-payment">
      <h2 className="card-title">{t('catalog.installment.orders.payDown', { amount: money(bill.amountMinor) })}</h2>
      <p className="muted">{t('catalog.installment.orders.payDownHint')}</p>
      {(['alipay', 'wechatpay'] as const).map((channel) => (
        <Button
          key={channel}
          block
          color={channel === 'alipay' ? 'primary' : 'default'}
          className="pay-channel-button"
          loading={pay.isPending}
          onClick={() => void payWith(channel)}
          data-testid={`pay-down-${channel}`}
        >
          {t('catalog.installment.orders.payWith', { channel: t(`wallet.cashier.${channel}`) })}
        </Button>
      ))}
      <Button block fill="none" onClick={() => navigate(`/bills/${bill.billId}`)}>
        {t('catalog.installment.orders.moreWays')}
      </Button>
    </section>
  );
}

function Prepay({ order }: { order: InstallmentOrder }) {
  const { t } = useTranslation();
  const money = useMoney();
  const wallet = useWallet();
  const [strategy, setStrategy] = useState<Strategy>('reduce_term');
  const [yuan, setYuan] = useState('1000');
  // Yuan typed by the customer, parsed as money (never through a float): "12.345" is refused.
  const prepayMinor = parseYuan(yuan, parseMajor);
  const body: OrderPrepayBody | null =
    strategy === 'payoff' ? { strategy } : prepayMinor !== null ? { strategy, prepayMinor } : null;
  const quote = useOrderPrepayQuote(order.id, body);
  const prepay = usePrepayOrder(order.id);
  const q = quote.data;
  const partial = q && 'schedule' in q.quote ? q.quote : null;
  const submit = async () => {
    if (!q || !body) return;
    const ok = await Dialog.confirm({
      title: t('catalog.installment.prepay.confirmTitle'),
      content: (
        <div className="confirm-lines" data-testid="confirm-prepay">
          {t('catalog.installment.prepay.confirm', {
            amount: money(q.totalDueMinor),
            balance: money(wallet.data?.availableMinor ?? 0),
            order: order.deviceName,
          })
            .split('\n')
            .map((line) => (
              <div key={line}>{line}</div>
            ))}
        </div>
      ),
    });
    if (!ok) return;
    prepay.mutate(body, {
      onSuccess: (done) =>
        Toast.show({
          icon: 'success',
          content: t('catalog.installment.prepay.done', { amount: money(done.totalDueMinor) }),
        }),
      onError: (error) =>
        Toast.show({
          icon: 'fail',
          content: t('catalog.installment.prepay.failed', { message: installmentErrorMessage(t, error) }),
        }),
    });
  };
  const effective = order.schedule.find((row) => row.period === q?.paidPeriods);
  return (
    <section className="card" data-testid="order-prepay">
      <h2 className="card-title">{t('catalog.installment.prepay.title')}</h2>
      <Selector
        columns={3}
        value={[strategy]}
        onChange={(v) => v[0] && setStrategy(v[0])}
        options={STRATEGIES.map((s) => ({
          label: s === 'payoff' ? t('catalog.installment.prepay.payoff') : t(`catalog.installment.prepay.short.${s}`),
          value: s,
        }))}
        data-testid="prepay-strategy"
      />
      {strategy !== 'payoff' && (
        <div className="whatif-field">
          <span>{t('catalog.installment.prepay.amount')}</span>
          <Input
            type="number"
            value={yuan}
            onChange={setYuan}
            inputMode="decimal"
            aria-label={t('catalog.installment.prepay.amount')}
            data-testid="order-prepay-amount"
          />
        </div>
      )}
      {quote.error && (
        <p className="muted" data-testid="prepay-invalid">
          {t('catalog.installment.prepay.invalid', { message: installmentErrorMessage(t, quote.error) })}
        </p>
      )}
      {body && quote.isFetching && !q && <Skeleton.Paragraph lineCount={2} animated />}
      {q && !quote.error && (
        <>
          <dl className="calc-figures">
            <div>
              <dt>{t('catalog.installment.prepay.totalDue')}</dt>
              <dd data-testid="prepay-total">{money(q.totalDueMinor)}</dd>
            </div>
            {partial ? (
              <>
                <div>
                  <dt>{t('catalog.installment.prepay.principal')}</dt>
                  <dd>{money(partial.principalPrepaidMinor)}</dd>
                </div>
                <div>
                  <dt>{t('catalog.installment.prepay.after')}</dt>
                  <dd data-testid="prepay-effect">
                    {strategy === 'reduce_term'
                      ? t('catalog.installment.prepay.periodsLeft', { count: partial.schedule.length })
                      : t('catalog.installment.prepay.newInstallment', {
                          amount: money(partial.schedule[0]?.paymentMinor ?? 0),
                        })}
                  </dd>
                </div>
                <div>
                  <dt />
                  <dd data-testid="prepay-saved">
                    {t('catalog.installment.prepay.saved', { amount: money(partial.interestSavedMinor) })}
                  </dd>
                </div>
              </>
            ) : (
              'accruedInterestMinor' in q.quote && (
                <>
                  <div>
                    <dt>{t('catalog.installment.prepay.principal')}</dt>
                    <dd>{money(q.quote.principalMinor)}</dd>
                  </div>
                  <div>
                    <dt>{t('catalog.installment.prepay.interest')}</dt>
                    <dd>{money(q.quote.accruedInterestMinor)}</dd>
                  </div>
                </>
              )
            )}
          </dl>
          {partial && effective && (
            <p className="muted">
              {t('catalog.installment.prepay.effective', { period: effective.period, date: effective.dueDate })}
            </p>
          )}
          <Button
            block
            color="primary"
            size="large"
            loading={prepay.isPending}
            onClick={() => void submit()}
            data-testid="prepay-submit"
          >
            {t('catalog.installment.prepay.submit', { amount: money(q.totalDueMinor) })}
          </Button>
        </>
      )}
    </section>
  );
}

/** Before shipment (and before a first period bill) the customer may cancel the order. */
function cancellable(order: InstallmentOrder): boolean {
  if (order.status === 'active') {
    return order.fulfilment === 'awaiting_shipment' && order.bills.every((b) => b.kind === 'down_payment');
  }
  return (
    order.status === 'pending_review' ||
    order.status === 'awaiting_signature' ||
    order.status === 'awaiting_down_payment'
  );
}

/** The down payment paid so far, split by where its refund goes (the wallet, or the channel it came from). */
function CancelWithDownPayment({ order, billId }: { order: InstallmentOrder; billId: string }) {
  const bill = useBill(billId);
  if (!bill.data) return null;
  const walletMinor = bill.data.payments
    .filter((p) => p.method === 'wallet')
    .reduce((sum, p) => sum + p.amountMinor, 0);
  return <CancelOrder order={order} walletMinor={walletMinor} channelMinor={bill.data.paidMinor - walletMinor} />;
}

/** Cancel, confirmed with the refund: amount, from (Zulin, this order) and to (wallet / original channel). */
function CancelOrder({
  order,
  walletMinor,
  channelMinor,
}: {
  order: InstallmentOrder;
  walletMinor: number;
  channelMinor: number;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const cancel = useCancelOrder(order.id);
  const refundMinor = walletMinor + channelMinor;
  const to = [
    walletMinor > 0 ? t('catalog.installment.cancel.toWallet', { amount: money(walletMinor) }) : null,
    channelMinor > 0 ? t('catalog.installment.cancel.toChannel', { amount: money(channelMinor) }) : null,
  ]
    .filter((x) => x !== null)
    .join(t('catalog.installment.cancel.and'));
  const submit = async () => {
    const ok = await Dialog.confirm({
      title: t('catalog.installment.cancel.confirmTitle'),
      content: (
        <div className="confirm-lines" data-testid="confirm-cancel">
          {(refundMinor > 0
            ? t('catalog.installment.cancel.confirmRefund', { amount: money(refundMinor), order: order.deviceName, to })
            : t('catalog.installment.cancel.confirmNoRefund', { order: order.deviceName })
          )
            .split('\n')
            .map((line) => (
              <div key={line}>{line}</div>
            ))}
        </div>
      ),
    });
    if (!ok) return;
    cancel.mutate(t('catalog.installment.cancel.reason'), {
      onSuccess: (done) =>
        Toast.show({
          icon: 'success',
          content: t('catalog.installment.cancel.done', { amount: money(done.refundedMinor) }),
        }),
      onError: (error) =>
        Toast.show({
          icon: 'fail',
          content: t('catalog.installment.cancel.failed', { message: installmentErrorMessage(t, error) }),
        }),
    });
  };
  return (
    <section className="card" data-testid="order-cancel">
      <p className="muted">{t('catalog.installment.cancel.hint')}</p>
      <Button
        block
        fill="outline"
        color="danger"
        loading={cancel.isPending}
        onClick={() => void submit()}
        data-testid="order-cancel-button"
      >
        {t('catalog.installment.cancel.button')}
      </Button>
    </section>
  );
}

/** Where the phone is: 待发货, 已发货 (carrier, waybill, the tracking on demand) or 已签收; the IMEI once shipped. */
function Fulfilment({ order }: { order: InstallmentOrder }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const tracking = useInstallmentTracking(order.id, open && order.fulfilment !== 'awaiting_shipment');
  if (order.fulfilment === null) return null;
  const parcel = tracking.data?.parcels.find((p) => p.direction === 'outbound');
  return (
    <section className="card" data-testid="order-fulfilment" data-fulfilment={order.fulfilment}>
      <h2 className="card-title">{t('catalog.installment.orders.fulfilment.title')}</h2>
      <p data-testid="order-fulfilment-line">
        <Tag color={order.fulfilment === 'delivered' ? 'success' : 'primary'} fill="outline">
          {t(`catalog.installment.orders.fulfilment.${order.fulfilment}`)}
        </Tag>{' '}
        {order.fulfilment === 'awaiting_shipment' && t('catalog.installment.orders.fulfilment.awaitingHint')}
        {order.waybillNo !== null &&
          t('catalog.installment.orders.fulfilment.waybill', {
            carrier: t(`rentals.tracking.carrier.${order.carrier ?? ''}`, order.carrier ?? ''),
            waybillNo: order.waybillNo,
          })}
      </p>
      {order.imei !== null && (
        <p className="muted" data-testid="order-imei">
          IMEI {order.imei}
        </p>
      )}
      {order.waybillNo !== null && (
        <Button
          size="small"
          fill="none"
          color="primary"
          onClick={() => setOpen(!open)}
          data-testid="order-tracking-link"
        >
          {open
            ? t('catalog.installment.orders.fulfilment.hideTracking')
            : t('catalog.installment.orders.fulfilment.showTracking')}
        </Button>
      )}
      {open && parcel && (
        <List data-testid="order-tracking">
          {[...parcel.events].reverse().map((e) => (
            <List.Item key={`${e.at}-${e.state}`} description={`${e.localTime} · ${e.location}`}>
              {e.description[i18n.language === 'en' ? 'en' : 'zh-CN']}
            </List.Item>
          ))}
          {parcel.events.length === 0 && <List.Item>{t('rentals.tracking.noScans')}</List.Item>}
        </List>
      )}
    </section>
  );
}

/** Paid off and the phone is the customer's: the pay-off certificate (结清证明) to download. */
function PayoffCertificate({ order }: { order: InstallmentOrder }) {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  if (order.status !== 'paid_off') return null;
  return (
    <section className="card" data-testid="order-ownership">
      <p data-testid="order-ownership-line">
        {order.ownershipTransferredAt === null
          ? t('catalog.installment.orders.ownershipOnShipment')
          : t('catalog.installment.orders.ownership', { date: order.paidOffOn ?? '' })}
      </p>
      {order.ownershipTransferredAt !== null && (
        <Button
          block
          loading={loading}
          onClick={() => {
            setLoading(true);
            downloadPayoffCertificate(order.id)
              .catch(() => Toast.show({ icon: 'fail', content: t('catalog.installment.orders.certificateFailed') }))
              .finally(() => setLoading(false));
          }}
          data-testid="order-certificate"
        >
          {t('catalog.installment.orders.certificate')}
        </Button>
      )}
    </section>
  );
}

/** Minutes left until `iso` on the server's clock (not the phone's), refreshed every 30 s; null once past. */
function useMinutesLeft(iso: string | null): number | null {
  const serverNow = useServerNow();
  const [nowMs, setNowMs] = useState(serverNow);
  useEffect(() => {
    // Again when the server's clock becomes known (the status arrives after the order).
    setNowMs(serverNow());
    if (iso === null) return;
    const timer = window.setInterval(() => setNowMs(serverNow()), 30_000);
    return () => window.clearInterval(timer);
  }, [iso, serverNow]);
  if (iso === null) return null;
  const left = new Date(iso).getTime() - nowMs;
  return Number.isFinite(left) && left > 0 ? Math.ceil(left / 60_000) : null;
}

/**
 * While the order waits for the signature or the down payment: by when both must be done (the server's
 * unpaid-order sweep cancels it then and releases the phone), and the minutes left.
 */
function PaymentDeadline({ order }: { order: InstallmentOrder }) {
  const { t } = useTranslation();
  const waiting = order.status === 'awaiting_signature' || order.status === 'awaiting_down_payment';
  const minutes = useMinutesLeft(waiting ? order.paymentDeadlineAt : null);
  if (!waiting || order.paymentDeadlineAt === null) return null;
  const time = formatInstant(order.paymentDeadlineAt);
  return (
    <NoticeBar
      data-testid="order-deadline"
      color="alert"
      wrap
      content={
        minutes === null
          ? t('catalog.installment.orders.deadline', { time })
          : t('catalog.installment.orders.deadlineLeft', { time, count: minutes })
      }
    />
  );
}

export function InstallmentOrderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const order = useInstallmentOrder(id);
  const [search] = useSearchParams();
  const o = order.data;
  /** What the next debit takes: the first period not yet settled. */
  const nextPayment = o?.schedule.find((row) => row.billStatus !== 'paid' && row.billStatus !== 'waived');
  return (
    <SubPage title={t('catalog.installment.orders.detailTitle')} fallback="/installments">
      {order.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {order.error && (
        <ErrorState
          title={t('catalog.installment.orders.loadFailed')}
          error={order.error}
          onRetry={() => void order.refetch()}
          retryLabel={t('catalog.installment.orders.retry')}
        />
      )}
      {o && (
        <div className="installment-order" data-testid="installment-order">
          <section className="card">
            <div className="installment-order-head">
              <strong data-testid="order-device">{o.deviceName}</strong>
              <Tag
                color={orderStatusColor[o.status]}
                data-testid="order-status"
                data-status={o.expiredAt === null ? o.status : 'expired'}
              >
                {o.expiredAt === null
                  ? t(`catalog.installment.status.${o.status}`)
                  : t('catalog.installment.orders.expiredTag')}
              </Tag>
            </div>
            <div className="apr-headline" data-testid="apr">
              <span className="apr-label">{t('catalog.installment.calc.aprLabel')}</span>
              <strong className="apr-value">{percent2(o.aprSimpleBps)}</strong>
              <span className="apr-compound">
                {t('catalog.installment.calc.aprCompound', { rate: percent2(o.aprCompoundBps) })}
              </span>
            </div>
            <p className="muted">
              {t('catalog.installment.orders.priceLine', {
                price: money(o.priceMinor),
                down: money(o.downPaymentMinor),
                financed: money(o.principalMinor),
              })}
              <br />
              {t('catalog.installment.orders.termLine', {
                count: o.termMonths,
                method: t(`catalog.product.methods.${o.method}`),
              })}
              <br />
              <span data-testid="order-penalty-rate">
                {t('catalog.installment.orders.penaltyLine', { rate: percent2(o.penaltyAnnualRateBps) })}
              </span>
            </p>
            {o.status === 'active' && (
              <dl className="calc-figures">
                <div>
                  <dt>{t('catalog.installment.orders.paidOf', { paid: o.paidPeriods, total: o.schedule.length })}</dt>
                  <dd />
                </div>
                <div>
                  <dt>{t('catalog.installment.orders.balance')}</dt>
                  <dd data-testid="order-balance">{money(o.balanceMinor)}</dd>
                </div>
              </dl>
            )}
          </section>
          <PaymentDeadline order={o} />
          {o.status === 'pending_review' && <NoticeBar content={t('catalog.installment.orders.pendingReview')} wrap />}
          {o.status === 'rejected' && (
            <NoticeBar content={t('catalog.installment.orders.rejected')} color="alert" wrap />
          )}
          {o.status === 'awaiting_signature' && o.contractId && (
            <section className="card">
              <p>{t('catalog.installment.orders.signFirst')}</p>
              <Button
                block
                color="primary"
                size="large"
                onClick={() => navigate(`/contracts/${o.contractId}`)}
                data-testid="order-sign"
              >
                {t('catalog.installment.orders.sign')}
              </Button>
            </section>
          )}
          {o.status === 'awaiting_down_payment' && <DownPayment order={o} />}
          {o.status === 'paid_off' && (
            <NoticeBar content={t('catalog.installment.orders.paidOff')} color="success" wrap />
          )}
          {o.status === 'cancelled' && o.expiredAt === null && (
            <NoticeBar content={t('catalog.installment.orders.cancelled', { amount: money(o.refundedMinor) })} wrap />
          )}
          {o.status === 'cancelled' && o.expiredAt !== null && (
            <NoticeBar
              data-testid="order-expired"
              content={
                o.refundedMinor > 0
                  ? t('catalog.installment.orders.expiredRefunded', {
                      time: formatInstant(o.paymentDeadlineAt ?? o.expiredAt),
                      amount: money(o.refundedMinor),
                    })
                  : t('catalog.installment.orders.expired', {
                      time: formatInstant(o.paymentDeadlineAt ?? o.expiredAt),
                    })
              }
              wrap
            />
          )}
          <PayoffCertificate order={o} />
          <Fulfilment order={o} />
          <AutoDebitFailedCard
            failures={o.autoDebitFailures}
            texts="catalog.installment.autoDebit"
            testId="installment-auto-debit"
          />
          {o.status === 'active' && nextPayment && (
            <AutoDebitCard
              amountMinor={nextPayment.paymentMinor}
              back={`/installments/${o.id}`}
              texts="catalog.installment.autoDebit"
              testId="installment-auto-debit"
              fromAgreement={search.get('from') === 'agreement'}
            />
          )}
          <section className="card">
            <h2 className="card-title">{t('catalog.installment.orders.schedule')}</h2>
            <OrderSchedule order={o} />
          </section>
          {o.status === 'active' && <Prepay order={o} />}
          {cancellable(o) &&
            (o.bills.some((b) => b.kind === 'down_payment') ? (
              <CancelWithDownPayment order={o} billId={o.bills.find((b) => b.kind === 'down_payment')?.billId ?? ''} />
            ) : (
              <CancelOrder order={o} walletMinor={0} channelMinor={0} />
            ))}
          {o.prepayments.length > 0 && (
            <List mode="card" header={t('catalog.installment.orders.prepayments')} data-testid="order-prepayments">
              {o.prepayments.map((p) => (
                <List.Item key={p.id} extra={money(p.totalMinor)}>
                  {p.effectiveDate} ·{' '}
                  {p.strategy === 'payoff'
                    ? t('catalog.installment.prepay.payoff')
                    : t(`catalog.installment.strategies.${p.strategy}`)}
                </List.Item>
              ))}
            </List>
          )}
        </div>
      )}
    </SubPage>
  );
}
