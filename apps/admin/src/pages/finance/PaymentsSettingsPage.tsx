import { Alert, App as AntdApp, Button, Card, Form, Modal, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { YuanInput } from '../../components/YuanInput';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { usePaymentsSettings, useSavePaymentsSettings } from '../../payments-api';

/** The refund approval threshold: read by anyone who reads payments, changed by administrators after a confirmation. */
export function PaymentsSettingsPage() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const money = useMoney();
  const settings = usePaymentsSettings();
  const save = useSavePaymentsSettings();
  const mayWrite = useCan('staff.manage');
  const [form] = Form.useForm<{ threshold: number | null }>();
  const [pending, setPending] = useState<number | null>(null);
  const s = settings.data;

  return (
    <div className="page" data-testid="payments-settings-page">
      <PageHeader title={t('payments.settings.title')} subtitle={t('payments.settings.subtitle')} />
      {settings.error && <QueryErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.isPending && <Spin />}
      {s && (
        <Card>
          <Typography.Paragraph strong data-testid="payments-settings-current">
            {t('payments.settings.current', { amount: money(s.refundApprovalAboveMinor) })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {s.updatedBy
              ? t('payments.settings.updatedBy', { who: s.updatedByName ?? s.updatedBy, at: format(s.updatedAt) })
              : t('payments.settings.defaults')}
          </Typography.Paragraph>
          {!mayWrite && <Alert type="info" showIcon message={t('payments.settings.readOnly')} className="page-alert" />}
          {mayWrite && (
            <Form
              form={form}
              layout="inline"
              initialValues={{ threshold: s.refundApprovalAboveMinor }}
              onFinish={(values) => setPending(values.threshold ?? 0)}
            >
              <Form.Item name="threshold" label={t('payments.settings.threshold')} rules={[{ required: true }]}>
                <YuanInput data-testid="payments-settings-threshold" />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="payments-settings-save">
                {t('payments.settings.save')}
              </Button>
            </Form>
          )}
        </Card>
      )}
      {pending !== null && s && (
        <Modal
          open
          title={t('payments.settings.confirmTitle')}
          okText={t('payments.settings.save')}
          okButtonProps={{ 'data-testid': 'payments-settings-confirm' } as Record<`data-${string}`, string>}
          confirmLoading={save.isPending}
          onCancel={() => setPending(null)}
          onOk={() =>
            save.mutate(pending, {
              onSuccess: () => {
                void message.success(t('payments.settings.saved'));
                setPending(null);
              },
              onError: (error) =>
                void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
            })
          }
        >
          {t('payments.settings.confirmBody', {
            before: money(s.refundApprovalAboveMinor),
            after: money(pending),
          })}
        </Modal>
      )}
    </div>
  );
}
