// The cashier (sandbox mode): where a person pays one of their payments at Alipay or WeChat Pay as
// the sandbox plays them. It shows the amount, from (the payer's Alipay / WeChat Pay) and to (the
// merchant, with its merchant number), then pays, fails or walks away. When the payment is decided
// it goes back where it came from (`?back=`: the bill, the top-up's result).
import { Button, Result, SpinLoading, Toast } from 'antd-mobile';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { type CashierOutcome, type Payment, useActAtCashier, usePayment, useSandboxTrade } from '../../payments-api';

/** Only paths of this app: `?back=` never sends the payer to another site. */
function safeBack(back: string | null): string {
  return back?.startsWith('/') && !back.startsWith('//') ? back : '/';
}

export function CashierPage() {
  const { t } = useTranslation();
  const { paymentId = '' } = useParams();
  const [search] = useSearchParams();
  const back = safeBack(search.get('back'));
  const navigate = useNavigate();
  const payment = usePayment(paymentId, true);
  const state = payment.data?.state;
  // A decided payment goes back at once when it succeeded; the payer reads the rest here.
  useEffect(() => {
    if (state === 'succeeded') navigate(back, { replace: true });
  }, [state, back, navigate]);
  return (
    <SubPage title={t('wallet.cashier.title')} fallback={back}>
      {/* No such payment of theirs is an answer, not a failure: no 反馈问题. */}
      {payment.isError && (
        <ErrorState
          notFound={{ code: 'PAYMENTS_ORDER_NOT_FOUND', title: t('wallet.cashier.notFound') }}
          title={t('wallet.cashier.loadFailed')}
          error={payment.error}
          onRetry={() => void payment.refetch()}
        />
      )}
      {payment.data && <CashierBody payment={payment.data} back={back} />}
      {!payment.data && !payment.isError && (
        <div className="empty-state">
          <SpinLoading color="primary" />
        </div>
      )}
    </SubPage>
  );
}

function CashierBody({ payment, back }: { payment: Payment; back: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const trade = useSandboxTrade(payment.state === 'pending' ? payment.cashierUrl : null);
  const act = useActAtCashier();
  if (payment.state === 'created' || payment.state === 'unknown') {
    return (
      <div className="empty-state" data-testid="cashier-opening">
        <SpinLoading color="primary" />
        <p className="page-intro">{t('wallet.cashier.opening')}</p>
      </div>
    );
  }
  if (payment.state !== 'pending') {
    return (
      <div data-testid={`cashier-${payment.state}`}>
        <Result
          status={payment.state === 'succeeded' ? 'success' : 'warning'}
          title={
            payment.state === 'succeeded'
              ? t('wallet.cashier.succeeded')
              : t('wallet.cashier.ended', { state: payment.state })
          }
          description={money(payment.amountMinor)}
        />
        <div className="wallet-result-actions">
          <Button block shape="rounded" onClick={() => navigate(back, { replace: true })}>
            {t('wallet.cashier.back')}
          </Button>
        </div>
      </div>
    );
  }
  const tradeId = payment.cashierUrl?.split('/').at(-1) ?? '';
  const instrument = payment.channel === 'alipay' ? t('wallet.cashier.alipay') : t('wallet.cashier.wechatpay');
  const press = (outcome: CashierOutcome) =>
    act.mutate(
      { tradeId, outcome },
      {
        onSuccess: () => {
          if (outcome === 'abandon') navigate(back, { replace: true });
          else if (outcome === 'fail') Toast.show({ icon: 'fail', content: t('wallet.cashier.failedToast') });
        },
        onError: () => Toast.show({ icon: 'fail', content: t('wallet.cashier.actionFailed') }),
      },
    );
  const paid = act.isSuccess && act.variables?.outcome === 'pay';
  const failed = act.isSuccess && act.variables?.outcome === 'fail';
  return (
    <div className="cashier" data-testid="sandbox-cashier">
      <div className="cashier-head">
        <span className="sandbox-badge">{t('wallet.cashier.sandboxBadge', { channel: instrument })}</span>
      </div>
      <div className="cashier-label">{t('wallet.cashier.toPay')}</div>
      <div className="cashier-amount" data-testid="cashier-amount">
        {money(payment.amountMinor)}
      </div>
      <dl className="cashier-parties">
        <div>
          <dt>{t('wallet.cashier.from')}</dt>
          <dd data-testid="cashier-from">{t('wallet.cashier.fromValue', { channel: instrument })}</dd>
        </div>
        <div>
          <dt>{t('wallet.cashier.to')}</dt>
          <dd data-testid="cashier-to">
            {t('wallet.cashier.merchant')}
            {trade.data && (
              <span className="cashier-merchant-no">
                {t('wallet.cashier.merchantNo', { no: trade.data.merchantId })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('wallet.cashier.for')}</dt>
          <dd>{payment.description}</dd>
        </div>
      </dl>
      <p className="cashier-note">{t('wallet.cashier.note')}</p>
      {paid ? (
        <div className="empty-state" data-testid="cashier-waiting">
          <SpinLoading color="primary" />
          <p className="page-intro">{t('wallet.cashier.waiting')}</p>
        </div>
      ) : failed ? (
        <div data-testid="cashier-declined">
          <Result
            status="warning"
            title={t('wallet.cashier.declined')}
            description={t('wallet.cashier.declinedHint')}
          />
          <Button block shape="rounded" onClick={() => navigate(back, { replace: true })}>
            {t('wallet.cashier.back')}
          </Button>
        </div>
      ) : (
        <div className="cashier-actions">
          <Button
            block
            color="primary"
            shape="rounded"
            loading={act.isPending}
            disabled={tradeId === ''}
            data-testid="cashier-pay"
            onClick={() => press('pay')}
          >
            {t('wallet.cashier.pay', { amount: money(payment.amountMinor) })}
          </Button>
          <Button
            block
            shape="rounded"
            disabled={act.isPending}
            data-testid="cashier-fail"
            onClick={() => press('fail')}
          >
            {t('wallet.cashier.fail')}
          </Button>
          <Button
            block
            fill="none"
            shape="rounded"
            disabled={act.isPending}
            data-testid="cashier-abandon"
            onClick={() => press('abandon')}
          >
            {t('wallet.cashier.abandon')}
          </Button>
        </div>
      )}
    </div>
  );
}
