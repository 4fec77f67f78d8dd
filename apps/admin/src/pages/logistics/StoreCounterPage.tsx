import { errorCode, ProblemError } from '@zulin/web';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import {
  type PickupStore,
  type StoreParcel,
  usePickupStores,
  useStoreCounter,
  useStoreParcels,
} from '../../store-counter-api';
import { ShipmentStateTag } from './shipment-parts';

const COUNTER_PROBLEMS = [
  'LOGISTICS_PICKUP_CODE_INVALID',
  'LOGISTICS_PICKUP_CODE_LOCKED',
  'LOGISTICS_PICKUP_CODE_EXPIRED',
  'LOGISTICS_STORE_PARCEL_NOT_WAITING',
  'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED',
] as const;
type CounterProblem = (typeof COUNTER_PROBLEMS)[number];
const isCounterProblem = (code: string | undefined): code is CounterProblem => COUNTER_PROBLEMS.some((c) => c === code);

/**
 * The store counter (门店自提): our pick-up stores, and the parcels at them. Staff scan a parcel from the
 * warehouse as arrived (the customer gets a 6-digit pick-up code by SMS and in the app), hand it over
 * when the customer tells the code (5 wrong codes lock it; a new code can be sent), and see what went
 * back after the 7-day shelf time.
 */
