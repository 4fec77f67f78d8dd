import { Form, Input, NoticeBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useSandboxMode } from '../../account-api';
import { errorCode, ProblemError } from '../../api';
import { useBindBankCard } from '../../bank-card-api';
import { SubPage } from '../../components/SubPage';
import { cardDigits, cardNumberValid, groupDigits } from './card-number';
import { WalletForm } from './form-parts';
import { walletErrorMessage } from './wallet-errors';

/** The sandbox bank's test numbers (bank-verification.ts) and what each one does. */
const SANDBOX_CARDS = [
  { number: '6222021234567890128', outcome: 'ok' },
  { number: '6217000000000000004', outcome: 'ok' },
  { number: '6222020000000000000', outcome: 'declined' },
  { number: '6225880000000000002', outcome: 'payoutFails' },
  { number: '6222021234567890123', outcome: 'luhn' },
] as const;

/** Only links inside this app may be a redirect target (never another site). */
function safeRedirect(value: string | null): string {
  return value?.startsWith('/wallet') ? value : '/wallet/cards';
}

export function BindCardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const sandbox = useSandboxMode();
  const bind = useBindBankCard();
  const [form] = Form.useForm<{ cardNumber: string }>();
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = ({ cardNumber }: { cardNumber: string }) => {
    setRefusal(null);
    bind.mutate(cardDigits(cardNumber), {
      onSuccess: (card) => {
        Toast.show({ icon: 'success', content: t('wallet.cards.bound', { bank: card.bankName, last4: card.last4 }) });
        navigate(safeRedirect(params.get('redirect')), { replace: true });
      },
      onError: (error) => {
        const code = errorCode(error);
        if (code === 'WALLET_BANK_CARD_INVALID') {
          form.setFields([{ name: 'cardNumber', errors: [t('wallet.errors.WALLET_BANK_CARD_INVALID')] }]);
          return;
        }
        // The bank's refusal arrives as a code on the card number (e.g. card_reported_lost), shown in
        // the customer's language; a code this screen does not know shows the bank's own sentence.
        const refusal =
          code === 'WALLET_BANK_CARD_DECLINED' && error instanceof ProblemError ? error.problem.errors?.[0] : undefined;
        const reason = refusal ? t(`wallet.cards.bankRefusals.${refusal.code}`, { defaultValue: refusal.message }) : '';
        setRefusal(
          reason
            ? `${walletErrorMessage(t, error)}${t('wallet.cards.bankReason', { reason })}`
            : walletErrorMessage(t, error),
        );
      },
    });
  };

  return (
    <SubPage title={t('wallet.cards.bindTitle')} fallback="/wallet/cards">
      <p className="page-intro">{t('wallet.cards.bindIntro')}</p>
      {refusal && (
        <NoticeBar content={refusal} color="error" wrap className="form-error" data-testid="bind-card-error" />
      )}
      <WalletForm
        form={form}
        onFinish={submit}
        submitLabel={t('wallet.cards.bindSubmit')}
        busy={bind.isPending}
        submitTestId="bind-submit"
      >
        <Form.Item
          name="cardNumber"
          label={t('wallet.cards.number')}
          normalize={(value: string) => groupDigits(value.replace(/\D/g, '').slice(0, 19))}
          rules={[
            { required: true, message: t('wallet.errors.cardRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (value && !cardNumberValid(cardDigits(value)))
                  throw new Error(t('wallet.errors.WALLET_BANK_CARD_INVALID'));
              },
            },
          ]}
        >
          <Input
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder={t('wallet.cards.numberPlaceholder')}
            data-testid="card-number"
          />
        </Form.Item>
      </WalletForm>
      {sandbox && (
        <aside className="sandbox-hint" data-testid="sandbox-cards">
          <div className="sandbox-hint-head">
            <span className="sandbox-badge">{t('wallet.cards.sandboxTitle')}</span>
          </div>
          <ul className="sandbox-card-list">
            {SANDBOX_CARDS.map(({ number, outcome }) => (
              <li key={number}>
                <button
                  type="button"
                  className="sandbox-card"
                  onClick={() => {
                    setRefusal(null);
                    form.setFieldsValue({ cardNumber: groupDigits(number) });
                  }}
                >
                  <span className="mono">{groupDigits(number)}</span>
                  <span className="sandbox-card-outcome">{t(`wallet.cards.sandboxOutcomes.${outcome}`)}</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="sandbox-hint-note">{t('wallet.cards.sandboxNote')}</p>
        </aside>
      )}
    </SubPage>
  );
}
