// The auto-debit agreement card and the failed-debit line, shared by the rental and the installment
// order pages (issue #14, #15): Alipay cycle pay or WeChat entrusted debit (the customer chooses),
// through payments' agreements. Each page passes what
// a debit takes (the rent, the installment), where the sign page comes back to, its copy (`rentals.
// autoDebit` or `catalog.installment.autoDebit`, the same keys) and its test id prefix.
import { Button, Dialog, Radio, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorCode } from '../api';
import { useMoney } from '../money';
import {
  type Agreement,
  liveAgreement,
  useMyAgreements,
  useRefreshAgreement,
  useStartAgreement,
  useUnsignAgreement,
} from '../payments-api';
import { businessDateOf, formatDate, formatDayWords } from '../time-format';
import './auto-debit.css';

export type AutoDebitTexts = 'rentals.autoDebit' | 'catalog.installment.autoDebit';

/**
 * Auto-debit (Alipay cycle pay): on, with since when and the cap, and a way to end it; being turned
 * off (the customer asked, the channel has not confirmed: 解约处理中, with the day asked); being signed,
 * with a way back to the sign page; or off, with the button that turns it on after a confirmation
 * naming the amount, from (the channel) and to (Zulin). Back from the sign page (`?from=agreement`)
 * the channel is asked at once whether the payer signed.
 */
