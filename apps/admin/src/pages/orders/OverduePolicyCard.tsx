// The installment overdue policy beside the timers (时效设置): the penalty rate orders placed from now
// carry in their contract (empty: the rate cap) and the delinquency buckets every late order is
// sorted into. Changed by finance (bills.write); saving shows each change, before → after, in a
// dialog, and the server audits who changed what.
import { Alert, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type InstallmentOverduePolicy,
  useInstallmentOverduePolicy,
  useSaveInstallmentOverduePolicy,
} from '../../installments-api';
import { percent2 } from '../installments/installment-parts';
import { TimerChangesModal } from './TimerChangesModal';

type Bucket = InstallmentOverduePolicy['delinquencyBuckets'][number];
interface BucketRow {
  code: string;
  minDays: number | null;
  maxDays: number | null;
}
interface FormValues {
  /** Percent a year with two decimals; empty means the rate cap. */
  penaltyPercent: number | null;
  buckets: BucketRow[];
}

const toValues = (policy: InstallmentOverduePolicy): FormValues => ({
  penaltyPercent: policy.penaltyAnnualRateBps === null ? null : policy.penaltyAnnualRateBps / 100,
  buckets: policy.delinquencyBuckets.map((b) => ({ ...b })),
});

const toPolicy = (values: FormValues): InstallmentOverduePolicy => ({
  penaltyAnnualRateBps:
    values.penaltyPercent === null || values.penaltyPercent === undefined
      ? null
      : Math.round(values.penaltyPercent * 100),
  delinquencyBuckets: values.buckets.map((b, i) => ({
    code: b.code.trim(),
    minDays: b.minDays ?? 0,
    // The last bucket is open-ended whatever its row says.
    maxDays: i === values.buckets.length - 1 ? null : (b.maxDays ?? 0),
  })),
});

