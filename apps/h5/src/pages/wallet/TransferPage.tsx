import { parseMajor } from '@zulin/kernel';
import { Button, Dialog, Form, Input, Result, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorCode } from '../../api';
import { SubPage } from '../../components/SubPage';
import { useMoney } from '../../money';
import { toE164 } from '../../validation';
import { type TransferInput, useSendTransfer, useWallet } from '../../wallet-api';
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
  const [done, setDone] = useState<{ phone: string; amountMinor: number } | null>(null);
  const [askCode, setAskCode] = useState<TransferInput | null>(null);
  const [code, setCode] = useState('');

  const attempt = (input: TransferInput) =>
    send.mutate(input, {
      onSuccess: (result) => {
        setAskCode(null);
        setDone({ phone: input.toPhone, amountMinor: result.amountMinor });
      },
      onError: (error) => {
        // The API says when the amount needs a second factor; only then is the code asked for.
        if (errorCode(error) === 'WALLET_SECOND_FACTOR_REQUIRED') {
          setCode('');
          setAskCode(input);
          return;
        }
        Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) });
      },
    });

  const submit = (values: Values) => {
    const toPhone = toE164(values.phone);
    const amountMinor = parseYuan(values.amount, parseMajor);
    if (toPhone === null || amountMinor === null) return;
    const note = values.note?.trim();
    attempt({ toPhone, amountMinor, ...(note ? { note } : {}) });
  };

  if (done) {
    return (
      <SubPage title={t('wallet.transfer.title')} fallback="/wallet">
        <div data-testid="transfer-succeeded">
          <Result
            status="success"
            title={t('wallet.transfer.succeeded')}
            description={`${money(done.amountMinor)} · ${t('wallet.transfer.sentTo', { phone: done.phone.replace(/^\+86/, '') })}`}
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
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={submit}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            shape="rounded"
            loading={send.isPending}
            data-testid="transfer-submit"
          >
            {t('wallet.transfer.submit')}
          </Button>
        }
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
        <Form.Item
          name="amount"
          label={t('wallet.transfer.amount')}
          rules={[
            { required: true, message: t('wallet.errors.amountRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (value && parseYuan(value, parseMajor) === null) throw new Error(t('wallet.errors.amountInvalid'));
              },
            },
          ]}
        >
          <Input
            inputMode="decimal"
            placeholder={t('wallet.transfer.amountPlaceholder')}
            data-testid="transfer-amount"
          />
        </Form.Item>
        <Form.Item name="note" label={t('wallet.transfer.note')}>
          <Input maxLength={100} data-testid="transfer-note" />
        </Form.Item>
      </Form>
      <Dialog
        visible={askCode !== null}
        title={t('wallet.transfer.secondFactorTitle')}
        content={
          <div data-testid="second-factor">
            <p className="page-intro">{t('wallet.transfer.secondFactorDescription')}</p>
            <Input
              value={code}
              onChange={setCode}
              inputMode="numeric"
              maxLength={6}
              placeholder={t('wallet.transfer.secondFactorPlaceholder')}
              data-testid="second-factor-code"
            />
          </div>
        }
        closeOnAction={false}
        onClose={() => setAskCode(null)}
        actions={[
          [
            { key: 'cancel', text: t('wallet.transfer.cancel'), onClick: () => setAskCode(null) },
            {
              key: 'confirm',
              text: t('wallet.transfer.confirm'),
              bold: true,
              disabled: send.isPending,
              onClick: () => {
                if (!/^\d{6}$/.test(code)) {
                  Toast.show({ content: t('wallet.errors.codeFormat') });
                  return;
                }
                if (askCode) attempt({ ...askCode, secondFactorCode: code });
              },
            },
          ],
        ]}
      />
    </SubPage>
  );
}
