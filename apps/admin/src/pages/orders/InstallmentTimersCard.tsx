// The installment timers beside the rental ones (时效设置): how long a placed order may wait for its
// signature and down payment, and the days of the period bills' reminders and auto-debit retries.
// Saving shows each change, before → after, in a dialog; the server audits who changed what.
import { Alert, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import { type InstallmentTimers, useInstallmentTimers, useSaveInstallmentTimers } from '../../installments-api';
import { TimerChangesModal } from './TimerChangesModal';
import { dayList, daysRule, parseDays } from './timer-days';

type DayListKey = 'reminderDaysBeforeDue' | 'reminderDaysAfterDue' | 'autoDebitRetryDaysAfterDue';
const DAY_LISTS: DayListKey[] = ['reminderDaysBeforeDue', 'reminderDaysAfterDue', 'autoDebitRetryDaysAfterDue'];

type FormValues = { unpaidOrderCancelMinutes: number } & Record<DayListKey, string>;

const toValues = (timers: InstallmentTimers): FormValues => ({
  unpaidOrderCancelMinutes: timers.unpaidOrderCancelMinutes,
  reminderDaysBeforeDue: dayList(timers.reminderDaysBeforeDue),
  reminderDaysAfterDue: dayList(timers.reminderDaysAfterDue),
  autoDebitRetryDaysAfterDue: dayList(timers.autoDebitRetryDaysAfterDue),
});

const toTimers = (values: FormValues): InstallmentTimers => ({
  unpaidOrderCancelMinutes: values.unpaidOrderCancelMinutes,
  reminderDaysBeforeDue: parseDays(values.reminderDaysBeforeDue),
  reminderDaysAfterDue: parseDays(values.reminderDaysAfterDue),
  autoDebitRetryDaysAfterDue: parseDays(values.autoDebitRetryDaysAfterDue),
});

export function InstallmentTimersCard() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const timers = useInstallmentTimers();
  const save = useSaveInstallmentTimers();
  const mayWrite = useCan('orders.write');
  const [form] = Form.useForm<FormValues>();
  const [pending, setPending] = useState<InstallmentTimers | null>(null);
  const view = timers.data;

  const shown = (key: keyof InstallmentTimers, value: InstallmentTimers): string => {
    if (key === 'unpaidOrderCancelMinutes') return `${value[key]} ${t('orders.timers.units.minutes')}`;
    return value[key].length === 0 ? '—' : `${dayList(value[key])} ${t('orders.timers.units.days')}`;
  };
  const keys = view ? (Object.keys(view.defaults) as (keyof InstallmentTimers)[]) : [];
  const changes = pending && view ? keys.filter((k) => shown(k, view.timers) !== shown(k, pending)) : [];
  const defaultOf = (key: keyof InstallmentTimers) =>
    view ? t('orders.timers.defaultValue', { value: shown(key, view.defaults) }) : '';

  return (
    <Card title={t('orders.installmentTimers.title')} data-testid="installment-timers" style={{ marginTop: 16 }}>
      {timers.error && <QueryErrorAlert error={timers.error} onRetry={() => void timers.refetch()} />}
      {view && (
        <>
          <Typography.Paragraph type="secondary" data-testid="installment-timers-updated">
            {view.updatedBy
              ? t('orders.timers.updatedBy', { who: view.updatedByName ?? view.updatedBy, at: format(view.updatedAt) })
              : t('orders.timers.defaults')}
          </Typography.Paragraph>
          {!mayWrite && <Alert type="info" showIcon message={t('orders.timers.readOnly')} className="page-alert" />}
          <Form<FormValues>
            form={form}
            layout="horizontal"
            labelCol={{ span: 7 }}
            wrapperCol={{ span: 12 }}
            initialValues={toValues(view.timers)}
            disabled={!mayWrite}
            onFinish={(values) => setPending(toTimers(values))}
          >
            <Form.Item
              label={t('orders.installmentTimers.unpaidOrderCancelMinutes')}
              extra={defaultOf('unpaidOrderCancelMinutes')}
            >
              <Space>
                <Form.Item name="unpaidOrderCancelMinutes" noStyle rules={[{ required: true }]}>
                  <InputNumber
                    min={5}
                    max={7 * 24 * 60}
                    precision={0}
                    data-testid="installment-timer-unpaid"
                    aria-label={t('orders.installmentTimers.unpaidOrderCancelMinutes')}
                  />
                </Form.Item>
                {t('orders.timers.units.minutes')}
              </Space>
            </Form.Item>
            {DAY_LISTS.map((key) => (
              <Form.Item
                key={key}
                name={key}
                label={t(`orders.timers.fields.${key}`)}
                extra={`${t('orders.timers.daysList')} · ${defaultOf(key)}`}
                rules={[daysRule(t)]}
              >
                <Input style={{ width: 220 }} data-testid={`installment-timer-${key}`} />
              </Form.Item>
            ))}
            {mayWrite && (
              <Form.Item wrapperCol={{ offset: 7 }}>
                <Button type="primary" htmlType="submit" data-testid="installment-timers-save">
                  {t('orders.timers.save')}
                </Button>
              </Form.Item>
            )}
          </Form>
        </>
      )}
      {pending && view && (
        <TimerChangesModal
          title={t('orders.installmentTimers.confirmTitle')}
          body={t('orders.installmentTimers.confirmBody')}
          changes={changes.map((k) => ({
            key: k,
            field:
              k === 'unpaidOrderCancelMinutes'
                ? t('orders.installmentTimers.unpaidOrderCancelMinutes')
                : t(`orders.timers.fields.${k}`),
            before: shown(k, view.timers),
            after: shown(k, pending),
          }))}
          saving={save.isPending}
          testId="installment-timers"
          onCancel={() => setPending(null)}
          save={async () => {
            const saved = await save.mutateAsync(pending);
            form.setFieldsValue(toValues(saved.timers));
            setPending(null);
          }}
        />
      )}
    </Card>
  );
}
