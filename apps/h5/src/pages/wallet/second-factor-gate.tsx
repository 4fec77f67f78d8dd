import { Button, Dialog, Selector, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { fetchMySandboxCode, useSandboxMode } from '../../account-api';
import { errorCode } from '../../api';
import { type StepUpOperation, useSendStepUpSms } from '../../bank-card-api';
import type { SecondFactorFields } from '../../wallet-api';
import { CodeInput } from './form-parts';
import { walletErrorMessage } from './wallet-errors';

type Method = 'sms' | 'totp';

/** Seconds before another SMS code may be asked for (the server allows one a minute). */
const RESEND_SECONDS = 60;

/**
 * The second factor of large withdrawals and transfers, asked for only when the API says the amount
 * needs it: `send(input)` goes without a code; on WALLET_SECOND_FACTOR_REQUIRED a dialog asks for an
 * SMS step-up code or an authenticator code and sends again with it; on
 * WALLET_SECOND_FACTOR_NOT_ENROLLED (an authenticator code without an authenticator) the customer is
 * offered the security page, or stays to use an SMS code. An SMS code is asked for the operation
 * being confirmed (`operationOf`): the server binds it to that amount and payee. The page renders
 * `dialog` and routes its mutation's errors to `onError`.
 */
export function useSecondFactorGate<T extends SecondFactorFields>(options: {
  send: (input: T) => void;
  busy: boolean;
  operationOf: (input: T) => StepUpOperation;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [waiting, setWaiting] = useState<T | null>(null);
  const [attempt, setAttempt] = useState(0);

  const onError = (error: unknown, input: T) => {
    const problem = errorCode(error);
    if (problem === 'WALLET_SECOND_FACTOR_REQUIRED') {
      setWaiting({ ...input, smsCode: undefined, totpCode: undefined });
      return;
    }
    if (problem === 'WALLET_SECOND_FACTOR_NOT_ENROLLED') {
      // The code dialog stays open underneath: the customer may switch to an SMS code instead.
      void Dialog.confirm({
        title: t('wallet.secondFactor.notEnrolledTitle'),
        content: t('wallet.errors.WALLET_SECOND_FACTOR_NOT_ENROLLED'),
        confirmText: t('wallet.secondFactor.goEnroll'),
        cancelText: t('wallet.secondFactor.cancel'),
      }).then((go) => go && navigate('/wallet/security'));
      return;
    }
    // A wrong code keeps the dialog open for another try (with the field cleared); anything else closes it.
    const retry = problem === 'WALLET_SECOND_FACTOR_INVALID' || problem === 'WALLET_SECOND_FACTOR_TOO_MANY_ATTEMPTS';
    if (retry) setAttempt((n) => n + 1);
    else setWaiting(null);
    Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) });
  };

  const dialog = (
    <SecondFactorDialog
      open={waiting !== null}
      operation={waiting ? options.operationOf(waiting) : null}
      attempt={attempt}
      busy={options.busy}
      onCancel={() => setWaiting(null)}
      onConfirm={(fields) => waiting && options.send({ ...waiting, ...fields })}
    />
  );
  return { send: options.send, onError, onDone: () => setWaiting(null), dialog };
}

function SecondFactorDialog({
  open,
  operation,
  attempt,
  busy,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  /** What an SMS code is asked for (the server binds the code to it). */
  operation: StepUpOperation | null;
  /** Grows after each wrong code, which clears the field. */
  attempt: number;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (fields: SecondFactorFields) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sms = useSendStepUpSms();
  const [method, setMethod] = useState<Method>('sms');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sandbox = useSandboxMode();
  const [sandboxCode, setSandboxCode] = useState<string | null>(null);
  const [cooldown, setCooldown] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt (a wrong code) clears the field
  useEffect(() => setCode(''), [attempt, open]);
  // Each opening starts without the last one's sent-to note and sandbox code (the resend cooldown
  // stays: the server allows one text a minute).
  useEffect(() => {
    if (!open) return;
    setSentTo(null);
    setSandboxCode(null);
  }, [open]);
  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  const sendSms = () => {
    if (operation === null) return;
    sms.mutate(operation, {
      onSuccess: (sent) => {
        setSentTo(sent.phoneMasked);
        setCooldown(RESEND_SECONDS);
        // Demo aid: in sandbox mode no text leaves the server, so the code is shown here.
        if (sandbox) void fetchMySandboxCode().then(setSandboxCode);
      },
      onError: (error) => Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) }),
    });
  };
  const confirm = () => {
    if (!/^\d{6}$/.test(code)) {
      Toast.show({ content: t('wallet.errors.codeFormat') });
      return;
    }
    onConfirm(method === 'sms' ? { smsCode: code } : { totpCode: code });
  };

  return (
    <Dialog
      visible={open}
      title={t('wallet.secondFactor.title')}
      content={
        <div className="second-factor" data-testid="second-factor">
          <p className="second-factor-intro">{t('wallet.secondFactor.description')}</p>
          <Selector<Method>
            columns={2}
            value={[method]}
            onChange={(value) => {
              if (value[0]) setMethod(value[0]);
              setCode('');
            }}
            options={[
              { value: 'sms', label: t('wallet.secondFactor.sms') },
              { value: 'totp', label: t('wallet.secondFactor.totp') },
            ]}
            data-testid="second-factor-method"
          />
          <div className="second-factor-code">
            <CodeInput
              value={code}
              onChange={setCode}
              placeholder={
                method === 'sms' ? t('wallet.secondFactor.smsPlaceholder') : t('wallet.secondFactor.placeholder')
              }
              testId="second-factor-code"
            />
            {method === 'sms' && (
              <Button
                size="small"
                fill="none"
                color="primary"
                loading={sms.isPending}
                disabled={cooldown > 0}
                onClick={sendSms}
                data-testid="second-factor-send-sms"
              >
                {cooldown > 0
                  ? t('wallet.secondFactor.resendIn', { seconds: cooldown })
                  : t('wallet.secondFactor.sendSms')}
              </Button>
            )}
          </div>
          <p className="second-factor-hint">
            {method === 'sms' ? (
              sentTo ? (
                <>
                  {t('wallet.secondFactor.smsSent', { phone: sentTo })}
                  {sandboxCode && (
                    <span className="sandbox-inline second-factor-sandbox" data-testid="second-factor-sandbox-code">
                      {t('account.login.sandboxCode', { code: sandboxCode })}{' '}
                      <Button size="mini" fill="none" color="primary" onClick={() => setCode(sandboxCode)}>
                        {t('account.login.sandboxFill')}
                      </Button>
                    </span>
                  )}
                </>
              ) : (
                t('wallet.secondFactor.smsHint')
              )
            ) : (
              <>
                {t('wallet.secondFactor.totpHint')}{' '}
                <Button size="mini" fill="none" color="primary" onClick={() => navigate('/wallet/security')}>
                  {t('wallet.secondFactor.enrollLink')}
                </Button>
              </>
            )}
          </p>
        </div>
      }
      closeOnAction={false}
      onClose={onCancel}
      actions={[
        [
          { key: 'cancel', text: t('wallet.secondFactor.cancel'), onClick: onCancel },
          { key: 'confirm', text: t('wallet.secondFactor.confirm'), bold: true, disabled: busy, onClick: confirm },
        ],
      ]}
    />
  );
}
