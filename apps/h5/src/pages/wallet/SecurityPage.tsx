import { Button, List, Result, Steps, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../api';
import { useConfirmSecondFactor, useEnrollSecondFactor, useSecondFactorStatus } from '../../bank-card-api';
import { SubPage } from '../../components/SubPage';
import { useShortMoney } from '../../money';
import { useWallet } from '../../wallet-api';
import { groupDigits } from './card-number';
import { BackToWalletButton, CodeInput, WideButton } from './form-parts';
import { walletErrorMessage } from './wallet-errors';

interface Enrollment {
  secret: string;
  otpauthUri: string;
}

/**
 * The second factor for large withdrawals and transfers: a TOTP authenticator app. Enrolment shows
 * the secret (grouped for typing) and the otpauth link, then activates it with a first code. A
 * customer whose authenticator is already active sees that at once (`GET /v1/wallet/second-factor`).
 */
export function SecurityPage() {
  const { t } = useTranslation();
  const money = useShortMoney();
  const enroll = useEnrollSecondFactor();
  const status = useSecondFactorStatus();
  const limits = useWallet().data?.limits;
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [step, setStep] = useState<'intro' | 'enrolling' | 'active'>('intro');
  // Already active on the server (enrolled on another device, or earlier): nothing to set up.
  const state = status.data?.totp === 'active' ? 'active' : step;

  const start = () =>
    enroll.mutate(undefined, {
      onSuccess: (result) => {
        setEnrollment(result);
        setStep('enrolling');
      },
      onError: (error) => {
        // Enrolment refuses only when a factor is already active.
        if (errorCode(error) === 'WALLET_SECOND_FACTOR_INVALID') setStep('active');
        else Toast.show({ icon: 'fail', content: walletErrorMessage(t, error) });
      },
    });

  return (
    <SubPage title={t('wallet.security.title')} fallback="/wallet">
      {state === 'active' ? (
        <ActiveResult />
      ) : (
        <>
          {limits && (
            <p className="page-intro">
              {t('wallet.security.intro', {
                withdrawal: money(limits.withdrawalSecondFactorFromMinor),
                transfer: money(limits.transferSecondFactorFromMinor),
              })}
            </p>
          )}
          {state === 'intro' || enrollment === null ? (
            <div className="wallet-result-actions">
              <List mode="card" className="security-apps">
                <List.Item description={t('wallet.security.appsHint')}>{t('wallet.security.appsTitle')}</List.Item>
              </List>
              <WideButton loading={enroll.isPending} onClick={start} testId="second-factor-start">
                {t('wallet.security.start')}
              </WideButton>
            </div>
          ) : (
            <EnrollSteps enrollment={enrollment} onActive={() => setStep('active')} onRestart={start} />
          )}
        </>
      )}
    </SubPage>
  );
}

function EnrollSteps({
  enrollment,
  onActive,
  onRestart,
}: {
  enrollment: Enrollment;
  onActive: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmSecondFactor();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(enrollment.secret);
      Toast.show({ content: t('wallet.security.copied') });
    } catch {
      Toast.show({ content: t('wallet.security.copyFailed') });
    }
  };
  const submit = () => {
    if (!/^\d{6}$/.test(code)) {
      setProblem(t('wallet.errors.codeFormat'));
      return;
    }
    setProblem(null);
    confirm.mutate(code, {
      onSuccess: onActive,
      onError: (error) => {
        setCode('');
        setProblem(walletErrorMessage(t, error));
      },
    });
  };
  return (
    <div className="security-steps" data-testid="second-factor-enroll">
      <Steps direction="vertical" current={1}>
        <Steps.Step
          title={t('wallet.security.step1')}
          description={
            <div className="totp-secret-box">
              <div className="totp-secret mono" data-testid="second-factor-secret">
                {groupDigits(enrollment.secret)}
              </div>
              <div className="totp-secret-actions">
                <Button size="small" shape="rounded" onClick={() => void copy()}>
                  {t('wallet.security.copy')}
                </Button>
                <a
                  className="adm-button adm-button-small adm-button-shape-rounded totp-link"
                  href={enrollment.otpauthUri}
                >
                  {t('wallet.security.openApp')}
                </a>
              </div>
              <p className="totp-secret-note">{t('wallet.security.secretNote')}</p>
            </div>
          }
        />
        <Steps.Step
          title={t('wallet.security.step2')}
          description={
            <div className="totp-confirm">
              <CodeInput
                value={code}
                onChange={setCode}
                placeholder={t('wallet.secondFactor.placeholder')}
                className="totp-code-input"
                testId="second-factor-confirm-code"
              />
              {problem && (
                <p className="totp-error" role="alert" data-testid="second-factor-error">
                  {problem}
                </p>
              )}
              <WideButton loading={confirm.isPending} onClick={submit} testId="second-factor-confirm">
                {t('wallet.security.confirm')}
              </WideButton>
              <Button block fill="none" size="small" onClick={onRestart}>
                {t('wallet.security.restart')}
              </Button>
            </div>
          }
        />
      </Steps>
    </div>
  );
}

function ActiveResult() {
  const { t } = useTranslation();
  return (
    <div data-testid="second-factor-active">
      <Result status="success" title={t('wallet.security.active')} description={t('wallet.security.activeHint')} />
      <div className="wallet-result-actions">
        <BackToWalletButton />
      </div>
    </div>
  );
}
