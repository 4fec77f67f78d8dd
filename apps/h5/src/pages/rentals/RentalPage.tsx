// One rental of mine (issue #14): the customer state and its line of copy, the phone (IMEI once
// shipped), the money (rent, deposit waived and held), the actions allowed now (from the order
// machine, as the server lists them), open after-sale actions, the order's bills, the timeline, the
// contract PDF and 联系客服.
import { ActionSheet, Button, Dialog, List, Skeleton, Steps, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { AutoDebitCard, AutoDebitFailedCard } from '../../components/AutoDebitCard';
import { ErrorState } from '../../components/ErrorState';
import { LinkButton, LinkItem } from '../../components/LinkItem';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import {
  type CustomerAction,
  downloadRentalContract,
  type ExitKind,
  type FaultStatus,
  type RentalOrder,
  type RentalSummary,
  useAbandonAfterSale,
  useCancelRental,
  usePickupStores,
  useRental,
  useRentalBills,
  useRentalFaults,
  useRentalSummary,
  useRentalTracking,
} from '../../rentals-api';
import type { TicketKind } from '../../support-api';
import { statusColor as billColor, billStatusText } from '../bills/bill-format';
import { ExitFlow } from './ExitFlow';
import { FaultFlow } from './FaultFlow';
import { PayPopup } from './PayPopup';
import { formatDate, localText, rentalErrorMessage, stateColor } from './rental-format';
import './rentals.css';
import { formatInstant } from '../../time-format';

/** Came back from signing or the cashier: asked again while that step is still being applied. */
function waitingFor(from: string | null): CustomerAction[] {
  if (from === 'cashier') return ['pay'];
  if (from === 'sign') return ['sign', 'sign_renewal'];
  return [];
}

function DeviceCard({ summary }: { summary: RentalSummary }) {
  const { t, i18n } = useTranslation();
  const p = summary.product;
  const name = `${i18n.language === 'en' ? p.brand : p.brandNameZh} ${p.model}`;
  return (
    <section className="card rental-device" data-testid="rental-device">
      {p.imageUrl && <img src={p.imageUrl} alt={p.model} className="rental-device-image" />}
      <div>
        <div className="rental-device-name" data-testid="rental-product">
          {name}
        </div>
        <div className="muted">
          {p.storageLabel} · {p.colour} · {t(`catalog.conditions.${p.condition}`)}
        </div>
        <div className="muted" data-testid="rental-imei">
          {summary.imei ? t('rentals.detail.imei', { imei: summary.imei }) : t('rentals.detail.imeiLater')}
        </div>
        <div className="muted" data-testid="rental-term">
          {summary.term.unit === 'day'
            ? t('catalog.product.termDays', { count: summary.term.count })
            : t('catalog.product.termMonths', { count: summary.term.count })}
          {summary.term.renewedCount > 0 &&
            ` + ${
              summary.term.unit === 'day'
                ? t('catalog.product.termDays', { count: summary.term.renewedCount })
                : t('catalog.product.termMonths', { count: summary.term.renewedCount })
            }`}
        </div>
        {summary.startDate && summary.endDate && (
          <div
            className={summary.effectiveEnd ? 'rental-dates rental-dates-superseded' : 'rental-dates'}
            data-testid="rental-dates"
          >
            {t('rentals.detail.dates', {
              start: formatDate(summary.startDate),
              end: formatDate(summary.endDate),
            })}
          </div>
        )}
        {summary.effectiveEnd && (
          <div className="rental-dates" data-testid="rental-effective-end">
            {t(`rentals.detail.effectiveEnd.${summary.effectiveEnd.basis}`, {
              date: formatDate(summary.effectiveEnd.date),
            })}
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * Where 反馈问题 (a billing or delivery problem, as a support ticket linked to the order) is offered:
 * from shipping until the rental ends — in transit, on rent or being returned, feedback's
 * `problemReportPhases` over the states its `phaseOf` maps to them (packages/modules/feedback:
 * problem-report.ts, submit-feedback.ts). After the end the customer rates the rental or disputes the
 * inspection instead. Every state is listed, so a state the server adds fails type-checking here.
 */
const problemReportable: Record<RentalOrder['status'], boolean> = {
  draft: false,
  pending_review: false,
  approved: false,
  awaiting_signature: false,
  awaiting_payment: false,
  paid: false,
  shipped: true,
  delivered: true,
  active: true,
  renewed: true,
  return_requested: true,
  returning: true,
  inspecting: true,
  settled: false,
  closed: false,
  bought_out: false,
  cancelled: false,
  rejected: false,
  defaulted: false,
};
/** The problems 反馈问题 opens a ticket for (a faulty phone has 报修 and its own flow). */
const problemKinds = ['billing', 'logistics'] as const satisfies readonly TicketKind[];

/** The new-ticket page, linked to the order at once (and of a kind, when one was chosen). */
function newTicketLink(orderId: string, kind?: TicketKind): string {
  const query = new URLSearchParams({ orderId, ...(kind ? { kind } : {}) });
  return `/me/tickets/new?${query.toString()}`;
}

/** Orders whose rent is still to be paid: where auto-debit matters. */
const rentToCome: ReadonlySet<RentalOrder['status']> = new Set<RentalOrder['status']>([
  'paid',
  'shipped',
  'delivered',
  'active',
  'renewed',
]);

function MoneyCard({ order, summary }: { order: RentalOrder; summary: RentalSummary | undefined }) {
  const { t } = useTranslation();
  const money = useMoney();
  const rows = [
    {
      key: 'rent',
      label: summary?.term.unit === 'day' ? t('rentals.detail.dailyRent') : t('rentals.detail.rent'),
      value: money(order.rentMinor),
    },
    {
      key: 'first',
      label: t('rentals.detail.firstPayment'),
      value:
        order.firstPaymentFrom === 'wallet'
          ? t('rentals.detail.firstPaidFromWallet', { amount: money(order.firstPaymentMinor) })
          : money(order.firstPaymentMinor),
    },
    { key: 'deposit', label: t('rentals.quote.depositFull'), value: money(order.depositMinor) },
    { key: 'waived', label: t('rentals.quote.depositWaived'), value: `−${money(order.depositWaivedMinor)}` },
    { key: 'held', label: t('rentals.quote.depositHeld'), value: money(order.depositToHoldMinor) },
    ...(order.depositHold?.instrument === 'wallet'
      ? [
          {
            key: 'held-on',
            label: t('rentals.detail.heldOn'),
            value: t('rentals.detail.heldOnWallet', {
              held: money(
                order.depositHold.amountMinor - order.depositHold.capturedMinor - order.depositHold.releasedMinor,
              ),
            }),
          },
        ]
      : []),
    { key: 'buyout', label: t('rentals.quote.buyoutAtEnd'), value: money(order.buyoutAtEndMinor) },
  ];
  return (
    <section className="card" data-testid="rental-money">
      <h2 className="card-title">{t('rentals.detail.money')}</h2>
      <dl className="summary">
        {rows.map((row) => (
          <div key={row.key} className="summary-row">
            <dt>{row.label}</dt>
            <dd data-testid={`rental-money-${row.key}`}>{row.value}</dd>
          </div>
        ))}
      </dl>
      <p className="summary-note">{t('rentals.detail.depositNote')}</p>
    </section>
  );
}

function BillsCard({ order }: { order: RentalOrder }) {
  const { t } = useTranslation();
  const money = useMoney();
  const bills = useRentalBills(order.id, order.status);
  if (!bills.data || bills.data.length === 0) return null;
  return (
    <List mode="card" header={t('rentals.detail.bills')} data-testid="rental-bills">
      {bills.data.map((bill) => (
        <LinkItem
          key={bill.id}
          to={`/bills/${bill.id}`}
          description={t('bills.due', { date: formatDate(bill.dueDate) })}
          extra={
            <span>
              {money(bill.amountMinor)}{' '}
              <Tag color={billColor[bill.status]} fill="outline">
                {billStatusText(t, bill)}
              </Tag>
            </span>
          }
        >
          {bill.title}
        </LinkItem>
      ))}
    </List>
  );
}

function AfterSalesCard({ order }: { order: RentalOrder }) {
  const { t } = useTranslation();
  const money = useMoney();
  const open = order.afterSales.filter((a) => a.status === 'open');
  if (open.length === 0) return null;
  return (
    <List mode="card" header={t('rentals.detail.afterSales')} data-testid="rental-after-sales">
      {open.map((a) => (
        <List.Item
          key={a.id}
          description={
            a.pickup ? t('rentals.exit.pickupOn', { date: formatDate(a.pickup.date), slot: a.pickup.slot }) : undefined
          }
          extra={money(a.amountMinor)}
        >
          {t(`rentals.afterSale.${a.kind}`)}
        </List.Item>
      ))}
    </List>
  );
}

const faultColor: Record<FaultStatus, 'primary' | 'success' | 'warning' | 'default'> = {
  reported: 'warning',
  diagnosing: 'warning',
  repairing: 'primary',
  swapping: 'primary',
  resolved: 'success',
};

/** The faults I reported: where each stands, the new phone of a swap, the rent not charged. */
function FaultsCard({ order }: { order: RentalOrder }) {
  const { t } = useTranslation();
  const money = useMoney();
  const faults = useRentalFaults(order.id, `${order.status}:${order.openAfterSale ?? ''}:${order.timeline.length}`);
  if (!faults.data || faults.data.length === 0) return null;
  return (
    <List mode="card" header={t('rentals.fault.listTitle')} data-testid="rental-faults">
      {faults.data.map((f) => (
        <List.Item
          key={f.id}
          data-testid="rental-fault"
          description={
            <>
              <div>{f.description}</div>
              {f.replacementImei && (
                <div data-testid="rental-fault-replacement">
                  {t('rentals.fault.replacement', { imei: f.replacementImei })}
                </div>
              )}
              {f.creditMinor > 0 && (
                <div data-testid="rental-fault-credit">
                  {t('rentals.fault.credit', { days: f.faultDays, amount: money(f.creditMinor) })}
                </div>
              )}
            </>
          }
          extra={
            <Tag color={faultColor[f.status]} data-testid="rental-fault-status">
              {t(`rentals.fault.status.${f.status}`)}
            </Tag>
          }
        >
          {t('rentals.fault.reportedOn', { date: formatDate(f.reportedOn) })}
        </List.Item>
      ))}
    </List>
  );
}

/** Each parcel of the order (the phone out, the return pick-up, a fault's parcels) with its scans, newest first. */
function ParcelsCard({ order }: { order: RentalOrder }) {
  const { t, i18n } = useTranslation();
  const tracking = useRentalTracking(order.id, order.status);
  const parcels = tracking.data?.parcels ?? [];
  if (parcels.length === 0) return null;
  return (
    <section className="card" data-testid="rental-parcels">
      <h2 className="card-title">{t('rentals.tracking.title')}</h2>
      {parcels.map((p) => (
        <div key={`${p.carrier}-${p.waybillNo}`} className="rental-parcel" data-testid="rental-parcel">
          <div className="rental-parcel-head">
            <span>
              {t(`rentals.tracking.direction.${p.direction}`)} · {t(`rentals.tracking.carrier.${p.carrier}`, p.carrier)}
            </span>
            <Tag data-testid="rental-parcel-state">{t(`rentals.tracking.state.${p.state}`)}</Tag>
          </div>
          <div className="muted" data-testid="rental-parcel-waybill">
            {t('rentals.tracking.waybill', { waybillNo: p.waybillNo })}
          </div>
          {p.events.length === 0 ? (
            <div className="muted" data-testid="rental-parcel-no-scans">
              {t(p.state === 'cancelled' ? 'rentals.tracking.cancelledNoScans' : 'rentals.tracking.noScans')}
            </div>
          ) : (
            <Steps direction="vertical" current={0}>
              {[...p.events].reverse().map((e) => (
                <Steps.Step
                  key={`${e.at}-${e.state}`}
                  status={e.state === 'exception' ? 'error' : 'finish'}
                  title={localText(e.description, i18n.language)}
                  description={`${e.localTime} · ${e.location}`}
                />
              ))}
            </Steps>
          )}
        </div>
      ))}
    </section>
  );
}

function Timeline({ order }: { order: RentalOrder }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="rental-timeline">
      <h2 className="card-title">{t('rentals.detail.timeline')}</h2>
      <Steps direction="vertical" current={order.timeline.length - 1}>
        {[...order.timeline].reverse().map((entry) => (
          <Steps.Step
            key={entry.seq}
            status="finish"
            title={t(`rentals.timelineActions.${entry.action}`)}
            description={formatInstant(entry.at)}
          />
        ))}
      </Steps>
    </section>
  );
}

function Actions({ order, summary }: { order: RentalOrder; summary: RentalSummary | undefined }) {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const cancel = useCancelRental(order.id);
  const abandon = useAbandonAfterSale(order.id);
  const [paying, setPaying] = useState(false);
  const [exit, setExit] = useState<ExitKind | null>(null);
  const [reporting, setReporting] = useState(false);
  const [reportingProblem, setReportingProblem] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const has = (action: CustomerAction) => order.actions.includes(action);
  const openAction = order.afterSales.find((a) => a.status === 'open');

  const confirmCancel = async () => {
    const paid = order.status === 'paid';
    const ok = await Dialog.confirm({
      title: t('rentals.cancel.title'),
      content: paid
        ? t(order.firstPaymentFrom === 'wallet' ? 'rentals.cancel.refundToWallet' : 'rentals.cancel.refund', {
            amount: money(order.firstPaymentMinor),
          })
        : t('rentals.cancel.noRefund'),
      confirmText: t('rentals.cancel.confirm'),
      cancelText: t('rentals.exit.back'),
    });
    if (!ok) return;
    cancel.mutate(undefined, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('rentals.cancel.done') }),
      onError: (error) => Toast.show({ icon: 'fail', content: rentalErrorMessage(t, error) }),
    });
  };
  const confirmAbandon = async (kind: 'renewal' | 'buyout' | 'return') => {
    const ok = await Dialog.confirm({
      title: t(`rentals.abandon.${kind}`),
      content: t('rentals.abandon.hint'),
      confirmText: t('rentals.abandon.confirm'),
      cancelText: t('rentals.exit.back'),
    });
    if (!ok) return;
    abandon.mutate(kind, { onError: (error) => Toast.show({ icon: 'fail', content: rentalErrorMessage(t, error) }) });
  };
  const download = async () => {
    setDownloading(true);
    try {
      await downloadRentalContract(order.id);
    } catch {
      Toast.show({ icon: 'fail', content: t('contracts.detail.downloadFailed') });
    } finally {
      setDownloading(false);
    }
  };
  const signBack = encodeURIComponent(`/rentals/${order.id}?from=sign`);

  // An action that opens a page is a link (`to`); one that acts here is a button (`onClick`).
  const buttons: {
    key: string;
    label: string;
    primary?: boolean;
    to?: string;
    onClick?: () => void;
    loading?: boolean;
  }[] = [];
  if (has('sign') && order.contractId)
    buttons.push({
      key: 'sign',
      label: t('rentals.actions.sign'),
      primary: true,
      to: `/contracts/${order.contractId}?back=${signBack}`,
    });
  if (has('pay'))
    buttons.push({
      key: 'pay',
      label: t('rentals.actions.pay', { amount: money(order.firstPaymentMinor) }),
      primary: true,
      onClick: () => setPaying(true),
    });
  if (has('sign_renewal') && openAction?.contractId)
    buttons.push({
      key: 'sign_renewal',
      label: t('rentals.actions.sign_renewal'),
      primary: true,
      to: `/contracts/${openAction.contractId}?back=${signBack}`,
    });
  if (has('pay_buyout') && openAction?.billId)
    buttons.push({
      key: 'pay_buyout',
      label: t('rentals.actions.pay_buyout'),
      primary: true,
      to: `/bills/${openAction.billId}`,
    });
  if (has('renew'))
    buttons.push({ key: 'renew', label: t('rentals.actions.renew'), onClick: () => setExit('renewal') });
  if (has('buy_out'))
    buttons.push({ key: 'buy_out', label: t('rentals.actions.buy_out'), onClick: () => setExit('buyout') });
  if (has('return'))
    buttons.push({ key: 'return', label: t('rentals.actions.return'), onClick: () => setExit('early_return') });
  if (has('report_fault'))
    buttons.push({
      key: 'report_fault',
      label: t('rentals.actions.report_fault'),
      onClick: () => setReporting(true),
    });
  if (problemReportable[order.status])
    buttons.push({
      key: 'report_problem',
      label: t('feedback.problem.action'),
      onClick: () => setReportingProblem(true),
    });
  if (has('rate'))
    buttons.push({
      key: 'rate',
      label: t('rentals.actions.rate'),
      to: `/orders/${order.id}/rate`,
    });
  if (has('appeal')) buttons.push({ key: 'appeal', label: t('rentals.actions.appeal'), to: '/me/credit' });
  // Graded: the inspection (photos, charges) has its page, where 对检测结果有异议 sends the dispute.
  if (order.timeline.some((entry) => entry.action === 'settle'))
    buttons.push({ key: 'inspection', label: t('rentals.inspection.open'), to: `/rentals/${order.id}/inspection` });
  if (has('dispute'))
    buttons.push({
      key: 'dispute',
      label: t('rentals.actions.dispute'),
      to: `/rentals/${order.id}/inspection?dispute=1`,
    });
  if (has('view_contract'))
    buttons.push({
      key: 'view_contract',
      label: t('rentals.actions.view_contract'),
      onClick: () => void download(),
      loading: downloading,
    });
  if (has('cancel_renewal'))
    buttons.push({
      key: 'cancel_renewal',
      label: t('rentals.actions.cancel_renewal'),
      onClick: () => void confirmAbandon('renewal'),
    });
  if (has('cancel_buyout'))
    buttons.push({
      key: 'cancel_buyout',
      label: t('rentals.actions.cancel_buyout'),
      onClick: () => void confirmAbandon('buyout'),
    });
  if (has('cancel_return'))
    buttons.push({
      key: 'cancel_return',
      label: t('rentals.actions.cancel_return'),
      onClick: () => void confirmAbandon('return'),
    });
  if (has('cancel'))
    buttons.push({
      key: 'cancel',
      label: t('rentals.actions.cancel'),
      onClick: () => void confirmCancel(),
      loading: cancel.isPending,
    });

  return (
    <>
      <div className="rental-actions" data-testid="rental-actions">
        {buttons.map((b) =>
          b.to !== undefined ? (
            <LinkButton key={b.key} to={b.to} primary={b.primary} data-testid={`rental-action-${b.key}`}>
              {b.label}
            </LinkButton>
          ) : (
            <Button
              key={b.key}
              block
              shape="rounded"
              color={b.primary ? 'primary' : 'default'}
              loading={b.loading}
              onClick={b.onClick}
              data-testid={`rental-action-${b.key}`}
            >
              {b.label}
            </Button>
          ),
        )}
        <Button
          block
          fill="none"
          shape="rounded"
          onClick={() => navigate('/help')}
          data-testid="rental-contact-support"
        >
          {t('rentals.actions.support')}
        </Button>
      </div>
      {has('pay') && <PayPopup order={order} visible={paying} onClose={() => setPaying(false)} />}
      {reporting && <FaultFlow order={order} onClose={() => setReporting(false)} />}
      <ActionSheet
        visible={reportingProblem}
        extra={
          <div className="rental-problem-head" data-testid="rental-problem-sheet">
            <div>{t('feedback.problem.title')}</div>
            <div className="muted">{t('feedback.problem.hint')}</div>
          </div>
        }
        actions={problemKinds.map((kind) => ({ key: kind, text: t(`feedback.problem.${kind}`) }))}
        cancelText={t('feedback.problem.cancel')}
        closeOnAction
        onAction={(action) => {
          const kind = problemKinds.find((k) => k === action.key);
          if (kind) navigate(newTicketLink(order.id, kind));
        }}
        onClose={() => setReportingProblem(false)}
      />
      {exit && (
        <ExitFlow
          order={order}
          kind={exit}
          termUnit={summary?.term.unit ?? 'month'}
          today={undefined}
          onClose={() => setExit(null)}
        />
      )}
    </>
  );
}

/** 门店自提: the store the phone goes to, and where the pick-up code is (the SMS and the inbox). */
function PickupStoreCard({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const stores = usePickupStores(true);
  const store = stores.data?.data.find((s) => s.code === code);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <section className="card" data-testid="rental-pickup-store">
      <h2 className="card-title">{t('rentals.detail.pickupStore')}</h2>
      {store && (
        <>
          <div data-testid="rental-pickup-store-name">{store.name[lang]}</div>
          <div className="muted">{store.addressLine}</div>
          <div className="muted">
            {t('rentals.checkout.storeHours', { open: store.openHour, close: store.closeHour })}
          </div>
        </>
      )}
      <p className="muted">{t('rentals.detail.pickupCodeWhere')}</p>
      <Button size="small" fill="outline" onClick={() => navigate('/me/inbox')} data-testid="rental-pickup-code">
        {t('rentals.detail.pickupCodeOpen')}
      </Button>
    </section>
  );
}

export function RentalPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const rental = useRental(id, waitingFor(search.get('from')));
  const order = rental.data;
  const summary = useRentalSummary(id, order?.status);
  return (
    <SubPage title={t('rentals.detail.title')} fallback="/rentals">
      {rental.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {rental.error && (
        <ErrorState
          title={t('rentals.loadFailed')}
          error={rental.error}
          onRetry={() => void rental.refetch()}
          retryLabel={t('bills.retry')}
        />
      )}
      {order && (
        <>
          <section className="bill-head" data-testid="rental-head">
            <Tag color={stateColor[order.customerState.state]} data-testid="rental-state">
              {localText(order.customerState.label, i18n.language)}
            </Tag>
            <div className="rental-copy" data-testid="rental-copy">
              {localText(order.customerState.copy, i18n.language)}
            </div>
            <div className="bill-head-meta">{t('rentals.detail.number', { id: order.id })}</div>
          </section>
          {summary.data && <DeviceCard summary={summary.data} />}
          {summary.data && (
            <AutoDebitFailedCard
              failures={summary.data.autoDebitFailures}
              texts="rentals.autoDebit"
              testId="rental-auto-debit"
            />
          )}
          {order.pickupStoreCode && <PickupStoreCard code={order.pickupStoreCode} />}
          <Actions order={order} summary={summary.data} />
          {rentToCome.has(order.status) && (
            <AutoDebitCard
              amountMinor={order.rentMinor}
              back={`/rentals/${order.id}`}
              texts="rentals.autoDebit"
              testId="rental-auto-debit"
              fromAgreement={search.get('from') === 'agreement'}
            />
          )}
          <AfterSalesCard order={order} />
          <FaultsCard order={order} />
          <ParcelsCard order={order} />
          <MoneyCard order={order} summary={summary.data} />
          <BillsCard order={order} />
          <Timeline order={order} />
        </>
      )}
    </SubPage>
  );
}
