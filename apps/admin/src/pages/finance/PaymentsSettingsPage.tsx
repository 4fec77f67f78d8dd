import { Alert, App as AntdApp, Button, Card, Form, InputNumber, Modal, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { YuanInput } from '../../components/YuanInput';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { usePaymentsSettings, useSavePaymentsSettings } from '../../payments-api';

const DAY_SECONDS = 86_400;
/** The lead time in days as shown (a value set through the API need not be whole days). */
const daysOf = (seconds: number) => Math.round((seconds / DAY_SECONDS) * 100) / 100;

/**
 * The refund approval threshold and WeChat entrusted debit's pre-debit notice lead time (1–3 days):
 * read by anyone who reads payments, changed by administrators after a confirmation (before → after).
 */
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
  const [leadForm] = Form.useForm<{ days: number | null }>();
  const [pendingDays, setPendingDays] = useState<number | null>(null);
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
      {s && (
        <Card title={t('payments.settings.papay.title')} data-testid="payments-settings-papay">
          <Typography.Paragraph strong data-testid="payments-settings-papay-current">
            {t('payments.settings.papay.current', { days: daysOf(s.papayNoticeLeadSeconds) })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('payments.settings.papay.hint')}</Typography.Paragraph>
          {!mayWrite && (
            <Alert type="info" showIcon message={t('payments.settings.papay.readOnly')} className="page-alert" />
          )}
          {mayWrite && (
            <Form
              form={leadForm}
              layout="inline"
              initialValues={{ days: Math.round(s.papayNoticeLeadSeconds / DAY_SECONDS) }}
              onFinish={(values) => setPendingDays(values.days ?? 1)}
            >
              <Form.Item name="days" label={t('payments.settings.papay.days')} rules={[{ required: true }]}>
                <InputNumber min={1} max={3} precision={0} data-testid="payments-settings-papay-days" />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="payments-settings-papay-save">
                {t('payments.settings.papay.save')}
              </Button>
            </Form>
          )}
        </Card>
      )}
      {pendingDays !== null && s && (
        <Modal
          open
          title={t('payments.settings.papay.confirmTitle')}
          okText={t('payments.settings.papay.save')}
          okButtonProps={{ 'data-testid': 'payments-settings-papay-confirm' } as Record<`data-${string}`, string>}
          confirmLoading={save.isPending}
          onCancel={() => setPendingDays(null)}
          onOk={() =>
            save.mutate(
              { papayNoticeLeadSeconds: pendingDays * DAY_SECONDS },
              {
                onSuccess: () => {
                  void message.success(t('payments.settings.papay.saved'));
                  setPendingDays(null);
                },
                onError: (error) =>
                  void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
              },
            )
          }
        >
          <span data-testid="payments-settings-papay-confirm-body">
            {t('payments.settings.papay.confirmBody', { before: daysOf(s.papayNoticeLeadSeconds), after: pendingDays })}
          </span>
        </Modal>
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
            save.mutate(
              { refundApprovalAboveMinor: pending },
              {
                onSuccess: () => {
                  void message.success(t('payments.settings.saved'));
                  setPending(null);
                },
                onError: (error) =>
                  void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
              },
            )
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
