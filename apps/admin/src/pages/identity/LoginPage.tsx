import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorCode, ProblemError, useSystemStatus } from '../../api';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useStaffLogin } from '../../identity-api';
import { useSession } from '../../session';

const KNOWN_CODES = ['STAFF_LOGIN_FAILED', 'STAFF_LOCKED', 'AUTH_STAFF_DISABLED', 'RATE_LIMITED'] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnownCode(code: string | undefined): code is KnownCode {
  return (KNOWN_CODES as readonly (string | undefined)[]).includes(code);
}

/** Only a console page may be the target after sign-in. */
function safeNext(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/** Whether the server runs in sandbox mode (`sandbox` in /v1/system/status): demo hints show only then. */
function useSandboxMode(): boolean {
  return useSystemStatus().data?.sandbox === true;
}

interface LoginValues {
  username: string;
  password: string;
  totp: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const session = useSession();
  const login = useStaffLogin();
  const sandbox = useSandboxMode();
  const [form] = Form.useForm<LoginValues>();
  const [failure, setFailure] = useState<string | null>(null);

  if (session && !login.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const onFinish = (values: LoginValues) => {
    setFailure(null);
    login.mutate(
      { username: values.username.trim(), password: values.password, totp: values.totp },
      {
        onSuccess: (data) => {
          void message.success(t('identity.login.success', { name: data.staff.displayName ?? data.staff.username }));
          navigate(safeNext(params.get('next')), { replace: true });
        },
        onError: (error) => {
          const code = errorCode(error);
          form.setFieldValue('totp', '');
          if (isKnownCode(code)) setFailure(t(`identity.login.errors.${code}`));
          else if (error instanceof ProblemError)
            setFailure(t('identity.login.errors.generic', { reason: error.problem.title }));
          else setFailure(t('identity.login.errors.network'));
        },
      },
    );
  };

  return (
    <div className="login-screen">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card" data-testid="staff-login">
        <div className="login-brand">
          <svg width="44" height="44" viewBox="0 0 64 64" aria-hidden="true">
            <rect width="64" height="64" rx="16" fill="#ff6a00" />
            <rect x="21" y="12" width="22" height="40" rx="5" fill="none" stroke="#fff" strokeWidth="4" />
            <circle cx="32" cy="45" r="2.5" fill="#fff" />
          </svg>
          <div>
            <Typography.Title level={3} className="login-title">
              {t('identity.login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('identity.login.subtitle')}</Typography.Text>
          </div>
        </div>
        {failure && <Alert type="error" showIcon title={failure} className="login-alert" data-testid="login-error" />}
        <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={onFinish}>
          <Form.Item
            name="username"
            label={t('identity.login.username')}
            rules={[{ required: true, message: t('identity.login.required', { field: t('identity.login.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('identity.login.password')}
            rules={[{ required: true, message: t('identity.login.required', { field: t('identity.login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Form.Item
            name="totp"
            label={
              <span>
                <SafetyOutlined /> {t('identity.login.totp')}
              </span>
            }
            extra={t('identity.login.totpHint')}
            rules={[
              { required: true, message: t('identity.login.required', { field: t('identity.login.totp') }) },
              { pattern: /^\d{6}$/, message: t('identity.login.totpFormat') },
            ]}
          >
            <Input.OTP length={6} formatter={(value) => value.replace(/\D/g, '')} data-testid="login-totp" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('identity.login.submit')}
          </Button>
        </Form>
        {sandbox && <Alert type="warning" className="login-sandbox" showIcon title={t('identity.login.sandboxHint')} />}
      </Card>
      <Typography.Text type="secondary" className="login-footer">
        {t('identity.login.footer')}
      </Typography.Text>
    </div>
  );
}
