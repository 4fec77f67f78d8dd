import { parseMajor } from '@zulin/kernel';
import { Button, Form, Result, SpinLoading, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { type TopUp, useCreateTopUp, usePayAtSandboxCashier, useTopUp, useWallet } from '../../wallet-api';
import { AmountItem, BackToWalletButton, WalletForm } from './form-parts';
import { parseYuan, walletErrorMessage } from './wallet-errors';

export function TopUpPage() {
  const { t } = useTranslation();
  const [topUp, setTopUp] = useState<TopUp | null>(null);
  const [paid, setPaid] = useState(false);
  return (
    <SubPage title={t('wallet.topUp.title')} fallback="/wallet">
      {topUp === null && <AmountStep onCreated={setTopUp} />}
      {topUp !== null && !paid && <CashierStep topUp={topUp} onPaid={() => setPaid(true)} />}
      {topUp !== null && paid && <ResultStep id={topUp.id} />}
    </SubPage>
  );
}

function AmountStep({ onCreated }: { onCreated: (topUp: TopUp) => void }) {
  const { t } = useTranslation();
  const create = useCreateTopUp();
  const [form] = Form.useForm<{ amount: string }>();
  const submit = ({ amount }: { amount: string }) => {
    const minor = parseYuan(amount, parseMajor);
    if (minor === null) return;
    create.mutate(minor, {
      onSuccess: onCreated,
      onError: (error) => Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) }),
    });
  };
  return (
    <WalletForm
      form={form}
      onFinish={submit}
      submitLabel={t('wallet.topUp.submit')}
      busy={create.isPending}
      submitTestId="top-up-next"
    >
      <AmountItem
        label={t('wallet.topUp.amount')}
        placeholder={t('wallet.topUp.amountPlaceholder')}
        testId="top-up-amount"
      />
    </WalletForm>
  );
}

function CashierStep({ topUp, onPaid }: { topUp: TopUp; onPaid: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const pay = usePayAtSandboxCashier();
  return (
    <div className="cashier" data-testid="sandbox-cashier">
      <div className="cashier-head">
        <span className="sandbox-badge">{t('wallet.topUp.cashierTitle')}</span>
      </div>
      <div className="cashier-label">{t('wallet.topUp.toPay')}</div>
      <div className="cashier-amount">{money(topUp.amountMinor)}</div>
      <div className="cashier-order">
        {t('wallet.topUp.orderNo')} <span className="mono">{topUp.outTradeNo}</span>
      </div>
      <p className="cashier-note">{t('wallet.topUp.cashierNote')}</p>
      <Button
        block
        color="primary"
        shape="rounded"
        loading={pay.isPending}
        data-testid="cashier-pay"
        onClick={() =>
          pay.mutate(topUp.outTradeNo, {
            onSuccess: onPaid,
            onError: (error) => Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) }),
          })
        }
      >
        {t('wallet.topUp.pay')}
      </Button>
    </div>
  );
}

function ResultStep({ id }: { id: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const topUp = useTopUp(id, true);
  const wallet = useWallet();
  const status = topUp.data?.status ?? 'created';
  if (status === 'created') {
    return (
      <div className="empty-state" data-testid="top-up-waiting">
        <SpinLoading color="primary" />
        <p className="page-intro">{t('wallet.topUp.waiting')}</p>
      </div>
    );
  }
  return (
    <div data-testid={`top-up-${status}`}>
      <Result
        status={status === 'succeeded' ? 'success' : 'error'}
        title={status === 'succeeded' ? t('wallet.topUp.succeeded') : t('wallet.topUp.failed')}
        description={
          status === 'succeeded' ? `${money(topUp.data?.amountMinor ?? 0)}` : (topUp.data?.failureReason ?? undefined)
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
  );
}