export function AutoDebitCard({
  amountMinor,
  back,
  texts,
  testId,
  fromAgreement,
}: {
  /** What each debit takes (the rent, the installment). */
  amountMinor: number;
  /** The page the sign page returns to. */
  back: string;
  texts: AutoDebitTexts;
  testId: string;
  fromAgreement: boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const agreements = useMyAgreements();
  const start = useStartAgreement();
  const refresh = useRefreshAgreement();
  const unsign = useUnsignAgreement();
  const live: Agreement | undefined = liveAgreement(agreements.data);
  const [asked, setAsked] = useState(false);
  const [chosen, setChosen] = useState<'alipay' | 'wechatpay'>('alipay');
  useEffect(() => {
    if (fromAgreement && !asked && live?.state === 'signing') {
      setAsked(true);
      refresh.mutate(live.id);
    }
  }, [fromAgreement, asked, live, refresh]);
  if (!agreements.data) return null;
  const channelName = (c: string) => (c === 'wechatpay' ? t('wallet.cashier.wechatpay') : t('wallet.cashier.alipay'));
  const channel = channelName(live?.channel ?? chosen);
  const turnOn = async () => {
    const ok = await Dialog.confirm({
      title: t(`${texts}.confirmTitle`),
      content: t(`${texts}.confirmBody`, { amount: money(amountMinor), channel }),
      confirmText: t(`${texts}.confirm`),
      cancelText: t('rentals.exit.back'),
    });
    if (!ok) return;
    start.mutate(
      { back, channel: chosen },
      { onError: () => Toast.show({ icon: 'fail', content: t(`${texts}.failed`) }) },
    );
  };
  const turnOff = async (agreement: Agreement) => {
    const ok = await Dialog.confirm({
      title: t(`${texts}.offTitle`),
      content: t(`${texts}.offBody`),
      confirmText: t(`${texts}.offConfirm`),
      cancelText: t('rentals.exit.back'),
    });
    if (!ok) return;
    unsign.mutate(agreement.id, {
      onSuccess: () => Toast.show({ icon: 'success', content: t(`${texts}.offDone`) }),
      // 503 PAYMENTS_CHANNEL_UNAVAILABLE: the request is kept and the card shows it waiting.
      onError: (error) =>
        Toast.show({
          icon: 'fail',
          content: t(errorCode(error) === 'PAYMENTS_CHANNEL_UNAVAILABLE' ? `${texts}.offWaiting` : `${texts}.failed`),
        }),
    });
  };
  return (
    <section className="card" data-testid={testId}>
      <h2 className="card-title">{t(`${texts}.title`)}</h2>
      {live?.state === 'active' && live.unsignRequestedAt ? (
        // The customer asked to end it and the channel has not confirmed: nothing is charged under
        // it (payments refuses PAYMENTS_AGREEMENT_UNSIGN_REQUESTED), and the server keeps asking.
        <>
          <div className="rental-auto-debit-pending" data-testid={`${testId}-unsign-pending`}>
            {t(`${texts}.unsignPending`, {
              channel,
              date: formatDate(businessDateOf(live.unsignRequestedAt)),
            })}
          </div>
          <p className="summary-note">{t(`${texts}.unsignPendingNote`, { channel })}</p>
        </>
      ) : live?.state === 'active' ? (
        <>
          <div className="rental-auto-debit-on" data-testid={`${testId}-on`}>
            {t(`${texts}.on`, { channel, since: formatDate(businessDateOf(live.stateSince)) })}
          </div>
          <p className="summary-note">{t(`${texts}.onNote`, { cap: money(live.perChargeMaxMinor) })}</p>
          <Button
            size="small"
            shape="rounded"
            loading={unsign.isPending}
            onClick={() => void turnOff(live)}
            data-testid={`${testId}-off`}
          >
            {t(`${texts}.off`)}
          </Button>
        </>
      ) : live?.state === 'signing' ? (
        <>
          <div data-testid={`${testId}-signing`}>{t(`${texts}.signing`, { channel })}</div>
          <div className="rental-actions">
            <Button
              size="small"
              shape="rounded"
              color="primary"
              onClick={() => {
                if (live.signUrl) window.location.assign(live.signUrl);
              }}
            >
              {t(`${texts}.continue`)}
            </Button>
            <Button
              size="small"
              shape="rounded"
              loading={refresh.isPending}
              onClick={() => refresh.mutate(live.id)}
              data-testid={`${testId}-check`}
            >
              {t(`${texts}.check`)}
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="summary-note">{t(`${texts}.offNote`, { channel })}</p>
          <div className="auto-debit-channel">
            <span className="muted">{t(`${texts}.chooseChannel`)}</span>
            <Radio.Group value={chosen} onChange={(value) => setChosen(value === 'wechatpay' ? 'wechatpay' : 'alipay')}>
              {(['alipay', 'wechatpay'] as const).map((c) => (
                <Radio key={c} value={c} data-testid={`${testId}-channel-${c}`} className="auto-debit-channel-option">
                  {channelName(c)}
                </Radio>
              ))}
            </Radio.Group>
          </div>
          <Button
            block
            shape="rounded"
            color="primary"
            fill="outline"
            loading={start.isPending}
            onClick={() => void turnOn()}
            data-testid={`${testId}-start`}
          >
            {t(`${texts}.start`)}
          </Button>
        </>
      )}
    </section>
  );
}

export interface AutoDebitFailure {
  billId: string;
  title: string;
  outstandingMinor: number;
  /** The next attempt's day, or null when no retry is left. */
  nextRetryDate: string | null;
}

/** Bills the channel refused to auto-debit: when each is tried again, and paying it now (立即支付). */
export function AutoDebitFailedCard({
  failures,
  texts,
  testId,
}: {
  failures: readonly AutoDebitFailure[];
  texts: AutoDebitTexts;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  if (failures.length === 0) return null;
  return (
    <section className="card rental-auto-debit-failed" data-testid={`${testId}-failed`}>
      {failures.map((f) => (
        <div key={f.billId} className="rental-auto-debit-failure">
          <div className="rental-auto-debit-failure-line" data-testid={`${testId}-failed-line`}>
            {f.nextRetryDate
              ? t(`${texts}.failedRetry`, { date: formatDayWords(f.nextRetryDate, i18n.language) })
              : t(`${texts}.failedFinal`)}
          </div>
          <div className="muted">
            {f.title} · {money(f.outstandingMinor)}
          </div>
          <Button
            size="small"
            shape="rounded"
            color="primary"
            onClick={() => navigate(`/bills/${f.billId}`)}
            data-testid={`${testId}-pay-now`}
          >
            {t(`${texts}.payNow`, { amount: money(f.outstandingMinor) })}
          </Button>
        </div>
      ))}
    </section>
  );
}
