import { formatMajor, parseMajor } from '@zulin/kernel';
import { Button, ErrorBlock, Form, Result, Selector, Skeleton, SpinLoading } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type BankCard, useBankCards } from '../../bank-card-api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useMoney, useShortMoney } from '../../money';
import {
  useRequestWithdrawal,
  useWallet,
  useWithdrawal,
  type Withdrawal,
  type WithdrawalInput,
} from '../../wallet-api';
import { AmountItem, BackToWalletButton, WalletForm } from './form-parts';
import { useSecondFactorGate } from './second-factor-gate';
import { parseYuan } from './wallet-errors';

interface Values {
  card: string[];
  amount: string;
}

export function WithdrawPage() {
  const { t } = useTranslation();
  const [withdrawal, setWithdrawal] = useState<Withdrawal | null>(null);
  const cards = useBankCards();
  return (
    <SubPage title={t('wallet.withdraw.title')} fallback="/wallet">
      {withdrawal ? (
        <WithdrawalStatus created={withdrawal} card={cards.data?.find((c) => c.id === withdrawal.bankCardId)} />
      ) : (
        <>
          {cards.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
          {cards.error && (
            <ErrorState
              title={t('wallet.cards.loadFailed')}
              error={cards.error}
              onRetry={() => void cards.refetch()}
              retryLabel={t('wallet.balance.retry')}
            />
          )}
          {cards.data?.length === 0 && <NoCard />}
          {cards.data && cards.data.length > 0 && <WithdrawForm cards={cards.data} onCreated={setWithdrawal} />}
        </>
      )}
    </SubPage>
  );
}

function NoCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="empty-state" data-testid="withdraw-no-card">
      <ErrorBlock
        status="empty"
        title={t('wallet.withdraw.noCardTitle')}
        description={t('wallet.withdraw.noCardHint')}
      />
      <Button
        color="primary"
        shape="rounded"
        onClick={() => navigate(`/wallet/cards/bind?redirect=${encodeURIComponent('/wallet/withdraw')}`)}
      >
        {t('wallet.cards.bind')}
      </Button>
    </div>
  );
}

