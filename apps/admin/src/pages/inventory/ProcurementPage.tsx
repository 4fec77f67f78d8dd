import { keysOf } from '@zulin/web';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ProcurementOrder,
  type ProcurementStatus,
  useProcurementAction,
  useProcurementOrders,
  useReceiveProcurement,
  useSupplierFeed,
  useSuppliers,
  useWarehouses,
} from '../../catalog-api';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { problemText } from '../catalog/ProductsPage';

const STATUS_COLOURS: Record<ProcurementStatus, string> = {
  draft: 'default',
  ordered: 'blue',
  partially_received: 'gold',
  received: 'green',
  cancelled: 'default',
};
const STATUSES = keysOf(STATUS_COLOURS);

function ReceiveModal({ order, onClose }: { order: ProcurementOrder | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const receive = useReceiveProcurement();
  const [lineId, setLineId] = useState<string | undefined>();
  const [text, setText] = useState('');
  const open = order !== null;
  const lines = order?.lines.filter((l) => l.receivedQuantity < l.quantity) ?? [];
  const chosen = lineId ?? lines[0]?.id;
  const close = () => {
    setText('');
    setLineId(undefined);
    receive.reset();
    onClose();
  };
  const submit = () => {
    if (!order || !chosen) return;
    const units = text
      .split('\n')
      .map((row) => row.trim())
      .filter(Boolean)
      .map((row) => {
        const [imei = '', serial = ''] = row.split(',').map((part) => part.trim());
        return { lineId: chosen, imei, serialNumber: serial || imei };
      });
    receive.mutate(
      { id: order.id, body: { units } },
      {
        onSuccess: () => {
          void message.success(t('catalog.procurement.received', { count: units.length }));
          close();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={order ? t('catalog.procurement.receiveTitle', { id: order.id }) : ''}
      okText={t('catalog.procurement.confirm')}
      cancelText={t('catalog.editor.cancel')}
      confirmLoading={receive.isPending}
      onOk={submit}
      onCancel={close}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('catalog.procurement.receiveLine')}>
          <Select
            value={chosen}
            onChange={setLineId}
            options={lines.map((l) => ({
              value: l.id,
              label: `#${l.lineNo} · ${l.skuId} · ${l.receivedQuantity}/${l.quantity}`,
            }))}
          />
        </Form.Item>
        <Form.Item label="IMEI" extra={t('catalog.procurement.receiveHint')}>
          <Input.TextArea
            rows={6}
            value={text}
            onChange={(event) => setText(event.target.value)}
            className="csv-input"
          />
        </Form.Item>
      </Form>
      {receive.error && <Alert type="error" showIcon title={problemText(receive.error)} />}
    </Modal>
  );
}

export function ProcurementPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useInstantFormatter();
  const money = useMoney();
  const canProcure = useCan('procurement.write');
  const [status, setStatus] = useState<ProcurementStatus | undefined>();
  const [receiving, setReceiving] = useState<ProcurementOrder | null>(null);
  const orders = useProcurementOrders(status);
  const action = useProcurementAction();
  const suppliers = useSuppliers();
  const warehouses = useWarehouses();
  const feed = useSupplierFeed();
  const supplierName = (id: string | null) => (id ? (suppliers.data?.find((s) => s.id === id)?.name ?? id) : '—');
  const warehouseName = (id: string) => warehouses.data?.find((w) => w.id === id)?.name ?? id;
  const rows = orders.data?.pages.flatMap((page) => page.data) ?? [];
  const act = (id: string, kind: 'place' | 'cancel') =>
    action.mutate(
      { id, action: kind },
      {
        onSuccess: () =>
          void message.success(kind === 'place' ? t('catalog.procurement.placed') : t('catalog.procurement.cancelled')),
        onError: (error) => void message.error(problemText(error)),
      },
    );

  const columns: TableColumnsType<ProcurementOrder> = [
    {
      title: t('catalog.procurement.columns.id'),
      dataIndex: 'id',
      width: 260,
      render: (id: string) => <Typography.Text className="mono-cell">{id}</Typography.Text>,
    },
    { title: t('catalog.procurement.columns.supplier'), dataIndex: 'supplierId', render: supplierName },
    { title: t('catalog.procurement.columns.warehouse'), dataIndex: 'warehouseId', render: warehouseName },
    {
      title: t('catalog.procurement.columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: ProcurementStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`catalog.procurement.status.${s}`)}</Tag>,
    },
    {
      title: t('catalog.procurement.columns.received'),
      key: 'received',
      width: 100,
      render: (_, o) =>
        `${o.lines.reduce((n, l) => n + l.receivedQuantity, 0)}/${o.lines.reduce((n, l) => n + l.quantity, 0)}`,
    },
    {
      title: t('catalog.procurement.columns.total'),
      dataIndex: 'totalCostMinor',
      align: 'right',
      render: (v: number) => money(v),
    },
    {
      title: t('catalog.procurement.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 180,
      render: (at: string) => format(at),
    },
    {
      title: t('catalog.procurement.columns.actions'),
      key: 'actions',
      width: 180,
      render: (_, o) =>
        canProcure && (
          <Space size={0}>
            {o.status === 'draft' && (
              <Button size="small" type="link" onClick={() => act(o.id, 'place')}>
                {t('catalog.procurement.place')}
              </Button>
            )}
            {(o.status === 'ordered' || o.status === 'partially_received') && (
              <Button size="small" type="link" onClick={() => setReceiving(o)}>
                {t('catalog.procurement.receive')}
              </Button>
            )}
            {(o.status === 'draft' || o.status === 'ordered') && (
              <Popconfirm title={t('catalog.procurement.cancel')} onConfirm={() => act(o.id, 'cancel')}>
                <Button size="small" type="link" danger>
                  {t('catalog.procurement.cancel')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];

  return (
    <div className="page" data-testid="procurement-page">
      <PageHeader title={t('catalog.procurement.title')} subtitle={t('catalog.procurement.subtitle')} />
      <Card>
        <Space className="table-toolbar" wrap>
          <Select
            allowClear
            placeholder={t('catalog.procurement.allStatuses')}
            value={status}
            onChange={setStatus}
            style={{ width: 180 }}
            options={STATUSES.map((s) => ({ value: s, label: t(`catalog.procurement.status.${s}`) }))}
          />
          <Typography.Text type="secondary">{t('catalog.procurement.notBuilt')}</Typography.Text>
        </Space>
        <CursorTable
          query={orders}
          rows={rows}
          columns={columns}
          size="middle"
          scrollX={1100}
          empty={t('catalog.procurement.empty')}
          testId="procurement-table"
          expandable={{
            expandedRowRender: (o) => (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={o.lines}
                columns={[
                  { title: '#', dataIndex: 'lineNo', width: 60 },
                  { title: 'SKU', dataIndex: 'skuId' },
                  {
                    title: t('catalog.procurement.columns.received'),
                    key: 'q',
                    render: (_, l) => `${l.receivedQuantity}/${l.quantity}`,
                  },
                  {
                    title: t('catalog.procurement.columns.total'),
                    dataIndex: 'unitCostMinor',
                    align: 'right',
                    render: (v: number) => money(v),
                  },
                ]}
              />
            ),
          }}
        />
      </Card>
      <Card title={t('catalog.procurement.feed')}>
        {feed.error && <QueryErrorAlert error={feed.error} onRetry={() => void feed.refetch()} />}
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          loading={feed.isPending}
          dataSource={feed.data ?? []}
          locale={{ emptyText: t('catalog.procurement.feedEmpty') }}
          columns={[
            {
              title: t('catalog.procurement.feedColumns.supplier'),
              key: 's',
              render: (_, f) => f.supplierName ?? f.partnerId,
            },
            { title: t('catalog.procurement.feedColumns.model'), dataIndex: 'model' },
            { title: t('catalog.procurement.feedColumns.quantity'), dataIndex: 'quantity', align: 'right' },
            {
              title: t('catalog.procurement.feedColumns.price'),
              dataIndex: 'priceMinor',
              align: 'right',
              render: (v: number) => money(v),
            },
            {
              title: t('catalog.procurement.feedColumns.reportedAt'),
              dataIndex: 'reportedAt',
              render: (at: string) => format(at),
            },
          ]}
        />
      </Card>
      <ReceiveModal order={receiving} onClose={() => setReceiving(null)} />
    </div>
  );
}
