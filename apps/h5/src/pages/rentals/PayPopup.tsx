// Paying a signed order: the channel, then — before anything moves — the amount, from (the payer's
// Alipay / WeChat Pay) and to (the merchant), and the deposit hold (what is waived, what the channel
// holds; held, not charged). Then the sandbox cashier, which comes back to the order.
import { Button, Popup, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSandboxMode } from '../../account-api';
import { useMoney } from '../../money';
import { type PayChannel, type RentalOrder, usePayRental } from '../../rentals-api';
import { rentalErrorMessage } from './rental-format';

/**
 * The payer's token for the deposit hold comes from the channel's app (an Alipay auth code, a WeChat
 * openid), which an H5 page outside those apps cannot get; the sandbox channels accept any token, so
 * in sandbox mode the page sends one of its own. Outside sandbox mode a deposit to hold cannot be paid
 * here yet (README known gaps).
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
  const instrument = channel === 'alipay' ? t('wallet.cashier.alipay') : t('wallet.cashier.wechatpay');
  const needsHold = order.depositToHoldMinor > 0;
  const blocked = needsHold && !sandbox;
  const submit = () =>
    pay.mutate(
      { channel, ...(needsHold && sandbox ? { payerToken: SANDBOX_PAYER_TOKEN[channel] } : {}) },
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
                  channel: instrument,
                })
              : t('rentals.pay.depositWaived', { waived: money(order.depositWaivedMinor) })}
          </dd>
        </div>
      </dl>
      {blocked && <p className="summary-note">{t('rentals.pay.holdNeedsApp')}</p>}
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
