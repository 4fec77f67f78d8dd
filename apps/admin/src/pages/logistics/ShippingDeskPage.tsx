import { errorCode, ProblemError } from '@zulin/web';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { openLabel, type QueueEntry, type ShipResult, useShipOrder, useShippingQueue } from '../../shipments-api';
import { LostParcelsCard } from './LostParcelsCard';
import { CarrierName, isShipProblem, ShipmentStateTag } from './shipment-parts';

/**
 * The shipping desk: paid orders waiting to ship — rental orders and installment orders (down payment
 * paid), each shipped through its own module's route. The operator scans (or types) the IMEI of the phone
 * taken from the shelf; the server checks it against the order's SKU, creates the waybill and books the
 * courier's collection, and the label opens to be printed.
 */
export function ShippingDeskPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const queue = useShippingQueue();
  const [shipping, setShipping] = useState<QueueEntry | null>(null);
  const [last, setLast] = useState<ShipResult | null>(null);
  const mono = (text: string | null) => <Typography.Text className="mono-cell">{text ?? '—'}</Typography.Text>;
  const columns: TableColumnsType<QueueEntry> = [
    {
      title: t('logistics.desk.columns.paidAt'),
      dataIndex: 'paidAt',
      width: 160,
      // An installment order's start is a business day; a rental's payment an instant.
      render: (at: string | null, row) => (row.kind === 'installment' ? (at ?? '—') : format(at)),
    },
    {
      title: t('logistics.desk.columns.kind'),
      dataIndex: 'kind',
      width: 80,
      render: (kind: QueueEntry['kind']) => t(`logistics.desk.kinds.${kind}`),
    },
    { title: t('logistics.desk.columns.product'), dataIndex: 'product', width: 260 },
    {
      title: t('logistics.desk.columns.recipient'),
      key: 'recipient',
      width: 170,
      render: (_, row) =>
        row.recipientName === null ? t('logistics.desk.noAddress') : `${row.recipientName} ${row.recipientPhone}`,
    },
    { title: t('logistics.desk.columns.city'), dataIndex: 'city', width: 90 },
    { title: t('logistics.desk.columns.reserved'), dataIndex: 'reservedImei', width: 170, render: mono },
    { title: t('logistics.desk.columns.order'), dataIndex: 'orderId', width: 250, render: mono },
    {
      title: '',
      key: 'ship',
      width: 90,
      fixed: 'right',
      render: (_, row) => (
        <Button type="primary" size="small" data-testid={`ship-${row.orderId}`} onClick={() => setShipping(row)}>
          {t('logistics.desk.ship')}
        </Button>
      ),
    },
  ];
  return (
    <div className="page" data-testid="shipping-desk-page">
      <PageHeader
        title={t('logistics.desk.title')}
        subtitle={t('logistics.desk.subtitle')}
        extra={<Button onClick={() => void queue.refetch()}>{t('logistics.refresh')}</Button>}
      />
      {last ? <ShippedCard result={last} /> : null}
      <Card>
        {queue.error ? <QueryErrorAlert error={queue.error} onRetry={() => void queue.refetch()} /> : null}
        <Table<QueueEntry>
          rowKey="orderId"
          size="small"
          loading={queue.isPending}
          dataSource={queue.data?.data ?? []}
          columns={columns}
          scroll={{ x: 1270 }}
          pagination={false}
          locale={{ emptyText: t('logistics.desk.empty') }}
          data-testid="shipping-queue"
        />
      </Card>
      <LostParcelsCard />
      {shipping ? (
        <ShipModal
          entry={shipping}
          onClose={() => setShipping(null)}
          onShipped={(result) => {
            setShipping(null);
            setLast(result);
          }}
        />
      ) : null}
    </div>
  );
}

function ShipModal({
  entry,
  onClose,
  onShipped,
}: {
  entry: QueueEntry;
  onClose: () => void;
  onShipped: (result: ShipResult) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ship = useShipOrder();
  const [form] = Form.useForm<{ imei: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('logistics.desk.scanTitle')}
      okText={t('logistics.desk.confirm')}
      okButtonProps={{ loading: ship.isPending, id: 'ship-confirm' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('logistics.desk.columns.product')}>{entry.product}</Descriptions.Item>
        <Descriptions.Item label={t('logistics.desk.columns.recipient')}>
          {entry.recipientName === null
            ? t('logistics.desk.noAddress')
            : `${entry.recipientName} ${entry.recipientPhone} · ${entry.city}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('logistics.desk.columns.reserved')}>{entry.reservedImei ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Form<{ imei: string }>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          setProblem(null);
          ship.mutate(
            { kind: entry.kind, orderId: entry.orderId, imei: values.imei.trim() },
            {
              onSuccess: (result) => {
                void message.success(t('logistics.desk.shipped', { waybillNo: result.shipment.waybillNo }));
                onShipped(result);
              },
              onError: (error) => {
                const code = errorCode(error);
                setProblem(
                  isShipProblem(code)
                    ? t(`logistics.problems.${code}`)
                    : error instanceof ProblemError
                      ? `${error.problem.title}${error.problem.detail ? `: ${error.problem.detail}` : ''}`
                      : String(error),
                );
              },
            },
          );
        }}
      >
        <Form.Item
          name="imei"
          label={t('logistics.desk.imei')}
          extra={t('logistics.desk.imeiHint')}
          rules={[{ required: true, pattern: /^\s*[0-9]{15}\s*$/, message: t('logistics.desk.imeiInvalid') }]}
        >
          <Input autoFocus inputMode="numeric" maxLength={20} data-testid="imei-input" className="mono-cell" />
        </Form.Item>
      </Form>
      {problem ? (
        <Typography.Text type="danger" data-testid="ship-problem">
          {problem}
        </Typography.Text>
      ) : null}
    </Modal>
  );
}

function ShippedCard({ result }: { result: ShipResult }) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const { shipment } = result;
  return (
    <Card title={t('logistics.desk.lastShipped')} data-testid="shipped-card">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('logistics.desk.waybillNo')}>
          <Typography.Text strong className="mono-cell" data-testid="shipped-waybill">
            {shipment.waybillNo}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('logistics.list.columns.state')}>
          <ShipmentStateTag state={shipment.state} />
        </Descriptions.Item>
        <Descriptions.Item label={t('logistics.desk.carrier')}>
          <CarrierName code={shipment.carrier} />
        </Descriptions.Item>
        <Descriptions.Item label={t('logistics.list.columns.contents')}>{shipment.summary.contents}</Descriptions.Item>
        <Descriptions.Item label={t('logistics.list.columns.imei')}>{shipment.summary.imei}</Descriptions.Item>
        <Descriptions.Item label={t('logistics.desk.pickup')}>
          {shipment.summary.pickupWindowStart
            ? format(new Date(shipment.summary.pickupWindowStart).toISOString())
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" data-testid="open-label" onClick={() => void openLabel(shipment.id)}>
          {t('logistics.label')}
        </Button>
      </Space>
    </Card>
  );
}
