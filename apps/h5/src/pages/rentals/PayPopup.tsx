// Paying a signed order: the channel, then — before anything moves — the amount, from (the payer's
// Alipay / WeChat Pay) and to (the merchant), and the deposit hold (what is waived, what the channel
// holds; held, not charged). The deposit may instead be held on the wallet balance (钱包余额冻结): the
// popup then shows the amount held, from (the wallet, with what is available) and to (the deposit
// hold), and a top-up link when the wallet is short. Then the cashier, which comes back to the order.
import { Button, Popup, Selector, Toast } from 'antd-mobile';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useSandboxMode } from '../../account-api';
import { useMoney } from '../../money';
import { type PayChannel, type RentalOrder, usePayRental } from '../../rentals-api';
import { useWallet } from '../../wallet-api';
import { rentalErrorMessage } from './rental-format';

/**
 * The payer's token for the deposit hold comes from the channel's app (an Alipay auth code, a WeChat
 * openid), which an H5 page outside those apps cannot get; the sandbox channels accept any token, so
 * in sandbox mode the page sends one of its own. Outside sandbox mode a deposit to hold cannot be paid
 * here; such a customer holds it on the wallet balance instead.
 */
const SANDBOX_PAYER_TOKEN: Record<PayChannel, string> = {
  alipay: 'sandbox-h5-auth-code',
  wechatpay: 'oSandboxH5Payer',
};

export function PayPopup({ order, visible, onClose }: { order: RentalOrder; visible: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const sandbox = useSandboxMode();
  const pay = usePayRental(order.id);
  const [channel, setChannel] = useState<PayChannel>('alipay');
  const needsHold = order.depositToHoldMinor > 0;
  // Outside sandbox mode the channels' holds need their apps: the wallet is the one offered first.
  const [chosenHold, setHoldBy] = useState<'channel' | 'wallet' | null>(null);
  const holdBy = chosenHold ?? (sandbox ? 'channel' : 'wallet');
  const wallet = useWallet();
  const instrument = channel === 'alipay' ? t('wallet.cashier.alipay') : t('wallet.cashier.wechatpay');
  const onWallet = needsHold && holdBy === 'wallet';
  const available = wallet.data?.availableMinor;
  const walletShort = onWallet && available !== undefined && available < order.depositToHoldMinor;
  const blocked = needsHold && (onWallet ? available === undefined || walletShort : !sandbox);
  const submit = () =>
    pay.mutate(
      {
        channel,
        ...(onWallet ? { depositInstrument: 'wallet' as const } : {}),
        ...(needsHold && !onWallet && sandbox ? { payerToken: SANDBOX_PAYER_TOKEN[channel] } : {}),
      },
      {
        onSuccess: (result) => {
          onClose();
          const back = `/rentals/${order.id}?from=cashier`;
          if (result.channelPayment) {
            navigate(`/cashier/${result.channelPayment.id}?back=${encodeURIComponent(back)}`);
          } else navigate(back, { replace: true });
        },
        onError: (error) => Toast.show({ icon: 'fail', content: rentalErrorMessage(t, error) }),
      },
    );
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName="rental-popup" destroyOnClose>
      <div className="rental-popup-title">{t('rentals.pay.title')}</div>
      <Selector
        columns={2}
        value={[channel]}
        onChange={(v) => v[0] && setChannel(v[0])}
        options={[
          { value: 'alipay' as const, label: t('wallet.cashier.alipay') },
          { value: 'wechatpay' as const, label: t('wallet.cashier.wechatpay') },
        ]}
        data-testid="pay-channel"
      />
      <dl className="cashier-parties rental-confirm" data-testid="pay-confirm">
        <div>
          <dt>{t('rentals.confirm.amount')}</dt>
          <dd data-testid="pay-amount">{money(order.firstPaymentMinor)}</dd>
        </div>
        <div>
          <dt>{t('rentals.confirm.from')}</dt>
          <dd>{t('wallet.cashier.fromValue', { channel: instrument })}</dd>
        </div>
        <div>
          <dt>{t('rentals.confirm.to')}</dt>
          <dd>{t('wallet.cashier.merchant')}</dd>
        </div>
        <div>
          <dt>{t('rentals.pay.deposit')}</dt>
          <dd data-testid="pay-deposit">
            {needsHold
              ? t('rentals.pay.depositHold', {
                  held: money(order.depositToHoldMinor),
                  waived: money(order.depositWaivedMinor),
                  channel: onWallet ? t('rentals.pay.walletName') : instrument,
                })
              : t('rentals.pay.depositWaived', { waived: money(order.depositWaivedMinor) })}
          </dd>
        </div>
      </dl>
      {needsHold && (
        <>
          <div className="rental-popup-title">{t('rentals.pay.instrument')}</div>
          <Selector
            columns={2}
            value={[holdBy]}
            onChange={(v) => v[0] && setHoldBy(v[0])}
            options={[
              { value: 'channel' as const, label: t('rentals.pay.instrumentChannel', { channel: instrument }) },
              { value: 'wallet' as const, label: t('rentals.pay.instrumentWallet') },
            ]}
            data-testid="pay-hold-by"
          />
        </>
      )}
      {onWallet && (
        <dl className="cashier-parties rental-confirm" data-testid="pay-wallet-hold">
          <div>
            <dt>{t('rentals.pay.walletHoldAmount')}</dt>
            <dd data-testid="pay-wallet-hold-amount">{money(order.depositToHoldMinor)}</dd>
          </div>
          <div>
            <dt>{t('rentals.confirm.from')}</dt>
            <dd data-testid="pay-wallet-available">
              {available === undefined ? '…' : t('rentals.pay.walletHoldFrom', { available: money(available) })}
            </dd>
          </div>
          <div>
            <dt>{t('rentals.confirm.to')}</dt>
            <dd>{t('rentals.pay.walletHoldTo')}</dd>
          </div>
        </dl>
      )}
      {walletShort && available !== undefined && (
        <p className="summary-note" data-testid="pay-wallet-short">
          {t('rentals.pay.walletShort', {
            available: money(available),
            held: money(order.depositToHoldMinor),
            missing: money(order.depositToHoldMinor - available),
          })}{' '}
          <Link to="/wallet/top-up" onClick={onClose} data-testid="pay-wallet-top-up">
            {t('rentals.pay.topUp')}
          </Link>
        </p>
      )}
      {needsHold && !onWallet && !sandbox && <p className="summary-note">{t('rentals.pay.holdNeedsApp')}</p>}
      <Button
        block
        color="primary"
        shape="rounded"
        size="large"
        loading={pay.isPending}
        disabled={blocked}
        onClick={submit}
        data-testid="pay-submit"
      >
        {t('rentals.pay.submit', { amount: money(order.firstPaymentMinor) })}
      </Button>
    </Popup>
  );
}