export function OverduePolicyCard() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const policy = useInstallmentOverduePolicy();
  const save = useSaveInstallmentOverduePolicy();
  const mayWrite = useCan('bills.write');
  const [form] = Form.useForm<FormValues>();
  const [pending, setPending] = useState<InstallmentOverduePolicy | null>(null);
  const view = policy.data;
  // The rate cap (4 × LPR): the highest penalty rate, and what an empty rate means.
  const capBps = view?.rateCapBps ?? 0;

  const bucketText = (b: Bucket) =>
    b.maxDays === null
      ? t('orders.overduePolicy.bucketOpen', { code: b.code, min: b.minDays })
      : t('orders.overduePolicy.bucketRange', { code: b.code, min: b.minDays, max: b.maxDays });
  const shown = {
    penaltyAnnualRateBps: (p: InstallmentOverduePolicy) =>
      p.penaltyAnnualRateBps === null
        ? t('orders.overduePolicy.atCap', { rate: percent2(capBps) })
        : percent2(p.penaltyAnnualRateBps),
    delinquencyBuckets: (p: InstallmentOverduePolicy) => p.delinquencyBuckets.map(bucketText).join(' · '),
  };
  const keys = ['penaltyAnnualRateBps', 'delinquencyBuckets'] as const;
  const changes =
    pending && view ? keys.filter((k) => shown[k](view.policy) !== shown[k](pending)) : ([] as (typeof keys)[number][]);

  return (
    <Card title={t('orders.overduePolicy.title')} data-testid="overdue-policy" style={{ marginTop: 16 }}>
      {policy.error && <QueryErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />}
      {view && (
        <>
          <Typography.Paragraph type="secondary" data-testid="overdue-policy-updated">
            {view.updatedBy
              ? t('orders.timers.updatedBy', { who: view.updatedByName ?? view.updatedBy, at: format(view.updatedAt) })
              : t('orders.timers.defaults')}
          </Typography.Paragraph>
          <Alert type="info" showIcon message={t('orders.overduePolicy.contractNote')} className="page-alert" />
          {!mayWrite && (
            <Alert type="info" showIcon message={t('orders.overduePolicy.readOnly')} className="page-alert" />
          )}
          <Form<FormValues>
            form={form}
            layout="horizontal"
            labelCol={{ span: 7 }}
            wrapperCol={{ span: 15 }}
            initialValues={toValues(view.policy)}
            disabled={!mayWrite}
            onFinish={(values) => setPending(toPolicy(values))}
          >
            <Form.Item
              label={t('orders.overduePolicy.penaltyRate')}
              extra={t('orders.overduePolicy.penaltyRateHelp', { cap: percent2(capBps) })}
            >
              <Space>
                <Form.Item name="penaltyPercent" noStyle>
                  <InputNumber
                    min={0}
                    max={capBps / 100}
                    step={0.01}
                    precision={2}
                    placeholder={t('orders.overduePolicy.capPlaceholder')}
                    data-testid="overdue-policy-penalty"
                    aria-label={t('orders.overduePolicy.penaltyRate')}
                  />
                </Form.Item>
                {t('orders.overduePolicy.percentAYear')}
              </Space>
            </Form.Item>
            <Form.Item label={t('orders.overduePolicy.buckets')} extra={t('orders.overduePolicy.bucketsHelp')}>
              <Form.List name="buckets">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, index) => (
                      <Space key={field.key} align="baseline" data-testid={`overdue-bucket-${index}`}>
                        <Form.Item
                          name={[field.name, 'code']}
                          rules={[{ required: true, pattern: /^[A-Za-z0-9+_-]{1,16}$/ }]}
                        >
                          <Input style={{ width: 90 }} aria-label={t('orders.overduePolicy.bucketCode')} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'minDays']} rules={[{ required: true }]}>
                          <InputNumber
                            min={1}
                            max={3660}
                            precision={0}
                            aria-label={t('orders.overduePolicy.minDays')}
                          />
                        </Form.Item>
                        <span>–</span>
                        {index === fields.length - 1 ? (
                          <Typography.Text type="secondary">{t('orders.overduePolicy.openEnded')}</Typography.Text>
                        ) : (
                          <Form.Item name={[field.name, 'maxDays']} rules={[{ required: true }]}>
                            <InputNumber
                              min={1}
                              max={3660}
                              precision={0}
                              aria-label={t('orders.overduePolicy.maxDays')}
                            />
                          </Form.Item>
                        )}
                        {t('orders.timers.units.days')}
                        {fields.length > 1 && mayWrite && (
                          <Button type="link" onClick={() => remove(field.name)}>
                            {t('orders.overduePolicy.removeBucket')}
                          </Button>
                        )}
                      </Space>
                    ))}
                    {mayWrite && fields.length < 12 && (
                      <div>
                        <Button onClick={() => add({ code: '', minDays: null, maxDays: null })}>
                          {t('orders.overduePolicy.addBucket')}
                        </Button>
                      </div>
                    )}
                  </>
                )}
              </Form.List>
            </Form.Item>
            {mayWrite && (
              <Form.Item wrapperCol={{ offset: 7 }}>
                <Button type="primary" htmlType="submit" data-testid="overdue-policy-save">
                  {t('orders.timers.save')}
                </Button>
              </Form.Item>
            )}
          </Form>
        </>
      )}
      {pending && view && (
        <TimerChangesModal
          title={t('orders.overduePolicy.confirmTitle')}
          body={t('orders.overduePolicy.confirmBody')}
          changes={changes.map((k) => ({
            key: k,
            field:
              k === 'penaltyAnnualRateBps' ? t('orders.overduePolicy.penaltyRate') : t('orders.overduePolicy.buckets'),
            before: shown[k](view.policy),
            after: shown[k](pending),
          }))}
          saving={save.isPending}
          testId="overdue-policy"
          savedText={t('orders.overduePolicy.saved')}
          onCancel={() => setPending(null)}
          save={async () => {
            const saved = await save.mutateAsync(pending);
            form.setFieldsValue(toValues(saved.policy));
            setPending(null);
          }}
        />
      )}
    </Card>
  );
}
