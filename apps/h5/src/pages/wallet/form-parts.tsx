import { parseMajor } from '@zulin/kernel';
import { Button, Form, type FormProps, Input } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { parseYuan } from './wallet-errors';

/** The wide rounded button of the wallet's pages: a form's submit, or a page's main action. */
export function WideButton({
  submit = false,
  outline = false,
  loading,
  disabled,
  onClick,
  testId,
  children,
}: {
  submit?: boolean;
  outline?: boolean;
  loading?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Button
      block
      type={submit ? 'submit' : 'button'}
      color="primary"
      fill={outline ? 'outline' : 'solid'}
      shape="rounded"
      loading={loading}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}

/** The last step of a wallet flow: back to the wallet (replacing the flow in the history). */
export function BackToWalletButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return <WideButton onClick={() => navigate('/wallet', { replace: true })}>{t('wallet.topUp.done')}</WideButton>;
}

/**
 * A yuan amount field: required, a positive amount with at most two decimals, and whatever else
 * `check` says about the amount in 分 (a message, or null when it passes).
 */
export function AmountItem({
  name = 'amount',
  label,
  placeholder,
  testId,
  extra,
  check,
}: {
  name?: string;
  label: string;
  placeholder: string;
  testId: string;
  extra?: ReactNode;
  check?: (amountMinor: number) => string | null;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[
        { required: true, message: t('wallet.errors.amountRequired') },
        {
          validator: async (_, value: string | undefined) => {
            if (!value) return;
            const minor = parseYuan(value, parseMajor);
            if (minor === null) throw new Error(t('wallet.errors.amountInvalid'));
            const problem = check?.(minor);
            if (problem) throw new Error(problem);
          },
        },
      ]}
    >
      <Input inputMode="decimal" placeholder={placeholder} data-testid={testId} />
    </Form.Item>
  );
}

/**
 * A wallet form: fields in a card, then its submit button (with `aboveSubmit`, a preview say,
 * between them).
 */
export function WalletForm<T extends object>({
  form,
  onFinish,
  initialValues,
  submitLabel,
  busy,
  submitTestId,
  aboveSubmit,
  children,
}: {
  form: NonNullable<FormProps['form']>;
  onFinish: (values: T) => void;
  initialValues?: Partial<T>;
  submitLabel: string;
  busy: boolean;
  submitTestId: string;
  aboveSubmit?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      initialValues={initialValues}
      onFinish={onFinish}
      footer={
        <>
          {aboveSubmit}
          <WideButton submit loading={busy} testId={submitTestId}>
            {submitLabel}
          </WideButton>
        </>
      }
    >
      {children}
    </Form>
  );
}

/** A 6-digit one-time code field (SMS or authenticator): digits only. */
export function CodeInput({
  value,
  onChange,
  placeholder,
  testId,
  className,
}: {
  value: string;
  onChange: (code: string) => void;
  placeholder: string;
  testId: string;
  className?: string;
}) {
  return (
    <Input
      value={value}
      onChange={(typed) => onChange(typed.replace(/\D/g, ''))}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      placeholder={placeholder}
      className={className}
      data-testid={testId}
    />
  );
}