function WithdrawForm({ cards, onCreated }: { cards: BankCard[]; onCreated: (w: Withdrawal) => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const shortMoney = useShortMoney();
  const navigate = useNavigate();
  const wallet = useWallet();
  const request = useRequestWithdrawal();
  const [form] = Form.useForm<Values>();
  const available = wallet.data?.availableMinor;
  const limits = wallet.data?.limits;
  const gate = useSecondFactorGate<WithdrawalInput>({
    busy: request.isPending,
    operationOf: (input) => ({ operation: 'withdrawal', bankCardId: input.bankCardId, amountMinor: input.amountMinor }),
    send: (input) =>
      request.mutate(input, {
        onSuccess: (created) => {
          gate.onDone();
          onCreated(created);
        },
        onError: (error) => gate.onError(error, input),
      }),
  });

  const submit = (values: Values) => {
    const amountMinor = parseYuan(values.amount, parseMajor);
    const bankCardId = values.card[0];
    if (amountMinor === null || bankCardId === undefined) return;
    gate.send({ bankCardId, amountMinor });
  };
  const fillAll = () => {
    if (available === undefined || available <= 0 || limits === undefined) return;
    form.setFieldsValue({ amount: formatMajor(Math.min(available, limits.withdrawalSingleMaxMinor)) });
    void form.validateFields(['amount']);
  };

  // Without the balance and the limits the amount cannot be checked before it is sent: the error
  // screen in the form's place, with a retry.
  if (wallet.error) {
    return (
      <ErrorState
        title={t('wallet.withdraw.balanceLoadFailed')}
        error={wallet.error}
        onRetry={() => void wallet.refetch()}
        retryLabel={t('wallet.balance.retry')}
        retryTestId="withdraw-balance-retry"
      />
    );
  }
  return (
    <>
      <section className="wallet-balance wallet-balance-compact" data-testid="withdraw-available">
        <div className="wallet-balance-label">{t('wallet.balance.available')}</div>
        <div className="wallet-balance-amount">{available === undefined ? '—' : money(available)}</div>
      </section>
      <WalletForm
        form={form}
        initialValues={{ card: cards.slice(0, 1).map((card) => card.id) }}
        onFinish={submit}
        submitLabel={t('wallet.withdraw.submit')}
        busy={request.isPending}
        submitTestId="withdraw-submit"
      >
        <Form.Item
          name="card"
          label={t('wallet.withdraw.card')}
          rules={[{ required: true, type: 'array', min: 1, message: t('wallet.withdraw.cardRequired') }]}
          description={
            <Button
              size="mini"
              fill="none"
              color="primary"
              className="inline-link"
              onClick={() => navigate(`/wallet/cards/bind?redirect=${encodeURIComponent('/wallet/withdraw')}`)}
            >
              {t('wallet.withdraw.addCard')}
            </Button>
          }
        >
          <Selector
            columns={1}
            className="card-selector"
            options={cards.map((card) => ({
              value: card.id,
              label: `${card.bankName} (${card.last4})`,
              description: card.masked,
            }))}
            data-testid="withdraw-card"
          />
        </Form.Item>
        <AmountItem
          label={t('wallet.withdraw.amount')}
          placeholder={t('wallet.withdraw.amountPlaceholder')}
          testId="withdraw-amount"
          extra={
            <Button size="mini" fill="none" color="primary" onClick={fillAll} data-testid="withdraw-all">
              {t('wallet.withdraw.all')}
            </Button>
          }
          check={(minor) => {
            if (limits && minor > limits.withdrawalSingleMaxMinor)
              return t('wallet.errors.WALLET_SINGLE_WITHDRAWAL_LIMIT');
            if (available !== undefined && minor > available) return t('wallet.errors.WALLET_INSUFFICIENT_BALANCE');
            return null;
          }}
        />
      </WalletForm>
      {limits && (
        <ul className="wallet-rules">
          <li>
            {t('wallet.withdraw.limits', {
              single: shortMoney(limits.withdrawalSingleMaxMinor),
              daily: shortMoney(limits.withdrawalDailyMaxMinor),
            })}
          </li>
          <li>{t('wallet.withdraw.secondFactorRule', { from: shortMoney(limits.withdrawalSecondFactorFromMinor) })}</li>
          <li>{t('wallet.withdraw.timing')}</li>
        </ul>
      )}
      {gate.dialog}
    </>
  );
}

/** Follows the withdrawal until the bank answers; the page may be left, the result stays in the history. */
function WithdrawalStatus({ created, card }: { created: Withdrawal; card: BankCard | undefined }) {
  const { t } = useTranslation();
  const money = useMoney();
  const followed = useWithdrawal(created.id);
  const wallet = useWallet();
  const withdrawal = followed.data ?? created;
  const target = card ? `${card.bankName} (${card.last4})` : '';
  const description = `${money(withdrawal.amountMinor)}${target ? ` → ${target}` : ''}`;
  return (
    <div data-testid={`withdrawal-${withdrawal.status}`}>
      {withdrawal.status === 'processing' ? (
        <Result
          icon={<SpinLoading color="primary" />}
          status="waiting"
          title={t('wallet.withdraw.processing')}
          description={description}
        />
      ) : (
        <Result
          status={withdrawal.status === 'succeeded' ? 'success' : 'error'}
          title={withdrawal.status === 'succeeded' ? t('wallet.withdraw.succeeded') : t('wallet.withdraw.failed')}
          description={
            withdrawal.status === 'failed'
              ? `${description} · ${t('wallet.withdraw.returned')}${withdrawal.failureReason ? ` (${t(`wallet.withdraw.failureReasons.${withdrawal.failureReason}`, { defaultValue: withdrawal.failureReason })})` : ''}`
              : description
          }
        />
      )}
      {withdrawal.status !== 'processing' && wallet.data && (
        <div className="wallet-result-balance">
          {t('wallet.topUp.newBalance')}{' '}
          <strong data-testid="withdraw-balance">{money(wallet.data.availableMinor)}</strong>
        </div>
      )}
      <div className="wallet-result-actions">
        <BackToWalletButton />
      </div>
    </div>
  );
}
