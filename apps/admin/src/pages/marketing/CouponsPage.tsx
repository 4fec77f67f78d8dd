// 优惠券 (marketing): the coupon templates — list, create with a preview of what the coupon takes off
// an example checkout (a ¥899/month plan, one month up front) before it is saved, and disable.
import { PlusOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App as AntdApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { YuanInput } from '../../components/YuanInput';
import {
  type CouponKind,
  type CouponTarget,
  type CouponTemplate,
  type CouponTemplateBody,
  useCouponTemplates,
  useCreateCoupon,
  useDisableCoupon,
  usePreviewCoupon,
} from '../../coupons-api';
import { useMoney, useProblemToast } from '../../hooks';
import { useCan } from '../../identity-api';

const KINDS = keysOf<CouponKind>({ threshold: true, percent: true, fixed: true, free_days: true });
const TARGETS = keysOf<CouponTarget>({ first_payment: true, rent: true });
/** The example checkout the preview prices: ¥899/month, one month up front, no add-ons. */
const EXAMPLE = {
  rentMinor: 89_900,
  firstPaymentMinor: 89_900,
  rentPerPeriodMinor: 89_900,
  termUnit: 'month' as const,
};

interface Draft {
  name: string;
  kind: CouponKind;
  target: CouponTarget;
  amountMinor: number | null;
  percent: number | null;
  freeDays: number | null;
  thresholdMinor: number | null;
  capMinor: number | null;
  range: [Dayjs, Dayjs] | null;
  firstOrderOnly: boolean;
  stackable: boolean;
  perCustomerLimit: number | null;
  totalStock: number | null;
  code: string;
}

function bodyOf(d: Draft): CouponTemplateBody {
  return {
    name: d.name,
    kind: d.kind,
    target: d.kind === 'free_days' ? 'rent' : d.target,
    amountMinor: d.amountMinor ?? 0,
    percentBps: Math.round((d.percent ?? 0) * 100),
    freeDays: d.freeDays ?? 0,
    thresholdMinor: d.thresholdMinor ?? 0,
    capMinor: d.capMinor,
    validFromDate: (d.range?.[0] ?? dayjs()).format('YYYY-MM-DD'),
    validToDate: (d.range?.[1] ?? dayjs()).format('YYYY-MM-DD'),
    firstOrderOnly: d.firstOrderOnly,
    stackable: d.stackable,
    perCustomerLimit: d.perCustomerLimit ?? 1,
    totalStock: d.totalStock,
    code: d.code.trim() === '' ? null : d.code.trim(),
  };
}

export function CouponsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const templates = useCouponTemplates();
  const disable = useDisableCoupon();
  const mayWrite = useCan('marketing.write');
  const problemToast = useProblemToast('marketing.problems');
  const [creating, setCreating] = useState(false);
  const rows = templates.data?.data ?? [];
  const terms = (c: CouponTemplate) =>
    c.kind === 'percent'
      ? t('marketing.terms.percent', {
          percent: c.percentBps / 100,
          cap: c.capMinor === null ? '—' : money(c.capMinor),
        })
      : c.kind === 'free_days'
        ? t('marketing.terms.freeDays', { days: c.freeDays })
        : c.thresholdMinor > 0
          ? t('marketing.terms.threshold', { threshold: money(c.thresholdMinor), amount: money(c.amountMinor) })
          : t('marketing.terms.fixed', { amount: money(c.amountMinor) });
  const columns: TableColumnsType<CouponTemplate> = [
    { key: 'name', title: t('marketing.columns.name'), dataIndex: 'name' },
    { key: 'kind', title: t('marketing.columns.kind'), render: (_, c) => t(`marketing.kinds.${c.kind}`) },
    { key: 'terms', title: t('marketing.columns.terms'), render: (_, c) => terms(c) },
    { key: 'target', title: t('marketing.columns.target'), render: (_, c) => t(`marketing.targets.${c.target}`) },
    { key: 'code', title: t('marketing.columns.code'), render: (_, c) => c.code ?? t('marketing.grantOnly') },
    {
      key: 'validity',
      title: t('marketing.columns.validity'),
      render: (_, c) => `${c.validFromDate} ~ ${c.validToDate}`,
    },
    {
      key: 'rules',
      title: t('marketing.columns.rules'),
      render: (_, c) => (
        <Space size={4} wrap>
          {c.firstOrderOnly && <Tag>{t('marketing.firstOrderOnly')}</Tag>}
          <Tag>{c.stackable ? t('marketing.stackable') : t('marketing.notStackable')}</Tag>
          <Tag>{t('marketing.perCustomer', { count: c.perCustomerLimit })}</Tag>
        </Space>
      ),
    },
    {
      key: 'stock',
      title: t('marketing.columns.issued'),
      render: (_, c) => (c.totalStock === null ? `${c.issuedCount}` : `${c.issuedCount} / ${c.totalStock}`),
    },
    {
      key: 'status',
      title: t('marketing.columns.status'),
      render: (_, c) => (
        <Tag color={c.status === 'active' ? 'green' : 'default'}>{t(`marketing.status.${c.status}`)}</Tag>
      ),
    },
    {
      key: 'actions',
      render: (_, c) =>
        mayWrite && c.status === 'active' ? (
          <Popconfirm
            title={t('marketing.disableConfirm', { name: c.name })}
            onConfirm={() => disable.mutate(c.id, { onError: problemToast })}
          >
            <Button size="small" danger data-testid={`coupon-disable-${c.id}`}>
              {t('marketing.disable')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <div>
      <PageHeader
        title={t('marketing.title')}
        subtitle={t('marketing.subtitle')}
        extra={
          mayWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="coupon-new">
              {t('marketing.create')}
            </Button>
          )
        }
      />
      <Card>
        <CursorTable
          query={{
            error: templates.error,
            isPending: templates.isPending,
            hasNextPage: false,
            isFetchingNextPage: false,
            refetch: () => templates.refetch(),
            fetchNextPage: () => undefined,
          }}
          rows={rows}
          columns={columns}
          scrollX={1200}
          empty={t('marketing.empty')}
          testId="coupons-table"
        />
      </Card>
      {creating && <CreateCouponModal onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateCouponModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const problemToast = useProblemToast('marketing.problems');
  const create = useCreateCoupon();
  const preview = usePreviewCoupon();
  const [draft, setDraft] = useState<Draft>({
    name: '',
    kind: 'threshold',
    target: 'first_payment',
    amountMinor: 5_000,
    percent: null,
    freeDays: null,
    thresholdMinor: 30_000,
    capMinor: null,
    range: [dayjs(), dayjs().add(30, 'day')],
    firstOrderOnly: false,
    stackable: false,
    perCustomerLimit: 1,
    totalStock: null,
    code: '',
  });
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    preview.reset();
  };
  return (
    <Modal
      open
      width={640}
      title={t('marketing.create')}
      okText={preview.data ? t('marketing.save') : t('marketing.preview')}
      confirmLoading={create.isPending || preview.isPending}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'coupon-submit' } as Record<`data-${string}`, string>}
      onOk={() => {
        if (!preview.data) {
          preview.mutate({ template: bodyOf(draft), example: EXAMPLE }, { onError: problemToast });
          return;
        }
        create.mutate(bodyOf(draft), {
          onSuccess: () => {
            void message.success(t('marketing.saved'));
            onClose();
          },
          onError: problemToast,
        });
      }}
    >
      <Form layout="vertical">
        <Form.Item label={t('marketing.columns.name')} required>
          <Input
            value={draft.name}
            maxLength={40}
            onChange={(e) => set({ name: e.target.value })}
            data-testid="coupon-name"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item label={t('marketing.columns.kind')}>
            <Select
              style={{ width: 160 }}
              value={draft.kind}
              options={KINDS.map((k) => ({ value: k, label: t(`marketing.kinds.${k}`) }))}
              onChange={(kind) => set({ kind })}
            />
          </Form.Item>
          <Form.Item label={t('marketing.columns.target')}>
            <Select
              style={{ width: 160 }}
              value={draft.kind === 'free_days' ? 'rent' : draft.target}
              disabled={draft.kind === 'free_days'}
              options={TARGETS.map((k) => ({ value: k, label: t(`marketing.targets.${k}`) }))}
              onChange={(target) => set({ target })}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          {(draft.kind === 'threshold' || draft.kind === 'fixed') && (
            <Form.Item label={t('marketing.fields.amount')}>
              <YuanInput value={draft.amountMinor} onChange={(amountMinor) => set({ amountMinor })} />
            </Form.Item>
          )}
          {draft.kind === 'percent' && (
            <Form.Item label={t('marketing.fields.percent')}>
              <InputNumber
                min={0.01}
                max={99.99}
                precision={2}
                value={draft.percent}
                onChange={(v) => set({ percent: v })}
              />
            </Form.Item>
          )}
          {draft.kind === 'free_days' && (
            <Form.Item label={t('marketing.fields.freeDays')}>
              <InputNumber
                min={1}
                max={365}
                precision={0}
                value={draft.freeDays}
                onChange={(v) => set({ freeDays: v })}
              />
            </Form.Item>
          )}
          <Form.Item label={t('marketing.fields.threshold')}>
            <YuanInput value={draft.thresholdMinor} onChange={(thresholdMinor) => set({ thresholdMinor })} />
          </Form.Item>
          <Form.Item label={t('marketing.fields.cap')}>
            <YuanInput value={draft.capMinor} onChange={(capMinor) => set({ capMinor })} />
          </Form.Item>
        </Space>
        <Form.Item label={t('marketing.columns.validity')} required>
          <DatePicker.RangePicker
            value={draft.range}
            onChange={(range) => set({ range: range?.[0] && range[1] ? [range[0], range[1]] : null })}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item label={t('marketing.fields.perCustomerLimit')}>
            <InputNumber
              min={1}
              max={100}
              precision={0}
              value={draft.perCustomerLimit}
              onChange={(v) => set({ perCustomerLimit: v })}
            />
          </Form.Item>
          <Form.Item label={t('marketing.fields.totalStock')}>
            <InputNumber min={1} precision={0} value={draft.totalStock} onChange={(v) => set({ totalStock: v })} />
          </Form.Item>
          <Form.Item label={t('marketing.columns.code')}>
            <Input
              value={draft.code}
              maxLength={32}
              placeholder={t('marketing.grantOnly')}
              onChange={(e) => set({ code: e.target.value.toUpperCase() })}
            />
          </Form.Item>
        </Space>
        <Space>
          <Checkbox checked={draft.firstOrderOnly} onChange={(e) => set({ firstOrderOnly: e.target.checked })}>
            {t('marketing.firstOrderOnly')}
          </Checkbox>
          <Checkbox checked={draft.stackable} onChange={(e) => set({ stackable: e.target.checked })}>
            {t('marketing.stackable')}
          </Checkbox>
        </Space>
      </Form>
      {preview.data && (
        <Alert
          style={{ marginTop: 16 }}
          type={preview.data.thresholdMet ? 'success' : 'warning'}
          showIcon
          data-testid="coupon-preview"
          message={
            preview.data.thresholdMet
              ? t('marketing.previewResult', {
                  discount: money(preview.data.discountMinor),
                  pay: money(EXAMPLE.firstPaymentMinor - preview.data.discountMinor),
                })
              : t('marketing.previewBelowThreshold')
          }
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('marketing.previewNote')}
      </Typography.Paragraph>
    </Modal>
  );
}
