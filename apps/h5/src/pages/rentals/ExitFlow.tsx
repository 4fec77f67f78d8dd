// Renew, buy out, return: ask for a quote (the amount, its lines, the formula in words, valid until),
// confirm the amount, from and to, then act on exactly that quote. An expired quote is never sent: the
// customer asks for a new one (the server refuses an expired one with RENTAL_QUOTE_EXPIRED too).
import { Button, Dialog, Popup, Selector, Skeleton, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorCode, useServerNow } from '../../api';
import { useMoney } from '../../money';
import {
  type ExitKind,
  type PickupSlot,
  type RentalExitQuote,
  type RentalOrder,
  useBuyOutRental,
  useExitQuote,
  useRenewRental,
  useReturnRental,
} from '../../rentals-api';
import { formatInstant } from '../../time-format';
import { formatDate, localText, rentalErrorMessage } from './rental-format';

const RENEW_MONTHS = [1, 3, 6, 12] as const;
const RENEW_DAYS = [7, 15, 30] as const;
const SLOTS: PickupSlot[] = ['09-12', '12-15', '15-18'];
/** The pick-up may be booked from today to 2 days on: what the courier books (RentalLimits.returnPickupDaysAhead). */
const PICKUP_DAYS_AHEAD = 2;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function isExpired(quote: RentalExitQuote, nowMs: number): boolean {
  return nowMs >= Date.parse(quote.validUntil);
}

export function QuoteView({ quote, expired }: { quote: RentalExitQuote; expired: boolean }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  return (
    <div className="exit-quote" data-testid="exit-quote">
      <div className="bill-head-label">{t(`rentals.exit.amountLabel.${quote.kind}`)}</div>
      <div className="bill-head-amount" data-testid="exit-quote-amount">
        {money(quote.amountMinor)}
      </div>
      <dl className="summary">
        {quote.lines.map((line, index) => (
          // Lines have no id; their position is stable within one quote.
          // biome-ignore lint/suspicious/noArrayIndexKey: the quote's lines never reorder
          <div key={`${line.code}-${index}`} className="summary-row">
            <dt>
              {localText(line.label, i18n.language)}
              {line.quantity !== undefined && line.unitMinor !== undefined && (
                <span className="muted">
                  {' '}
                  ({line.quantity} × {money(line.unitMinor)})
                </span>
              )}
            </dt>
            <dd>{line.amountMinor < 0 ? `−${money(-line.amountMinor)}` : money(line.amountMinor)}</dd>
          </div>
        ))}
      </dl>
      <p className="summary-note" data-testid="exit-quote-formula">
        {t('rentals.exit.formula')}: {localText(quote.formula, i18n.language)}
      </p>
      <p className={`summary-note ${expired ? 'exit-expired' : ''}`} data-testid="exit-quote-valid">
        {expired ? t('rentals.exit.expired') : t('rentals.exit.validUntil', { time: formatInstant(quote.validUntil) })}
      </p>
    </div>
  );
}

