import { Button, Checkbox, Form, Input, Popup, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  fetchSandboxCode,
  type LegalDocumentKind,
  sendLoginCode,
  useLegalDocuments,
  useLogin,
} from '../../account-api';
import { errorCode, ProblemError } from '../../api';
import { BrandMark } from '../../components/BrandMark';
import { SubPage } from '../../components/SubPage';
import { toE164 } from '../../validation';
import { LegalDocumentText } from './LegalPage';

const RESEND_SECONDS = 60;

/** Problem codes with their own message; any other shows the server's title. */
const KNOWN_CODES = [
  'SMS_SEND_TOO_SOON',
  'SMS_DAILY_LIMIT_REACHED',
  'SMS_IP_LIMIT_REACHED',
  'RATE_LIMITED',
  'SMS_CODE_INVALID',
  'SMS_CODE_TOO_MANY_ATTEMPTS',
  'AUTH_CUSTOMER_DISABLED',
  'SMS_PROVIDER_UNAVAILABLE',
  'CONSENT_REQUIRED',
  'CONSENT_VERSION_OUTDATED',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnownCode(code: string | undefined): code is KnownCode {
  return (KNOWN_CODES as readonly (string | undefined)[]).includes(code);
}

function useCountdown(): [number, (seconds: number) => void] {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (seconds <= 0) return;
    const timer = setTimeout(() => setSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [seconds]);
  return [seconds, setSeconds];
}

/** Only a page the app itself links to may be the target after sign-in. */
function safeRedirect(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/me';
}

interface LoginValues {
  phone: string;
  code: string;
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginValues>();
  const [countdown, startCountdown] = useCountdown();
  const [sending, setSending] = useState(false);
  const [codeSent, setCodeSent] = useState(false);
  const [sandboxCode, setSandboxCode] = useState<string | null>(null);
  const login = useLogin();
  const documents = useLegalDocuments(i18n.language === 'en' ? 'en' : 'zh-CN');
  // PIPL: consent is given, never presumed — the box starts unticked.
  const [agreed, setAgreed] = useState(false);
  const [reading, setReading] = useState<LegalDocumentKind | null>(null);

  const message = (error: unknown): string => {
    const code = errorCode(error);
    if (isKnownCode(code)) return t(`account.login.errors.${code}`);
    if (error instanceof ProblemError) return t('account.login.errors.generic', { reason: error.problem.title });
    return t('account.login.errors.network');
  };

  const onSendCode = async () => {
    const phone = toE164(form.getFieldValue('phone') ?? '');
    if (phone === null) {
      form.setFields([{ name: 'phone', errors: [t('account.login.errors.phoneInvalid')] }]);
      return;
    }
    form.setFields([{ name: 'phone', errors: [] }]);
    setSending(true);
    try {
      const sent = await sendLoginCode(phone);
      startCountdown(sent.resendAfterSeconds || RESEND_SECONDS);
      setCodeSent(true);
      Toast.show({ content: t('account.login.codeSent') });
      // The sandbox read-back answers 404 outside sandbox mode, and the hint then stays hidden.
      setSandboxCode(await fetchSandboxCode(phone));
    } catch (error) {
      // Sent too soon: the server still knows the last code, so the countdown resumes.
      if (errorCode(error) === 'SMS_SEND_TOO_SOON') startCountdown(RESEND_SECONDS);
      form.setFields([{ name: 'phone', errors: [message(error)] }]);
    } finally {
      setSending(false);
    }
  };

  const onFinish = (values: LoginValues) => {
    const phone = toE164(values.phone);
    if (phone === null) return;
    if (!agreed || documents.data === undefined) {
      Toast.show({ content: t('account.login.mustAgree') });
      return;
    }
    // The versions the person could read on this page are the versions they agree to.
    const consents = documents.data.map(({ document, version }) => ({ document, version }));
    login.mutate(
      { phone, code: values.code.trim(), consents },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('account.login.success') });
          navigate(safeRedirect(params.get('redirect')), { replace: true });
        },
        onError: (error) => {
          const code = errorCode(error);
          if (code === 'CONSENT_REQUIRED' || code === 'CONSENT_VERSION_OUTDATED') {
            // A document changed while the page was open: read the new version and agree again.
            setAgreed(false);
            void documents.refetch();
            Toast.show({ content: message(error) });
            return;
          }
          const field = code === 'AUTH_CUSTOMER_DISABLED' ? 'phone' : 'code';
          form.setFields([{ name: field, errors: [message(error)] }]);
        },
      },
    );
  };

  return (
    <SubPage title={t('account.login.title')}>
      <div className="login">
        <div className="login-brand">
          <BrandMark size={56} />
          <h2 className="login-heading">{t('account.login.heading')}</h2>
          <p className="login-subheading">{t('account.login.subheading')}</p>
        </div>
        <Form
          form={form}
          layout="horizontal"
          mode="card"
          className="login-form"
          onFinish={onFinish}
          footer={
            <Button block type="submit" color="primary" size="large" shape="rounded" loading={login.isPending}>
              {t('account.login.submit')}
            </Button>
          }
        >
          <Form.Item
            name="phone"
            label={t('account.login.phone')}
            rules={[
              { required: true, message: t('account.login.errors.phoneRequired') },
              {
                validator: async (_rule, value: string | undefined) => {
                  if (value && toE164(value) === null) throw new Error(t('account.login.errors.phoneInvalid'));
                },
              },
            ]}
          >
            <Input
              type="tel"
              inputMode="numeric"
              maxLength={13}
              clearable
              autoComplete="tel-national"
              placeholder={t('account.login.phonePlaceholder')}
              data-testid="login-phone"
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('account.login.code')}
            rules={[
              { required: true, message: t('account.login.errors.codeRequired') },
              { pattern: /^\s*\d{6}\s*$/, message: t('account.login.errors.codeFormat') },
            ]}
            extra={
              <Button
                size="small"
                color="primary"
                fill="none"
                className="send-code"
                disabled={countdown > 0}
                loading={sending}
                onClick={() => void onSendCode()}
                data-testid="send-code"
              >
                {countdown > 0
                  ? t('account.login.resendIn', { seconds: countdown })
                  : codeSent
                    ? t('account.login.resend')
                    : t('account.login.sendCode')}
              </Button>
            }
          >
            <Input
              inputMode="numeric"
              maxLength={6}
              autoComplete="one-time-code"
              placeholder={t('account.login.codePlaceholder')}
              data-testid="login-code"
            />
          </Form.Item>
        </Form>
        {sandboxCode && (
          <aside className="sandbox-hint" data-testid="sandbox-hint">
            <div className="sandbox-hint-head">
              <span className="sandbox-badge">{t('account.login.sandboxTitle')}</span>
              <span data-testid="sandbox-code">{t('account.login.sandboxCode', { code: sandboxCode })}</span>
              <Button
                size="mini"
                fill="outline"
                color="warning"
                onClick={() => form.setFieldsValue({ code: sandboxCode })}
              >
                {t('account.login.sandboxFill')}
              </Button>
            </div>
            <p className="sandbox-hint-note">{t('account.login.sandboxNote')}</p>
          </aside>
        )}
        <div className="login-consent">
          <Checkbox
            checked={agreed}
            onChange={setAgreed}
            style={{ '--icon-size': '16px' }}
            aria-label={t('account.login.mustAgree')}
            data-testid="login-consent"
          />
          <span>
            {t('account.login.agreeLead')}{' '}
            {(documents.data ?? []).map((doc, index) => (
              <span key={doc.document}>
                {index > 0 && ` ${t('account.login.agreeAnd')} `}
                <a
                  href={`/legal/${doc.document}`}
                  onClick={(event) => {
                    event.preventDefault();
                    setReading(doc.document);
                  }}
                  data-testid={`login-read-${doc.document}`}
                >
                  {i18n.language === 'en'
                    ? doc.title.replace(/^Zulin /, '')
                    : `《${doc.title.replace(/^Zulin /, '')}》`}
                </a>
              </span>
            ))}
          </span>
        </div>
        <Popup
          visible={reading !== null}
          onMaskClick={() => setReading(null)}
          bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}
        >
          <div className="legal-popup-body">{reading && <LegalDocumentText document={reading} />}</div>
          <Button block color="primary" onClick={() => setReading(null)} data-testid="legal-close">
            {t('account.login.documentClose')}
          </Button>
        </Popup>
      </div>
    </SubPage>
  );
}
