import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import { type RentalTimers, useRentalTimers, useSaveRentalTimers } from '../../orders-api';
import { LostParcelSettingsCard } from '../logistics/LostParcelSettingsCard';
import { InstallmentTimersCard } from './InstallmentTimersCard';
import { OverduePolicyCard } from './OverduePolicyCard';
import { RateCapCard } from './RateCapCard';
import { TimerChangesModal } from './TimerChangesModal';
import { dayList, daysRule, parseDays } from './timer-days';

type DayListKey = 'reminderDaysBeforeDue' | 'reminderDaysAfterDue' | 'autoDebitRetryDaysAfterDue';
const DAY_LISTS: DayListKey[] = ['reminderDaysBeforeDue', 'reminderDaysAfterDue', 'autoDebitRetryDaysAfterDue'];

interface FormValues {
  unpaidOrderCancelMinutes: number;
  quoteMode: 'end_of_business_day' | 'minutes';
  endOfBusinessDay: string;
  quoteMinutes: number;
  reminderDaysBeforeDue: string;
  reminderDaysAfterDue: string;
  autoDebitRetryDaysAfterDue: string;
  renewalWindowDays: number;
  disputeWindowDays: number;
}

function toValues(timers: RentalTimers): FormValues {
  const q = timers.exitQuoteValidity;
  return {
    unpaidOrderCancelMinutes: timers.unpaidOrderCancelMinutes,
    quoteMode: q.mode,
    endOfBusinessDay: q.mode === 'end_of_business_day' ? q.endOfBusinessDay : '24:00',
    quoteMinutes: q.mode === 'minutes' ? q.minutes : 60,
    reminderDaysBeforeDue: dayList(timers.reminderDaysBeforeDue),
    reminderDaysAfterDue: dayList(timers.reminderDaysAfterDue),
    autoDebitRetryDaysAfterDue: dayList(timers.autoDebitRetryDaysAfterDue),
    renewalWindowDays: timers.renewalWindowDays,
    disputeWindowDays: timers.disputeWindowDays,
  };
}

function toTimers(values: FormValues): RentalTimers {
  return {
    unpaidOrderCancelMinutes: values.unpaidOrderCancelMinutes,
    exitQuoteValidity:
      values.quoteMode === 'minutes'
        ? { mode: 'minutes', minutes: values.quoteMinutes }
        : { mode: 'end_of_business_day', endOfBusinessDay: values.endOfBusinessDay },
    reminderDaysBeforeDue: parseDays(values.reminderDaysBeforeDue),
    reminderDaysAfterDue: parseDays(values.reminderDaysAfterDue),
    autoDebitRetryDaysAfterDue: parseDays(values.autoDebitRetryDaysAfterDue),
    renewalWindowDays: values.renewalWindowDays,
    disputeWindowDays: values.disputeWindowDays,
  };
}