export function ExitFlow({
  order,
  kind,
  termUnit,
  today,
  onClose,
}: {
  order: RentalOrder;
  kind: ExitKind;
  termUnit: 'month' | 'day';
  /** The business date the quote was priced on (its asOf), for the pick-up dates. */
  today: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const ask = useExitQuote(order.id);
  const renew = useRenewRental(order.id);
  const buyOut = useBuyOutRental(order.id);
  const giveBack = useReturnRental(order.id);
  const [months, setMonths] = useState<number | null>(kind === 'renewal' ? null : 0);
  const [expired, setExpired] = useState(false);
  const [pickupDate, setPickupDate] = useState<string | null>(null);
  const [slot, setSlot] = useState<PickupSlot>('09-12');
  const quote = ask.data;
  const acting = renew.isPending || buyOut.isPending || giveBack.isPending;
  // A quote is valid until an instant of the server's clock: compared with it, not the phone's.
  const serverNow = useServerNow();

  const requestQuote = (count?: number) => {
    setExpired(false);
    ask.mutate(
      { kind, ...(count ? { months: count } : {}) },
      { onError: (error) => Toast.show({ icon: 'fail', content: rentalErrorMessage(t, error) }) },
    );
  };

  const act = async (q: RentalExitQuote) => {
    if (isExpired(q, serverNow())) {
      setExpired(true);
      return;
    }
    const date = pickupDate ?? q.asOf;
    const confirmed = await Dialog.confirm({
      title: t(`rentals.exit.confirmTitle.${kind}`),
      content: (
        <dl className="cashier-parties rental-confirm" data-testid="exit-confirm">
          <div>
            <dt>{t('rentals.confirm.amount')}</dt>
            <dd>{money(q.amountMinor)}</dd>
          </div>
          <div>
            <dt>{t('rentals.confirm.from')}</dt>
            <dd>{t('rentals.exit.from')}</dd>
          </div>
          <div>
            <dt>{t('rentals.confirm.to')}</dt>
            <dd>{t('wallet.cashier.merchant')}</dd>
          </div>
          <div>
            <dt>{t('rentals.confirm.how')}</dt>
            <dd>
              {t(`rentals.exit.how.${kind}`)}
              {kind === 'early_return' && ` ${t('rentals.exit.pickupOn', { date: formatDate(date), slot })}`}
            </dd>
          </div>
        </dl>
      ),
      confirmText: t('rentals.exit.confirm'),
      cancelText: t('rentals.exit.back'),
    });
    if (!confirmed) return;
    const onError = (error: unknown) => {
      if (errorCode(error) === 'RENTAL_QUOTE_EXPIRED') setExpired(true);
      Toast.show({ icon: 'fail', content: rentalErrorMessage(t, error) });
    };
    const after = (next: RentalOrder) => {
      onClose();
      const action = next.afterSales[0];
      if (kind === 'renewal' && action?.contractId) {
        // The renewal takes effect when its addendum is signed: the contract page, then back here.
        navigate(`/contracts/${action.contractId}?back=${encodeURIComponent(`/rentals/${order.id}?from=sign`)}`);
      } else if (action?.billId) {
        navigate(`/bills/${action.billId}`);
      } else {
        Toast.show({ icon: 'success', content: t(`rentals.exit.done.${kind}`) });
      }
    };
    if (kind === 'renewal') renew.mutate(q.id, { onSuccess: after, onError });
    else if (kind === 'buyout') buyOut.mutate(q.id, { onSuccess: after, onError });
    else giveBack.mutate({ quoteId: q.id, pickup: { date, slot } }, { onSuccess: after, onError });
  };

  const counts = termUnit === 'day' ? RENEW_DAYS : RENEW_MONTHS;
  return (
    <Popup visible onMaskClick={onClose} bodyClassName="rental-popup" destroyOnClose>
      <div className="rental-popup-title">{t(`rentals.exit.title.${kind}`)}</div>
      {kind === 'renewal' && (
        <>
          <p className="summary-note">{t('rentals.exit.pickTerm')}</p>
          <Selector
            columns={4}
            value={months ? [months] : []}
            onChange={(v) => {
              const count = v[0];
              if (count === undefined) return;
              setMonths(count);
              requestQuote(count);
            }}
            options={counts.map((count) => ({
              value: count,
              label:
                termUnit === 'day'
                  ? t('catalog.product.termDays', { count })
                  : t('catalog.product.termMonths', { count }),
            }))}
            data-testid="renew-months"
          />
        </>
      )}
      {kind !== 'renewal' && !quote && !ask.isPending && (
        <Button block shape="rounded" onClick={() => requestQuote()} data-testid="exit-ask">
          {t('rentals.exit.ask')}
        </Button>
      )}
      {ask.isPending && <Skeleton.Paragraph lineCount={4} animated />}
      {quote && !ask.isPending && (
        <>
          <QuoteView quote={quote} expired={expired} />
          {kind === 'early_return' && (
            <div className="exit-pickup" data-testid="exit-pickup">
              <p className="summary-note">{t('rentals.exit.pickup')}</p>
              <Selector
                columns={4}
                value={[pickupDate ?? quote.asOf]}
                onChange={(v) => v[0] && setPickupDate(v[0])}
                options={Array.from({ length: PICKUP_DAYS_AHEAD + 1 }, (_, i) => addDays(today ?? quote.asOf, i)).map(
                  (date) => ({ value: date, label: formatDate(date) }),
                )}
              />
              <Selector
                columns={3}
                value={[slot]}
                onChange={(v) => v[0] && setSlot(v[0])}
                options={SLOTS.map((s) => ({ value: s, label: `${s.replace('-', ':00–')}:00` }))}
              />
            </div>
          )}
          {expired ? (
            <Button
              block
              color="primary"
              shape="rounded"
              onClick={() => requestQuote(months ?? undefined)}
              data-testid="exit-requote"
            >
              {t('rentals.exit.requote')}
            </Button>
          ) : (
            <Button
              block
              color="primary"
              shape="rounded"
              size="large"
              loading={acting}
              onClick={() => void act(quote)}
              data-testid="exit-act"
            >
              {t(`rentals.exit.act.${kind}`, { amount: money(quote.amountMinor) })}
            </Button>
          )}
        </>
      )}
    </Popup>
  );
}
