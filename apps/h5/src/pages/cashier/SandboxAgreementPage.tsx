// The sandbox's auto-debit agreement page (sandbox mode; Alipay's 周期扣款 and WeChat's 委托代扣 sign
// pages as the sandbox plays them): whom the payer authorises, the most one charge may take, then agree or refuse. The
// channel's answer is learnt by our server asking it (alipay.user.agreement.query) when the payer
// is back on the page that opened this one.
import { Button, Result, SpinLoading, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorCode } from '../../api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { agreementBack, useActOnSandboxAgreement, useSandboxAgreement } from '../../payments-api';

export function SandboxAgreementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const money = useMoney();
  const agreement = useSandboxAgreement(id);
  const act = useActOnSandboxAgreement();
  const back = agreementBack();
  const separator = back.includes('?') ? '&' : '?';
  const press = (outcome: 'sign' | 'refuse') =>
    act.mutate(
      { agreementId: id, outcome },
      {
        onSuccess: () => navigate(`${back}${separator}from=agreement`, { replace: true }),
        onError: () => Toast.show({ icon: 'fail', content: t('wallet.cashier.actionFailed') }),
      },
    );
  const a = agreement.data;
  // The sandbox plays both channels' agreement pages (Alipay cycle pay, WeChat entrusted debit).
  const channelName = t(a?.channel === 'wechatpay' ? 'wallet.cashier.wechatpay' : 'wallet.cashier.alipay');
  return (
    <SubPage title={t('wallet.cashier.agreement.title')} fallback={back}>
      {/* No such sandbox agreement is an answer, not a failure: no 反馈问题. */}
      {agreement.isError && errorCode(agreement.error) === 'PAYMENTS_SANDBOX_TRADE_NOT_FOUND' && (
        <Result status="error" title={t('wallet.cashier.agreement.loadFailed')} />
      )}
      {agreement.isError && errorCode(agreement.error) !== 'PAYMENTS_SANDBOX_TRADE_NOT_FOUND' && (
        <ErrorState
          title={t('wallet.cashier.agreement.loadFailed')}
          error={agreement.error}
          onRetry={() => void agreement.refetch()}
        />
      )}
      {!a && !agreement.isError && (
        <div className="empty-state">
          <SpinLoading color="primary" />
        </div>
      )}
      {a && a.status !== 'TEMP' && (
        <div data-testid="sandbox-agreement-done">
          <Result
            status={a.status === 'NORMAL' ? 'success' : 'warning'}
            title={a.status === 'NORMAL' ? t('wallet.cashier.agreement.signed') : t('wallet.cashier.agreement.stopped')}
          />
          <Button block shape="rounded" onClick={() => navigate(back, { replace: true })}>
            {t('wallet.cashier.back')}
          </Button>
        </div>
      )}
      {a && a.status === 'TEMP' && (
        <div className="cashier" data-testid="sandbox-agreement">
          <div className="cashier-head">
            <span className="sandbox-badge">{t('wallet.cashier.sandboxBadge', { channel: channelName })}</span>
          </div>
          <div className="cashier-label">{t('wallet.cashier.agreement.heading')}</div>
          <div className="cashier-amount" data-testid="sandbox-agreement-cap">
            {t('wallet.cashier.agreement.cap', { amount: money(a.singleAmountMinor) })}
          </div>
          <dl className="cashier-parties">
            <div>
              <dt>{t('wallet.cashier.from')}</dt>
              <dd>{t('wallet.cashier.fromValue', { channel: channelName })}</dd>
            </div>
            <div>
              <dt>{t('wallet.cashier.to')}</dt>
              <dd data-testid="sandbox-agreement-merchant">
                {t('wallet.cashier.merchant')}
                <span className="cashier-merchant-no">{t('wallet.cashier.merchantNo', { no: a.merchantId })}</span>
              </dd>
            </div>
            <div>
              <dt>{t('wallet.cashier.for')}</dt>
              <dd data-testid="sandbox-agreement-purpose">
                {t(
                  a.channel === 'wechatpay'
                    ? 'wallet.cashier.agreement.purposeWechatpay'
                    : 'wallet.cashier.agreement.purpose',
                )}
              </dd>
            </div>
          </dl>
          <p className="cashier-note">{t('wallet.cashier.agreement.note')}</p>
          <div className="cashier-actions">
            <Button
              block
              color="primary"
              shape="rounded"
              loading={act.isPending && act.variables?.outcome === 'sign'}
              data-testid="sandbox-agreement-sign"
              onClick={() => press('sign')}
            >
              {t('wallet.cashier.agreement.agree')}
            </Button>
            <Button
              block
              shape="rounded"
              loading={act.isPending && act.variables?.outcome === 'refuse'}
              data-testid="sandbox-agreement-refuse"
              onClick={() => press('refuse')}
            >
              {t('wallet.cashier.agreement.refuse')}
            </Button>
          </div>
        </div>
      )}
    </SubPage>
  );
}
