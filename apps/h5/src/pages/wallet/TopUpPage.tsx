import { parseMajor } from '@zulin/kernel';
import { Form, Radio, Result, SpinLoading, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { type TopUpChannel, useCreateTopUp, useTopUp, useWallet } from '../../wallet-api';
import { AmountItem, BackToWalletButton, WalletForm } from './form-parts';
import { parseYuan, walletErrorMessage } from './wallet-errors';

const CHANNELS: Record<TopUpChannel, true> = { alipay: true, wechatpay: true };

/** The amount and the channel; then the cashier (`/cashier/:paymentId`), which comes back to the result. */
export function TopUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateTopUp();
  const [form] = Form.useForm<{ amount: string; channel: TopUpChannel }>();
  const submit = ({ amount, channel }: { amount: string; channel: TopUpChannel }) => {
    const minor = parseYuan(amount, parseMajor);
    if (minor === null) return;
    create.mutate(
      { amountMinor: minor, channel },
      {
        onSuccess: (topUp) => {
          if (!topUp.paymentId) return;
          navigate(`/cashier/${topUp.paymentId}?back=${encodeURIComponent(`/wallet/top-up/${topUp.id}`)}`, {
            replace: true,
          });
        },
        onError: (error) => Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) }),
      },
    );
  };
  return (
    <SubPage title={t('wallet.topUp.title')} fallback="/wallet">
      <WalletForm
        form={form}
        onFinish={submit}
        submitLabel={t('wallet.topUp.submit')}
        busy={create.isPending}
        submitTestId="top-up-next"
        initialValues={{ channel: 'alipay' }}
      >
        <AmountItem
          label={t('wallet.topUp.amount')}
          placeholder={t('wallet.topUp.amountPlaceholder')}
          testId="top-up-amount"
        />
        <Form.Item name="channel" label={t('wallet.topUp.channel')}>
          <Radio.Group>
            {(Object.keys(CHANNELS) as TopUpChannel[]).map((channel) => (
              <Radio key={channel} value={channel} data-testid={`top-up-channel-${channel}`} className="top-up-channel">
                {channel === 'alipay' ? t('wallet.cashier.alipay') : t('wallet.cashier.wechatpay')}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      </WalletForm>
    </SubPage>
  );
}

/** A top-up's result, followed until the channel's confirmation settles it. */
export function TopUpResultPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const money = useMoney();
  const topUp = useTopUp(id, true);
  const wallet = useWallet();
  const status = topUp.data?.status ?? 'created';
  return (
    <SubPage title={t('wallet.topUp.title')} fallback="/wallet">
      {status === 'created' ? (
        <div className="empty-state" data-testid="top-up-waiting">
          <SpinLoading color="primary" />
          <p className="page-intro">{t('wallet.topUp.waiting')}</p>
        </div>
      ) : (
        <div data-testid={`top-up-${status}`}>
          <Result
            status={status === 'succeeded' ? 'success' : 'error'}
            title={status === 'succeeded' ? t('wallet.topUp.succeeded') : t('wallet.topUp.failed')}
            description={
              status === 'succeeded'
                ? `${money(topUp.data?.amountMinor ?? 0)}`
                : topUp.data?.failureReason
                  ? t(`wallet.topUp.failureReasons.${topUp.data.failureReason}`, {
                      defaultValue: topUp.data.failureReason,
                    })
                  : undefined
            }
          />
          {wallet.data && (
            <div className="wallet-result-balance">
              {t('wallet.topUp.newBalance')}{' '}
              <strong data-testid="top-up-balance">{money(wallet.data.availableMinor)}</strong>
            </div>
          )}
          <div className="wallet-result-actions">
            <BackToWalletButton />
          </div>
        </div>
      )}
    </SubPage>
  );
}
