// Paying a signed order: what pays the first payment — the payer's Alipay / WeChat Pay at the
// channel's cashier, or the wallet balance (钱包余额, paid at once) — then, before anything moves, the
// amount, from and to, and the deposit hold (what is waived, what is held; held, not charged). The
// deposit is held through a channel (支付宝预授权 / 微信支付分) or on the wallet balance
// (钱包余额冻结: the amount held, from the wallet with what is available, to the deposit hold). What
// the wallet pays and holds together must be available: the popup says how much is missing, with a
// top-up link, and does not send. A channel's payment goes on to its cashier, which comes back to
// the order; the wallet's is done when the answer comes.
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
 * in sandbox mode the page sends one of its own. Outside sandbox mode a deposit to hold cannot be held
 * at a channel here; such a customer holds it on the wallet balance instead.
 */
const SANDBOX_PAYER_TOKEN: Record<PayChannel, string> = {
  alipay: 'sandbox-h5-auth-code',
  wechatpay: 'oSandboxH5Payer',
};

type Instrument = PayChannel | 'wallet';

export function PayPopup({ order, visible, onClose }: { order: RentalOrder; visible: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const sandbox = useSandboxMode();
  const pay = usePayRental(order.id);
  const wallet = useWallet();
  const [payBy, setPayBy] = useState<Instrument>('alipay');
  const needsHold = order.depositToHoldMinor > 0;
  // Outside sandbox mode the channels' holds need their apps: the wallet is the one offered first.
  const [chosenHold, setHoldBy] = useState<Instrument | null>(null);
  // A channel that takes the payment also holds (one channel per attempt); the wallet paying, the
  // customer picks the channel of the hold.
  const channelHold: PayChannel = payBy !== 'wallet' ? payBy : chosenHold === 'wechatpay' ? 'wechatpay' : 'alipay';
  const holdOnWallet = chosenHold === null ? !sandbox : chosenHold === 'wallet';
  const holdBy: Instrument = holdOnWallet ? 'wallet' : channelHold;
  const channelName = (c: PayChannel) => (c === 'alipay' ? t('wallet.cashier.alipay') : t('wallet.cashier.wechatpay'));
  const walletPays = payBy === 'wallet' && order.firstPaymentMinor > 0;
  const onWallet = needsHold && holdBy === 'wallet';
  const available = wallet.data?.availableMinor;
  const walletNeeds = (walletPays ? order.firstPaymentMinor : 0) + (onWallet ? order.depositToHoldMinor : 0);
  const walletShort = walletNeeds > 0 && available !== undefined && available < walletNeeds;
  const blocked = (walletNeeds > 0 && (available === undefined || walletShort)) || (needsHold && !onWallet && !sandbox);
  const submit = () =>
    pay.mutate(
      {
        ...(payBy !== 'wallet' ? { channel: payBy } : needsHold && !onWallet ? { channel: channelHold } : {}),
        ...(walletPays ? { paymentInstrument: 'wallet' as const } : {}),
        ...(onWallet ? { depositInstrument: 'wallet' as const } : {}),
        ...(needsHold && !onWallet && sandbox ? { payerToken: SANDBOX_PAYER_TOKEN[channelHold] } : {}),
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
  const walletLabel =
    available === undefined
      ? t('rentals.pay.walletName')
      : t('rentals.pay.walletHoldFrom', { available: money(available) });
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName="rental-popup" destroyOnClose>
      <div className="rental-popup-title">{t('rentals.pay.title')}</div>
      <div className="rental-popup-title">{t('rentals.pay.payBy')}</div>
      <Selector
        columns={3}
        value={[payBy]}
        onChange={(v) => v[0] && setPayBy(v[0])}
        options={[
          { value: 'alipay' as const, label: t('wallet.cashier.alipay') },
          { value: 'wechatpay' as const, label: t('wallet.cashier.wechatpay') },
          { value: 'wallet' as const, label: t('rentals.pay.payByWallet') },
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
          <dd data-testid="pay-from">
            {payBy === 'wallet' ? walletLabel : t('wallet.cashier.fromValue', { channel: channelName(payBy) })}
          </dd>
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
                  channel: onWallet ? t('rentals.pay.walletName') : channelName(channelHold),
                })
              : t('rentals.pay.depositWaived', { waived: money(order.depositWaivedMinor) })}
          </dd>
        </div>
      </dl>
      {needsHold && (
        <>
          <div className="rental-popup-title">{t('rentals.pay.instrument')}</div>
          <Selector
            columns={payBy === 'wallet' ? 3 : 2}
            value={[holdBy]}
            onChange={(v) => v[0] && setHoldBy(v[0])}
            options={[
              ...(payBy === 'wallet' ? (['alipay', 'wechatpay'] as const) : [payBy]).map((c) => ({
                value: c,
                label: t('rentals.pay.instrumentChannel', { channel: channelName(c) }),
              })),
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
            <dd data-testid="pay-wallet-available">{available === undefined ? '…' : walletLabel}</dd>
          </div>
          <div>
            <dt>{t('rentals.confirm.to')}</dt>
            <dd>{t('rentals.pay.walletHoldTo')}</dd>
          </div>
        </dl>
      )}
      {walletShort && available !== undefined && (
        <p className="summary-note" data-testid="pay-wallet-short">
          {t(walletPays ? 'rentals.pay.walletShortPay' : 'rentals.pay.walletShort', {
            available: money(available),
            held: money(order.depositToHoldMinor),
            needed: money(walletNeeds),
            missing: money(walletNeeds - available),
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