export function StoreCounterPage() {
  const { t, i18n } = useTranslation();
  const format = useInstantFormatter();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const stores = usePickupStores();
  const [storeCode, setStoreCode] = useState<string | undefined>(undefined);
  const parcels = useStoreParcels(storeCode);
  const counter = useStoreCounter();
  const { message } = App.useApp();
  const [handing, setHanding] = useState<StoreParcel | null>(null);
  const rows = (parcels.data?.pages.flatMap((p) => p.data) ?? []).map((p) => ({ ...p, id: p.waybillNo }));
  const storeName = (code: string) => stores.data?.data.find((s) => s.code === code)?.name[lang] ?? code;
  const problem = (error: unknown) => {
    const code = errorCode(error);
    return isCounterProblem(code)
      ? t(`logistics.counter.problems.${code}`)
      : error instanceof ProblemError
        ? `${error.problem.title}${error.problem.detail ? `: ${error.problem.detail}` : ''}`
        : String(error);
  };
  const storeColumns: TableColumnsType<PickupStore> = [
    // The store's code is an identifier staff quote (on labels and to the customer), shown as such.
    {
      title: t('logistics.counter.stores.code'),
      dataIndex: 'code',
      width: 110,
      render: (code: string) => <code>{code}</code>,
    },
    { title: t('logistics.counter.stores.name'), key: 'name', width: 200, render: (_, s) => s.name[lang] },
    { title: t('logistics.counter.stores.address'), dataIndex: 'addressLine', width: 320 },
    {
      title: t('logistics.counter.stores.hours'),
      key: 'hours',
      width: 130,
      render: (_, s) => `${s.openHour}:00–${s.closeHour}:00`,
    },
    { title: t('logistics.counter.stores.phone'), dataIndex: 'phone', width: 150 },
  ];
  const columns: TableColumnsType<StoreParcel & { id: string }> = [
    {
      title: t('logistics.counter.columns.waybillNo'),
      dataIndex: 'waybillNo',
      width: 160,
      render: (v: string) => <Typography.Text className="mono-cell">{v}</Typography.Text>,
    },
    { title: t('logistics.counter.columns.store'), key: 'store', width: 150, render: (_, p) => storeName(p.storeCode) },
    {
      title: t('logistics.counter.columns.state'),
      key: 'state',
      width: 100,
      render: (_, p) => (p.state ? <ShipmentStateTag state={p.state} /> : '—'),
    },
    {
      title: t('logistics.counter.columns.customer'),
      key: 'customer',
      width: 160,
      render: (_, p) => `${p.recipientName} ${p.recipientPhone}`,
    },
    { title: t('logistics.counter.columns.contents'), dataIndex: 'contents', width: 220 },
    {
      title: t('logistics.counter.columns.shelfUntil'),
      dataIndex: 'shelfUntil',
      width: 160,
      render: (v: string | null) => (v ? format(v) : '—'),
    },
    {
      title: '',
      key: 'actions',
      width: 230,
      fixed: 'right',
      render: (_, p) => (
        <Space size="small">
          {p.nextScans.includes('ready_at_store') || p.nextScans.includes('sent_to_store') ? (
            <Button
              size="small"
              type="primary"
              data-testid={`arrive-${p.waybillNo}`}
              loading={counter.arrive.isPending}
              onClick={() =>
                counter.arrive.mutate(p.waybillNo, {
                  onSuccess: () => void message.success(t('logistics.counter.arrived')),
                  onError: (e) => void message.error(problem(e)),
                })
              }
            >
              {t('logistics.counter.arrive')}
            </Button>
          ) : null}
          {p.nextScans.includes('collected') ? (
            <>
              <Button
                size="small"
                type="primary"
                data-testid={`hand-over-${p.waybillNo}`}
                onClick={() => setHanding(p)}
              >
                {t('logistics.counter.handOver')}
              </Button>
              <Button
                size="small"
                data-testid={`reissue-${p.waybillNo}`}
                onClick={() =>
                  counter.reissue.mutate(p.waybillNo, {
                    onSuccess: () => void message.success(t('logistics.counter.reissued')),
                    onError: (e) => void message.error(problem(e)),
                  })
                }
              >
                {t('logistics.counter.reissue')}
              </Button>
            </>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <div className="page" data-testid="store-counter-page">
      <PageHeader
        title={t('logistics.counter.title')}
        subtitle={t('logistics.counter.subtitle')}
        extra={<Button onClick={() => void parcels.refetch()}>{t('logistics.refresh')}</Button>}
      />
      <Card title={t('logistics.counter.stores.title')}>
        {stores.error ? <QueryErrorAlert error={stores.error} onRetry={() => void stores.refetch()} /> : null}
        <Table<PickupStore>
          rowKey="code"
          size="small"
          loading={stores.isPending}
          dataSource={stores.data?.data ?? []}
          columns={storeColumns}
          pagination={false}
          scroll={{ x: 910 }}
          data-testid="pickup-stores"
        />
      </Card>
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Select
            allowClear
            style={{ width: 240 }}
            placeholder={t('logistics.counter.allStores')}
            value={storeCode}
            onChange={(v) => setStoreCode(v)}
            options={(stores.data?.data ?? []).map((s) => ({ value: s.code, label: s.name[lang] }))}
            data-testid="store-filter"
          />
        </Space>
        <CursorTable
          query={parcels}
          rows={rows}
          columns={columns}
          scrollX={1280}
          empty={t('logistics.counter.empty')}
          testId="store-parcels"
        />
      </Card>
      {handing ? (
        <HandOverModal
          parcel={handing}
          storeName={storeName(handing.storeCode)}
          problemOf={problem}
          onClose={() => setHanding(null)}
        />
      ) : null}
    </div>
  );
}

function HandOverModal({
  parcel,
  storeName,
  problemOf,
  onClose,
}: {
  parcel: StoreParcel;
  storeName: string;
  problemOf: (error: unknown) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { handOver } = useStoreCounter();
  const [form] = Form.useForm<{ code: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('logistics.counter.handOverTitle', { waybillNo: parcel.waybillNo })}
      okText={t('logistics.counter.handOverConfirm')}
      okButtonProps={{ loading: handOver.isPending, id: 'hand-over-confirm' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {storeName} · {parcel.recipientName} {parcel.recipientPhone} · {parcel.contents}
      </Typography.Paragraph>
      <Form<{ code: string }>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          setProblem(null);
          handOver.mutate(
            { waybillNo: parcel.waybillNo, code: values.code.trim() },
            {
              onSuccess: () => {
                void message.success(t('logistics.counter.handedOver'));
                onClose();
              },
              onError: (e) => setProblem(problemOf(e)),
            },
          );
        }}
      >
        <Form.Item
          name="code"
          label={t('logistics.counter.code')}
          extra={t('logistics.counter.codeHint')}
          rules={[{ required: true, pattern: /^\s*[0-9]{6}\s*$/, message: t('logistics.counter.codeInvalid') }]}
        >
          <Input autoFocus inputMode="numeric" maxLength={6} data-testid="pickup-code-input" className="mono-cell" />
        </Form.Item>
      </Form>
      {problem ? (
        <Typography.Text type="danger" data-testid="hand-over-problem">
          {problem}
        </Typography.Text>
      ) : null}
    </Modal>
  );
}
