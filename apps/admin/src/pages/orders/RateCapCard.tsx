// The cap on every installment offer's annualised rate (DOMAIN §6) beside the overdue policy on 时效设置:
// the one-year LPR (it moves every month) × the multiple, shown as "年化利率上限 12.00% = 4 × LPR 3.00%".
// Changed by finance (bills.write); saving shows each change, before → after, in a dialog, and the
// server audits it. Offers left above a lowered cap are listed: customers no longer see them and they
// cannot be ordered until edited or retired. A change takes effect from a business date (today by default,
// never earlier; the server's business date, not the browser's): one for a later day is listed as
// scheduled until it is in force, and the history lists the latest changes with the day each took effect.
import { Alert, Button, Card, DatePicker, Form, InputNumber, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSystemStatus } from '../../api';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type InstallmentRateCap,
  type InstallmentRateCapChange,
  type InstallmentRateCapView,
  useInstallmentRateCap,
  useSaveInstallmentRateCap,
} from '../../installments-api';
import { percent2 } from '../installments/installment-parts';
import { TimerChangesModal } from './TimerChangesModal';

interface FormValues {
  /** The LPR in percent with two decimals. */
  lprPercent: number | null;
  capMultiple: number | null;
  /** The day it takes effect; empty: today. */
  effectiveFrom: Dayjs | null;
}

const toValues = (rule: InstallmentRateCap): FormValues => ({
  lprPercent: rule.lprBps / 100,
  capMultiple: rule.capMultiple,
  effectiveFrom: null,
});

const toRule = (values: FormValues): InstallmentRateCap => ({
  lprBps: Math.round((values.lprPercent ?? 0) * 100),
  capMultiple: values.capMultiple ?? 0,
});

interface PendingChange {
  rule: InstallmentRateCap;
  /** YYYY-MM-DD, or null for today. */
  effectiveFrom: string | null;
}

export function RateCapCard() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const rateCap = useInstallmentRateCap();
  const save = useSaveInstallmentRateCap();
  const mayWrite = useCan('bills.write');
  const [form] = Form.useForm<FormValues>();
  const [pending, setPending] = useState<PendingChange | null>(null);
  const view = rateCap.data;
  const businessDate = useSystemStatus().data?.businessDate;

  const summary = (rule: InstallmentRateCap) =>
    t('orders.rateCap.summary', {
      cap: percent2(rule.lprBps * rule.capMultiple),
      multiple: rule.capMultiple,
      lpr: percent2(rule.lprBps),
    });
  const shown = {
    lprBps: (rule: InstallmentRateCap) => percent2(rule.lprBps),
    capMultiple: (rule: InstallmentRateCap) => `${rule.capMultiple} ×`,
    capBps: (rule: InstallmentRateCap) => percent2(rule.lprBps * rule.capMultiple),
  };
  const keys = ['lprBps', 'capMultiple', 'capBps'] as const;
  const changes =
    pending && view
      ? keys.filter((k) => shown[k](view.rateCap) !== shown[k](pending.rule))
      : ([] as (typeof keys)[number][]);

  return (
    <Card title={t('orders.rateCap.title')} data-testid="rate-cap" style={{ marginTop: 16 }}>
      {rateCap.error && <QueryErrorAlert error={rateCap.error} onRetry={() => void rateCap.refetch()} />}
      {view && (
        <>
          <Typography.Title level={4} data-testid="rate-cap-summary" style={{ marginTop: 0 }}>
            {summary(view.rateCap)}
          </Typography.Title>
          <Typography.Paragraph type="secondary" data-testid="rate-cap-updated">
            {view.updatedBy
              ? t('orders.timers.updatedBy', { who: view.updatedByName ?? view.updatedBy, at: format(view.updatedAt) })
              : t('orders.timers.defaults')}
          </Typography.Paragraph>
          <Alert
            type="info"
            showIcon
            message={t('orders.rateCap.rule')}
            className="page-alert"
            style={{ marginBottom: 12 }}
          />
          {!mayWrite && (
            <Alert
              type="info"
              showIcon
              message={t('orders.rateCap.readOnly')}
              className="page-alert"
              style={{ marginBottom: 12 }}
            />
          )}
          <OffersAboveCap view={view} />
          <ScheduledChanges view={view} />
          <Form<FormValues>
            form={form}
            layout="horizontal"
            labelCol={{ span: 7 }}
            wrapperCol={{ span: 15 }}
            initialValues={toValues(view.rateCap)}
            disabled={!mayWrite}
            onFinish={(values) =>
              setPending({
                rule: toRule(values),
                effectiveFrom: values.effectiveFrom ? values.effectiveFrom.format('YYYY-MM-DD') : null,
              })
            }
          >
            <Form.Item
              label={t('orders.rateCap.lpr')}
              extra={t('orders.rateCap.lprHelp', { value: percent2(view.defaults.lprBps) })}
            >
              <Space>
                <Form.Item name="lprPercent" noStyle rules={[{ required: true }]}>
                  <InputNumber
                    min={0.01}
                    max={20}
                    step={0.05}
                    precision={2}
                    data-testid="rate-cap-lpr"
                    aria-label={t('orders.rateCap.lpr')}
                  />
                </Form.Item>
                %
              </Space>
            </Form.Item>
            <Form.Item
              label={t('orders.rateCap.multiple')}
              extra={t('orders.rateCap.multipleHelp', { value: view.defaults.capMultiple })}
            >
              <Space>
                <Form.Item name="capMultiple" noStyle rules={[{ required: true }]}>
                  <InputNumber
                    min={1}
                    max={10}
                    precision={0}
                    data-testid="rate-cap-multiple"
                    aria-label={t('orders.rateCap.multiple')}
                  />
                </Form.Item>
                × LPR
              </Space>
            </Form.Item>
            <Form.Item
              label={t('orders.rateCap.effectiveFrom')}
              extra={t('orders.rateCap.effectiveFromHelp')}
              name="effectiveFrom"
            >
              <DatePicker
                allowClear
                placeholder={t('orders.rateCap.today')}
                disabledDate={(d) => businessDate !== undefined && d.isBefore(dayjs(businessDate), 'day')}
                data-testid="rate-cap-effective-from"
                aria-label={t('orders.rateCap.effectiveFrom')}
              />
            </Form.Item>
            <Form.Item label={t('orders.rateCap.resulting')} shouldUpdate>
              {() => {
                const values = form.getFieldsValue();
                const rule = values.lprPercent && values.capMultiple ? toRule(values) : null;
                return (
                  <Typography.Text strong data-testid="rate-cap-preview">
                    {rule ? summary(rule) : '—'}
                  </Typography.Text>
                );
              }}
            </Form.Item>
            {mayWrite && (
              <Form.Item wrapperCol={{ offset: 7 }}>
                <Button type="primary" htmlType="submit" data-testid="rate-cap-save">
                  {t('orders.timers.save')}
                </Button>
              </Form.Item>
            )}
          </Form>
        </>
      )}
      {pending && view && (
        <TimerChangesModal
          title={t('orders.rateCap.confirmTitle')}
          body={
            pending.effectiveFrom === null || pending.effectiveFrom === businessDate
              ? t('orders.rateCap.confirmBody')
              : t('orders.rateCap.confirmBodyFrom', { date: pending.effectiveFrom })
          }
          changes={changes.map((k) => ({
            key: k,
            field: t(`orders.rateCap.fields.${k}`),
            before: shown[k](view.rateCap),
            after: shown[k](pending.rule),
          }))}
          saving={save.isPending}
          testId="rate-cap"
          savedText={t('orders.rateCap.saved')}
          onCancel={() => setPending(null)}
          save={async () => {
            const saved = await save.mutateAsync({
              ...pending.rule,
              ...(pending.effectiveFrom === null ? {} : { effectiveFrom: pending.effectiveFrom }),
            });
            form.setFieldsValue(toValues(saved.rateCap));
            setPending(null);
          }}
        />
      )}
      {view && view.history.length > 0 && <RateCapHistory history={view.history} />}
    </Card>
  );
}

