// A refund of a customer payment, asked from the payments list or a payment's page: the amount and the
// reason, then a confirmation naming the amount, from (the channel) and to (the customer), and whether
// it waits for a second person (above the refund approval threshold of the payments settings).
import { Alert, App as AntdApp, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { YuanInput } from '../../components/YuanInput';
import { useMoney } from '../../hooks';
import { type StaffPayment, usePaymentsSettings, useRequestRefund } from '../../payments-api';

/** What a refund needs to know of its payment (a list row or the payment's page). */
export interface RefundablePayment {
  id: string;
  channel: StaffPayment['channel'];
  refundableMinor: number;
  customerId: string;
  /** The customer as the console shows one (masked); the id when unknown. */
  customerLabel?: string | null | undefined;
}

/** Amount and reason, then a confirmation naming amount, from and to, and whether it waits for a second person. */
export function RefundFlow({ payment: p, onClose }: { payment: RefundablePayment; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<{ amountMinor: number | null; reason: string }>();
  const request = useRequestRefund();
  const settings = usePaymentsSettings();
  const [asked, setAsked] = useState<{ amountMinor: number; reason: string } | null>(null);
  const channel = t(`payments.channels.${p.channel}`);
  const threshold = settings.data?.refundApprovalAboveMinor;

  if (asked) {
    const waits = threshold !== undefined && asked.amountMinor > threshold;
    return (
      <Modal
        open
        title={t('payments.detail.confirmTitle')}
        okText={t('payments.detail.confirmSubmit')}
        okButtonProps={{ 'data-testid': 'payment-refund-confirm' } as Record<`data-${string}`, string>}
        cancelText={t('payments.detail.back2')}
        confirmLoading={request.isPending}
        onCancel={() => setAsked(null)}
        onOk={() =>
          request.mutate(
            { id: p.id, ...asked },
            {
              onSuccess: (refund) => {
                void message.success(
                  refund.state === 'awaiting_approval'
                    ? t('payments.refundForm.awaiting')
                    : t('payments.refundForm.requested'),
                );
                onClose();
              },
              onError: (error) =>
                void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
            },
          )
        }
      >
        <Descriptions column={1} size="small" bordered data-testid="payment-refund-summary">
          <Descriptions.Item label={t('payments.detail.confirmAmount')}>
            <Typography.Text strong>{money(asked.amountMinor)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('payments.detail.confirmFrom')}>
            {t('payments.refunds.fromValue', { channel })}
          </Descriptions.Item>
          <Descriptions.Item label={t('payments.detail.confirmTo')}>
            {t('payments.refunds.toValue', { customer: p.customerLabel ?? p.customerId })}
          </Descriptions.Item>
          <Descriptions.Item label={t('payments.detail.confirmReason')}>{asked.reason}</Descriptions.Item>
        </Descriptions>
        {threshold !== undefined && (
          <Alert
            className="page-alert"
            showIcon
            type={waits ? 'warning' : 'info'}
            data-testid="payment-refund-approval"
            message={
              waits
                ? t('payments.detail.confirmApproval', { threshold: money(threshold) })
                : t('payments.detail.confirmDirect', { threshold: money(threshold) })
            }
          />
        )}
      </Modal>
    );
  }
  return (
    <Modal
      open
      title={t('payments.refundForm.title', { id: p.id.slice(-8) })}
      okText={t('payments.detail.refundNext')}
      okButtonProps={{ 'data-testid': 'payment-refund-next' } as Record<`data-${string}`, string>}
      cancelText={t('payments.refundForm.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('payments.refundForm.refundable', { amount: money(p.refundableMinor) })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amountMinor: p.refundableMinor }}
        onFinish={(values) => setAsked({ amountMinor: values.amountMinor ?? 0, reason: values.reason.trim() })}
      >
        <Form.Item name="amountMinor" label={t('payments.refundForm.amount')} rules={[{ required: true }]}>
          <YuanInput data-testid="payment-refund-amount" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('payments.refundForm.reason')}
          rules={[{ required: true, whitespace: true, message: t('payments.refundForm.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={127} data-testid="payment-refund-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
