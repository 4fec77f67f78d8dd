import { parseMajor } from '@zulin/kernel';
import { Button, Dialog, Form, Input, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { toE164 } from '../../validation';
import { type TransferInput, useSendTransfer, useTransferRecipient, useWallet } from '../../wallet-api';
import { AmountItem, WalletForm } from './form-parts';
import { useSecondFactorGate } from './second-factor-gate';
import { parseYuan, walletErrorMessage } from './wallet-errors';

interface Values {
  phone: string;
  amount: string;
  note?: string;
}

export function TransferPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const send = useSendTransfer();
  const wallet = useWallet();
  const recipientLookup = useTransferRecipient();
  const [done, setDone] = useState<{ recipient: string; amountMinor: number } | null>(null);
  const recipientText = (r: { nameMasked: string | null; phoneMasked: string }) =>
    r.nameMasked ? `${r.nameMasked} ${r.phoneMasked}` : `${r.phoneMasked} ${t('wallet.transfer.unverified')}`;
  const gate = useSecondFactorGate<TransferInput>({
    busy: send.isPending,
    operationOf: (input) => ({ operation: 'transfer', toPhone: input.toPhone, amountMinor: input.amountMinor }),
    send: (input) =>
      send.mutate(input, {
        onSuccess: (result) => {
          gate.onDone();
          setDone({ recipient: recipientText(result.recipient), amountMinor: result.amountMinor });
        },
        onError: (error) => gate.onError(error, input),
      }),
  });

  const submit = (values: Values) => {
    const toPhone = toE164(values.phone);
    const amountMinor = parseYuan(values.amount, parseMajor);
    if (toPhone === null || amountMinor === null) return;
    const note = values.note?.trim();
    // The customer sees whom the money reaches (masked real name) and how much before it moves.
    recipientLookup.mutate(toPhone, {
      onSuccess: async (recipient) => {
        const confirmed = await Dialog.confirm({
          title: t('wallet.transfer.confirmTitle'),
          content: (
            <div className="transfer-confirm" data-testid="transfer-confirm">
              <div>
                {t('wallet.transfer.confirmTo')}：
                <strong data-testid="transfer-recipient">{recipientText(recipient)}</strong>
              </div>
              <div>
                {t('wallet.transfer.confirmAmount')}：<strong>{money(amountMinor)}</strong>
              </div>
              <div className="form-hint">{t('wallet.transfer.confirmHint')}</div>
            </div>
          ),
          confirmText: <span data-testid="transfer-confirm-ok">{t('wallet.transfer.confirm')}</span>,
          cancelText: t('wallet.transfer.cancel'),
        });
        if (confirmed) gate.send({ toPhone, amountMinor, ...(note ? { note } : {}) });
      },
      onError: (error) => form.setFields([{ name: 'phone', errors: [walletErrorMessage(t, error)] }]),
    });
  };

  if (done) {
    return (
      <SubPage title={t('wallet.transfer.title')} fallback="/wallet">
        <div data-testid="transfer-succeeded">
          <Result
            status="success"
            title={t('wallet.transfer.succeeded')}
            description={`${money(done.amountMinor)} · ${t('wallet.transfer.sentTo', { recipient: done.recipient })}`}
          />
          {wallet.data && (
            <div className="wallet-result-balance">
              {t('wallet.topUp.newBalance')}{' '}
              <strong data-testid="transfer-balance">{money(wallet.data.availableMinor)}</strong>
            </div>
          )}
          <div className="wallet-result-actions">
            <Button
              block
              color="primary"
              shape="rounded"
              onClick={() => navigate('/wallet', { replace: true })}
              data-testid="transfer-done"
            >
              {t('wallet.transfer.done')}
            </Button>
            <Button
              block
              fill="outline"
              shape="rounded"
              onClick={() => {
                form.resetFields();
                setDone(null);
              }}
            >
              {t('wallet.transfer.again')}
            </Button>
          </div>
        </div>
      </SubPage>
    );
  }

  return (
    <SubPage title={t('wallet.transfer.title')} fallback="/wallet">
      {wallet.data && (
        <p className="page-intro">
          {t('wallet.balance.available')} {money(wallet.data.availableMinor)}
        </p>
      )}
      <WalletForm
        form={form}
        onFinish={submit}
        submitLabel={t('wallet.transfer.submit')}
        busy={send.isPending || recipientLookup.isPending}
        submitTestId="transfer-submit"
      >
        <Form.Item
          name="phone"
          label={t('wallet.transfer.phone')}
          rules={[
            { required: true, message: t('wallet.errors.phoneRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (value && toE164(value) === null) throw new Error(t('wallet.errors.phoneInvalid'));
              },
            },
          ]}
        >
          <Input type="tel" placeholder={t('wallet.transfer.phonePlaceholder')} data-testid="transfer-phone" />
        </Form.Item>
        <AmountItem
          label={t('wallet.transfer.amount')}
          placeholder={t('wallet.transfer.amountPlaceholder')}
          testId="transfer-amount"
        />
        <Form.Item name="note" label={t('wallet.transfer.note')}>
          <Input maxLength={100} data-testid="transfer-note" />
        </Form.Item>
      </WalletForm>
      {gate.dialog}
    </SubPage>
  );
}
