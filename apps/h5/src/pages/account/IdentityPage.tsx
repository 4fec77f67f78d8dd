import { Button, Form, Input, NoticeBar, Result, Skeleton, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { type Customer, useMe, useSandboxMode, useVerifyIdentity } from '../../account-api';
import { errorCode, ProblemError } from '../../api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { formatInstantDate } from '../../time-format';
import { idNumberProblem, isValidName } from '../../validation';

// Field-level reasons the server puts in `errors[].code`, all with their own message.
const FIELD_CODES = ['NAME_INVALID', 'ID_FORMAT', 'ID_CHECK_DIGIT', 'ID_BIRTH_DATE', 'AGE_OUT_OF_RANGE'] as const;
// Whole-form outcomes, shown above the form.
const FORM_CODES = [
  'IDENTITY_MISMATCH',
  'IDENTITY_LIVENESS_FAILED',
  'IDENTITY_ID_NUMBER_IN_USE',
  'IDENTITY_ALREADY_VERIFIED',
  'IDENTITY_PROVIDER_UNAVAILABLE',
] as const;

function oneOf<T extends string>(list: readonly T[], value: string | undefined): value is T {
  return (list as readonly (string | undefined)[]).includes(value);
}

interface IdentityValues {
  name: string;
  idNumber: string;
}

function VerifiedResult({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const verifiedAt = customer.identity.verifiedAt ? formatInstantDate(customer.identity.verifiedAt) : '';
  return (
    <Result
      status="success"
      title={t('account.identity.verifiedTitle')}
      description={
        <div className="verified-details" data-testid="identity-verified">
          <div>
            {t('account.identity.name')}：{customer.identity.nameMasked}
          </div>
          <div>
            {t('account.identity.idNumber')}：{customer.identity.idNumberMasked}
          </div>
          {verifiedAt && <div className="verified-at">{t('account.identity.verifiedAt', { date: verifiedAt })}</div>}
        </div>
      }
    />
  );
}

function IdentityForm({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<IdentityValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const verify = useVerifyIdentity();
  const sandbox = useSandboxMode();
  // Sent here by a step that needs a verified identity (the rental checkout): back there afterwards.
  const redirect = useSearchParams()[0].get('redirect');
  const afterVerify = redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : null;

  const showServerError = (error: unknown) => {
    const code = errorCode(error);
    if (error instanceof ProblemError && error.problem.errors?.length) {
      // A 422 names the field: /body/name or /body/idNumber.
      form.setFields(
        error.problem.errors.map((fieldError) => ({
          name: fieldError.path.endsWith('/name') ? 'name' : 'idNumber',
          errors: [
            oneOf(FIELD_CODES, fieldError.code) ? t(`account.identity.errors.${fieldError.code}`) : fieldError.message,
          ],
        })),
      );
      return;
    }
    if (code === 'IDENTITY_ID_NUMBER_IN_USE') {
      form.setFields([{ name: 'idNumber', errors: [t('account.identity.errors.IDENTITY_ID_NUMBER_IN_USE')] }]);
      return;
    }
    if (oneOf(FORM_CODES, code)) setFormError(t(`account.identity.errors.${code}`));
    else setFormError(t('account.identity.errors.generic', { reason: error instanceof Error ? error.message : '' }));
  };

  const onFinish = (values: IdentityValues) => {
    setFormError(null);
    verify.mutate(
      { name: values.name.trim(), idNumber: values.idNumber.trim().toUpperCase() },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('account.identity.success') });
          navigate(afterVerify ?? '/me', { replace: true });
        },
        onError: showServerError,
      },
    );
  };

  return (
    <>
      <p className="page-intro">{t('account.identity.intro')}</p>
      {customer.identity.status === 'failed' && (
        <NoticeBar content={t('account.identity.failedHint')} color="alert" wrap />
      )}
      {formError && (
        <NoticeBar content={formError} color="error" wrap className="form-error" data-testid="identity-form-error" />
      )}
      <Form
        form={form}
        layout="horizontal"
        mode="card"
        onFinish={onFinish}
        footer={
          <Button block type="submit" color="primary" size="large" shape="rounded" loading={verify.isPending}>
            {t('account.identity.submit')}
          </Button>
        }
      >
        <Form.Item
          name="name"
          label={t('account.identity.name')}
          rules={[
            { required: true, message: t('account.identity.errors.nameRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && !isValidName(value)) throw new Error(t('account.identity.errors.NAME_INVALID'));
              },
            },
          ]}
        >
          <Input
            maxLength={30}
            clearable
            placeholder={t('account.identity.namePlaceholder')}
            data-testid="identity-name"
          />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('account.identity.idNumber')}
          rules={[
            { required: true, message: t('account.identity.errors.idRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                const problem = value ? idNumberProblem(value) : null;
                if (problem) throw new Error(t(`account.identity.errors.${problem}`));
              },
            },
          ]}
        >
          <Input
            maxLength={18}
            clearable
            placeholder={t('account.identity.idNumberPlaceholder')}
            data-testid="identity-id-number"
          />
        </Form.Item>
      </Form>
      {sandbox && <p className="sandbox-inline">{t('account.identity.sandboxHint')}</p>}
    </>
  );
}

export function IdentityPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <SubPage title={t('account.identity.title')} fallback="/me">
      {me.isPending && <Skeleton.Paragraph lineCount={5} animated className="page-skeleton" />}
      {me.error && (
        <ErrorState title={t('account.profile.loadFailed')} error={me.error} onRetry={() => void me.refetch()} />
      )}
      {me.data &&
        (me.data.identity.status === 'verified' ? (
          <VerifiedResult customer={me.data} />
        ) : (
          <IdentityForm customer={me.data} />
        ))}
    </SubPage>
  );
}
