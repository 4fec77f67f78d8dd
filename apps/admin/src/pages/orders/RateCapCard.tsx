// The cap on every installment offer's annualised rate (DOMAIN §6) beside the overdue policy on 时效设置:
// the one-year LPR (it moves every month) × the multiple, shown as "年化利率上限 12.00% = 4 × LPR 3.00%".
// Changed by finance (bills.write); saving shows each change, before → after, in a dialog, and the
// server audits it. Offers left above a lowered cap are listed: customers no longer see them and they
// cannot be ordered until edited or retired.
import { Alert, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type InstallmentRateCap,
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
}

const toValues = (rule: InstallmentRateCap): FormValues => ({
  lprPercent: rule.lprBps / 100,
  capMultiple: rule.capMultiple,
});

const toRule = (values: FormValues): InstallmentRateCap => ({
  lprBps: Math.round((values.lprPercent ?? 0) * 100),
  capMultiple: values.capMultiple ?? 0,
});

export function RateCapCard() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const rateCap = useInstallmentRateCap();
  const save = useSaveInstallmentRateCap();
  const mayWrite = useCan('bills.write');
  const [form] = Form.useForm<FormValues>();
  const [pending, setPending] = useState<InstallmentRateCap | null>(null);
  const view = rateCap.data;

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
      ? keys.filter((k) => shown[k](view.rateCap) !== shown[k](pending))
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
          <Form<FormValues>
            form={form}
            layout="horizontal"
            labelCol={{ span: 7 }}
            wrapperCol={{ span: 15 }}
            initialValues={toValues(view.rateCap)}
            disabled={!mayWrite}
            onFinish={(values) => setPending(toRule(values))}
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
          body={t('orders.rateCap.confirmBody')}
          changes={changes.map((k) => ({
            key: k,
            field: t(`orders.rateCap.fields.${k}`),
            before: shown[k](view.rateCap),
            after: shown[k](pending),
          }))}
          saving={save.isPending}
          testId="rate-cap"
          savedText={t('orders.rateCap.saved')}
          onCancel={() => setPending(null)}
          save={async () => {
            const saved = await save.mutateAsync(pending);
            form.setFieldsValue(toValues(saved.rateCap));
            setPending(null);
          }}
        />
      )}
    </Card>
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
