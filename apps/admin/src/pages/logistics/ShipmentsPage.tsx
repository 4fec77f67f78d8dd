import { Button, Card, Descriptions, Drawer, Form, Input, Select, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { SearchActions } from '../../components/SearchActions';
import { useInstantFormatter } from '../../hooks';
import {
  openLabel,
  type Shipment,
  type ShipmentDirection,
  type ShipmentQuery,
  type ShipmentState,
  useShipment,
  useShipments,
} from '../../shipments-api';
import { CarrierName, DirectionTag, SHIPMENT_STATES, ShipmentStateTag, TrackingTimeline } from './shipment-parts';

type Filters = Omit<ShipmentQuery, 'limit' | 'cursor'>;

interface FilterValues {
  direction?: ShipmentDirection | 'all';
  state?: ShipmentState | 'all';
  waybillNo?: string;
  orderId?: string;
}

const inTransit: ShipmentState[] = ['picked_up', 'in_transit', 'out_for_delivery', 'exception'];

/** Shipments (outbound and return pick-ups), newest first, with each one's tracking in a drawer. */
export function ShipmentsPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [openId, setOpenId] = useState<string | undefined>();
  const shipments = useShipments(filters);
  const rows = shipments.data?.pages.flatMap((page) => page.data) ?? [];
  const mono = (text: string | null) => <Typography.Text className="mono-cell">{text ?? '—'}</Typography.Text>;
  const columns: TableColumnsType<Shipment> = [
    { title: t('logistics.list.columns.createdAt'), dataIndex: 'createdAt', width: 160, render: (at) => format(at) },
    {
      title: t('logistics.list.columns.direction'),
      dataIndex: 'direction',
      width: 110,
      render: (direction: ShipmentDirection) => <DirectionTag direction={direction} />,
    },
    {
      title: t('logistics.list.columns.waybillNo'),
      dataIndex: 'waybillNo',
      width: 150,
      render: (no: string, row) => (
        <Typography.Link className="mono-cell" onClick={() => setOpenId(row.id)}>
          {no}
        </Typography.Link>
      ),
    },
    {
      title: t('logistics.list.columns.state'),
      dataIndex: 'state',
      width: 100,
      render: (state: ShipmentState) => <ShipmentStateTag state={state} />,
    },
    { title: t('logistics.list.columns.contents'), key: 'contents', width: 220, render: (_, r) => r.summary.contents },
    { title: t('logistics.list.columns.imei'), key: 'imei', width: 160, render: (_, r) => mono(r.summary.imei) },
    {
      title: t('logistics.list.columns.party'),
      key: 'party',
      width: 170,
      render: (_, r) => (
        <span>
          {r.summary.recipientName} {r.summary.recipientPhone}
          <br />
          <Typography.Text type="secondary">{r.summary.city}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('logistics.list.columns.lastEvent'),
      key: 'lastEvent',
      width: 260,
      render: (_, r) => <LastEvent shipment={r} />,
    },
    {
      title: '',
      key: 'open',
      width: 70,
      fixed: 'right',
      render: (_, row) => <Typography.Link onClick={() => setOpenId(row.id)}>{t('logistics.open')}</Typography.Link>,
    },
  ];
  return (
    <div className="page" data-testid="shipments-page">
      <PageHeader title={t('logistics.list.title')} subtitle={t('logistics.list.subtitle')} />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="search-form"
          initialValues={{ direction: 'all', state: 'all' }}
          onFinish={(values) => {
            const next: Filters = {};
            if (values.direction && values.direction !== 'all') next.direction = values.direction;
            if (values.state && values.state !== 'all') next.state = [values.state];
            const waybillNo = values.waybillNo?.trim();
            if (waybillNo) next.waybillNo = waybillNo;
            const orderId = values.orderId?.trim();
            if (orderId) next.orderId = orderId;
            setFilters(next);
          }}
        >
          <Form.Item name="direction" label={t('logistics.list.direction')}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'all', label: t('logistics.all') },
                { value: 'outbound', label: t('logistics.directions.outbound') },
                { value: 'return', label: t('logistics.directions.return') },
              ]}
            />
          </Form.Item>
          <Form.Item name="state" label={t('logistics.list.state')}>
            <Select
              style={{ width: 130 }}
              options={[
                { value: 'all', label: t('logistics.all') },
                ...SHIPMENT_STATES.map((s) => ({ value: s, label: t(`logistics.states.${s}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="waybillNo" label={t('logistics.list.waybillNo')}>
            <Input allowClear style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="orderId" label={t('logistics.list.orderId')}>
            <Input allowClear style={{ width: 240 }} />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} />
          <Button
            onClick={() => {
              form.setFieldsValue({ direction: 'return', state: 'all' });
              setFilters({ direction: 'return', state: inTransit });
            }}
          >
            {t('logistics.list.inTransitReturns')}
          </Button>
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={shipments}
          rows={rows}
          columns={columns}
          scrollX={1310}
          empty={t('logistics.list.empty')}
          testId="shipments-table"
          onRow={(row) => ({ onDoubleClick: () => setOpenId(row.id) })}
        />
      </Card>
      {openId ? <ShipmentDrawer id={openId} onClose={() => setOpenId(undefined)} /> : null}
    </div>
  );
}

function LastEvent({ shipment }: { shipment: Shipment }) {
  const { i18n } = useTranslation();
  const format = useInstantFormatter();
  const event = shipment.lastEvent;
  if (!event) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span>
      {event.description[i18n.language === 'en' ? 'en' : 'zh-CN']}
      <br />
      <Typography.Text type="secondary">{format(new Date(event.occurredAt).toISOString())}</Typography.Text>
    </span>
  );
}

function ShipmentDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const shipment = useShipment(id);
  const s = shipment.data;
  return (
    <Drawer
      open
      width={560}
      onClose={onClose}
      title={s ? t('logistics.detail.title', { waybillNo: s.waybillNo }) : ''}
      extra={s ? <Button onClick={() => void openLabel(s.id)}>{t('logistics.label')}</Button> : null}
      data-testid="shipment-drawer"
    >
      {shipment.error ? <QueryErrorAlert error={shipment.error} onRetry={() => void shipment.refetch()} /> : null}
      {s ? (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 24 }}>
            <Descriptions.Item label={t('logistics.list.columns.direction')}>
              <DirectionTag direction={s.direction} /> <ShipmentStateTag state={s.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('logistics.desk.carrier')}>
              <CarrierName code={s.carrier} />
            </Descriptions.Item>
            <Descriptions.Item label={t('logistics.list.columns.contents')}>{s.summary.contents}</Descriptions.Item>
            <Descriptions.Item label={t('logistics.list.columns.imei')}>{s.summary.imei ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('logistics.list.columns.party')}>
              {s.summary.recipientName} {s.summary.recipientPhone} · {s.summary.city}
            </Descriptions.Item>
            <Descriptions.Item label={t('logistics.list.columns.order')}>
              <Typography.Text className="mono-cell">{s.orderRef}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('logistics.desk.pickup')}>
              {s.summary.pickupWindowStart ? format(new Date(s.summary.pickupWindowStart).toISOString()) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('logistics.detail.firstScanAt')}>{format(s.firstScanAt)}</Descriptions.Item>
            <Descriptions.Item label={t('logistics.detail.deliveredAt')}>{format(s.deliveredAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('logistics.detail.timeline')}</Typography.Title>
          <TrackingTimeline events={s.events} />
        </>
      ) : null}
    </Drawer>
  );
}