/** Changes saved for a later day: the cap they make, from when, and the offers that would be above it. */
function ScheduledChanges({ view }: { view: InstallmentRateCapView }) {
  const { t } = useTranslation();
  if (view.scheduled.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      className="page-alert"
      style={{ marginBottom: 12 }}
      data-testid="rate-cap-scheduled"
      message={t('orders.rateCap.scheduledTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {view.scheduled.map((change) => (
            <li key={change.id}>
              {t('orders.rateCap.scheduledLine', {
                date: change.effectiveFrom,
                cap: percent2(change.capBps),
                multiple: change.capMultiple,
                lpr: percent2(change.lprBps),
                count: change.offersAboveCapTotal,
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The latest changes, newest effective date first: the cap, the day it took (or takes) effect, who and when. */
function RateCapHistory({ history }: { history: InstallmentRateCapChange[] }) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  return (
    <>
      <Typography.Title level={5}>{t('orders.rateCap.historyTitle')}</Typography.Title>
      <Table<InstallmentRateCapChange>
        size="small"
        rowKey="id"
        pagination={false}
        data-testid="rate-cap-history"
        dataSource={history}
        columns={[
          { title: t('orders.rateCap.effectiveFrom'), dataIndex: 'effectiveFrom' },
          {
            title: t('orders.rateCap.fields.capBps'),
            render: (_, c) =>
              t('orders.rateCap.summaryShort', {
                cap: percent2(c.capBps),
                multiple: c.capMultiple,
                lpr: percent2(c.lprBps),
              }),
          },
          { title: t('orders.rateCap.setBy'), render: (_, c) => c.setByName ?? c.setBy },
          { title: t('orders.rateCap.setAt'), render: (_, c) => format(c.setAt) },
        ]}
      />
    </>
  );
}

/** The active offers above the cap in force, each linked to its product's editor. */
function OffersAboveCap({ view }: { view: InstallmentRateCapView }) {
  const { t } = useTranslation();
  const { total, data } = view.offersAboveCap;
  if (total === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="page-alert"
      style={{ marginBottom: 12 }}
      data-testid="rate-cap-offers-above"
      message={t('orders.rateCap.offersAbove', { count: total, cap: percent2(view.capBps) })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {data.map((offer) => (
            <li key={offer.offerId}>
              <Link to={`/catalog/products/${offer.productId}`}>{offer.skuName}</Link>
              {' · '}
              {t('orders.rateCap.offerLine', { months: offer.termMonths, rate: percent2(offer.aprSimpleBps) })}
            </li>
          ))}
          {total > data.length && <li>{t('orders.rateCap.andMore', { count: total - data.length })}</li>}
        </ul>
      }
    />
  );
}