/** The rental timers, each with its unit and its default; a change is confirmed, then audited by the server. */
export function RentalTimersPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const timers = useRentalTimers();
  const save = useSaveRentalTimers();
  const mayWrite = useCan('orders.write');
  const mayReadLogistics = useCan('logistics.read');
  const [form] = Form.useForm<FormValues>();
  const [pending, setPending] = useState<RentalTimers | null>(null);
  const view = timers.data;

  const shown = (key: keyof RentalTimers, value: RentalTimers): string => {
    switch (key) {
      case 'unpaidOrderCancelMinutes':
        return `${value.unpaidOrderCancelMinutes} ${t('orders.timers.units.minutes')}`;
      case 'exitQuoteValidity': {
        const q = value.exitQuoteValidity;
        return q.mode === 'minutes'
          ? `${q.minutes} ${t('orders.timers.units.minutes')}`
          : `${t('orders.timers.quoteModes.end_of_business_day')} ${q.endOfBusinessDay}`;
      }
      case 'renewalWindowDays':
      case 'disputeWindowDays':
        return `${value[key]} ${t('orders.timers.units.days')}`;
      default:
        return value[key].length === 0 ? '—' : `${value[key].join(', ')} ${t('orders.timers.units.days')}`;
    }
  };
  const keys = view ? (Object.keys(view.defaults) as (keyof RentalTimers)[]) : [];
  const changes = pending && view ? keys.filter((k) => shown(k, view.timers) !== shown(k, pending)) : [];
  const defaultOf = (key: keyof RentalTimers) =>
    view ? t('orders.timers.defaultValue', { value: shown(key, view.defaults) }) : '';

  return (
    <div className="page" data-testid="rental-timers-page">
      <PageHeader title={t('orders.timers.title')} subtitle={t('orders.timers.subtitle')} />
      {timers.error && <QueryErrorAlert error={timers.error} onRetry={() => void timers.refetch()} />}
      {timers.isPending && <Spin />}
      {view && (
        <Card title={t('orders.timers.rentalTitle')}>
          <Typography.Paragraph type="secondary" data-testid="timers-updated">
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
            data-testid="timers-form"
          >
            <Form.Item
              label={t('orders.timers.fields.unpaidOrderCancelMinutes')}
              extra={defaultOf('unpaidOrderCancelMinutes')}
            >
              <Space>
                <Form.Item name="unpaidOrderCancelMinutes" noStyle rules={[{ required: true }]}>
                  <InputNumber min={5} max={7 * 24 * 60} precision={0} data-testid="timer-unpaid" />
                </Form.Item>
                {t('orders.timers.units.minutes')}
              </Space>
            </Form.Item>
            <Form.Item label={t('orders.timers.fields.exitQuoteValidity')} extra={defaultOf('exitQuoteValidity')}>
              <Space wrap>
                <Form.Item name="quoteMode" noStyle>
                  <Select
                    style={{ width: 180 }}
                    options={(['end_of_business_day', 'minutes'] as const).map((m) => ({
                      value: m,
                      label: t(`orders.timers.quoteModes.${m}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item noStyle shouldUpdate={(a, b) => a.quoteMode !== b.quoteMode}>
                  {({ getFieldValue }) =>
                    getFieldValue('quoteMode') === 'minutes' ? (
                      <Space>
                        <Form.Item name="quoteMinutes" noStyle rules={[{ required: true }]}>
                          <InputNumber min={5} max={24 * 60} precision={0} />
                        </Form.Item>
                        {t('orders.timers.units.minutes')}
                      </Space>
                    ) : (
                      <Form.Item
                        name="endOfBusinessDay"
                        noStyle
                        rules={[{ required: true, pattern: /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/ }]}
                      >
                        <Input
                          style={{ width: 100 }}
                          placeholder="24:00"
                          aria-label={t('orders.timers.endOfBusinessDay')}
                        />
                      </Form.Item>
                    )
                  }
                </Form.Item>
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
                <Input style={{ width: 220 }} data-testid={`timer-${key}`} />
              </Form.Item>
            ))}
            {(['renewalWindowDays', 'disputeWindowDays'] as const).map((key) => (
              <Form.Item key={key} label={t(`orders.timers.fields.${key}`)} extra={defaultOf(key)}>
                <Space>
                  <Form.Item name={key} noStyle rules={[{ required: true }]}>
                    <InputNumber min={1} max={90} precision={0} />
                  </Form.Item>
                  {t('orders.timers.units.days')}
                </Space>
              </Form.Item>
            ))}
            {mayWrite && (
              <Form.Item wrapperCol={{ offset: 7 }}>
                <Button type="primary" htmlType="submit" data-testid="timers-save">
                  {t('orders.timers.save')}
                </Button>
              </Form.Item>
            )}
          </Form>
        </Card>
      )}
      <InstallmentTimersCard />
      <RateCapCard />
      <OverduePolicyCard />
      {mayReadLogistics && <LostParcelSettingsCard />}
      {pending && view && (
        <TimerChangesModal
          title={t('orders.timers.confirmTitle')}
          body={t('orders.timers.confirmBody')}
          changes={changes.map((k) => ({
            key: k,
            field: t(`orders.timers.fields.${k}`),
            before: shown(k, view.timers),
            after: shown(k, pending),
          }))}
          saving={save.isPending}
          testId="timers"
          onCancel={() => setPending(null)}
          save={async () => {
            const saved = await save.mutateAsync(pending);
            form.setFieldsValue(toValues(saved.timers));
            setPending(null);
          }}
        />
      )}
    </div>
  );
}
