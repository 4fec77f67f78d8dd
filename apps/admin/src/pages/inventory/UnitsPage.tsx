import { HistoryOutlined, InboxOutlined, SearchOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Skeleton,
  Space,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Condition,
  type Unit,
  type UnitQuery,
  type UnitState,
  useUnit,
  useUnits,
  useWarehouses,
} from '../../catalog-api';
import { Actor } from '../../components/Actor';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { gradeWord, RESTOCK_FROM, RestockDialog } from './RestockDialog';

// Every unit state the server knows, checked against the SDK's union.
const STATES = keysOf<UnitState>({
  in_stock: true,
  reserved: true,
  shipped: true,
  on_rent: true,
  with_buyer: true,
  returning: true,
  inspecting: true,
  refurbishing: true,
  sold: true,
  repair: true,
  lost: true,
  retired: true,
});
const STATE_COLOURS: Partial<Record<UnitState, string>> = {
  in_stock: 'green',
  reserved: 'gold',
  shipped: 'blue',
  on_rent: 'geekblue',
  with_buyer: 'magenta',
  returning: 'cyan',
  inspecting: 'purple',
  refurbishing: 'purple',
  repair: 'orange',
  lost: 'red',
  retired: 'default',
  sold: 'default',
};

export function UnitStateTag({ state }: { state: UnitState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOURS[state]}>{t(`catalog.unitStates.${state}`)}</Tag>;
}

type Filters = Omit<UnitQuery, 'limit' | 'cursor'>;

/** The unit's grade, flagged when it does not fit its SKU's condition (a phone filed under the wrong SKU). */
function UnitGradeCell({ unit, long }: { unit: Pick<Unit, 'grade' | 'gradeFitsSku'>; long?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <span>{long ? t(`catalog.grades.${unit.grade}`) : gradeWord(t, unit.grade)}</span>
      {unit.gradeFitsSku === false && (
        <Tag color="red" data-testid="unit-grade-mismatch">
          {t('catalog.units.gradeMismatch')}
        </Tag>
      )}
    </Space>
  );
}

function SkuCondition({ condition }: { condition: Condition | null | undefined }) {
  const { t } = useTranslation();
  return <span>{condition ? t(`catalog.conditions.${condition}`) : '—'}</span>;
}

/**
 * Why a unit changed state, in the reader's language: a system change by its code (i18n unitReasons,
 * filled with its parameters; no English is stored beside it since migration 0077); a row written
 * before the codes or a staff-typed reason, as written; a code this console does not know yet, the code.
 */
function UnitReason({
  entry,
}: {
  entry: { reason: string | null; reasonCode?: string | null; reasonParams?: Record<string, string> };
}) {
  const { t, i18n } = useTranslation();
  const key = `unitReasons.${entry.reasonCode ?? ''}`;
  if (!entry.reasonCode || !i18n.exists(key)) return <span>{entry.reason ?? entry.reasonCode ?? '—'}</span>;
  return (
    <span data-reason-code={entry.reasonCode}>
      {t(key as 'unitReasons.unit_imported', { ...(entry.reasonParams ?? {}), interpolation: { escapeValue: false } })}
    </span>
  );
}

function HistoryDrawer({
  unitId,
  onClose,
  warehouseName,
}: {
  unitId: string | undefined;
  onClose: () => void;
  warehouseName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const unit = useUnit(unitId);
  const data = unit.data;
  const canWrite = useCan('inventory.write');
  const [restocking, setRestocking] = useState(false);
  return (
    <Drawer
      open={unitId !== undefined}
      onClose={onClose}
      size={560}
      title={data ? t('catalog.units.historyTitle', { imei: data.imei }) : t('catalog.units.history')}
      extra={
        data &&
        canWrite &&
        RESTOCK_FROM.includes(data.state) && (
          <Button
            type="primary"
            icon={<InboxOutlined />}
            onClick={() => setRestocking(true)}
            data-testid="unit-restock"
          >
            {t('catalog.units.restock.action')}
          </Button>
        )
      }
    >
      {unit.isPending && <Skeleton active />}
      {unit.error && <QueryErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />}
      {data && (
        <div data-testid="unit-history">
          <Descriptions
            size="small"
            bordered
            column={1}
            title={t('catalog.units.details')}
            items={[
              {
                key: 'imei',
                label: t('catalog.units.columns.imei'),
                children: <Typography.Text code>{data.imei}</Typography.Text>,
              },
              { key: 'serial', label: t('catalog.units.columns.serial'), children: data.serialNumber },
              {
                key: 'sku',
                label: t('catalog.units.columns.sku'),
                children: <NamedId name={data.skuName ?? null} id={data.skuId} />,
              },
              { key: 'state', label: t('catalog.units.columns.state'), children: <UnitStateTag state={data.state} /> },
              { key: 'grade', label: t('catalog.units.columns.grade'), children: <UnitGradeCell unit={data} long /> },
              {
                key: 'skuCondition',
                label: t('catalog.units.columns.skuCondition'),
                children: <SkuCondition condition={data.skuCondition} />,
              },
              {
                key: 'location',
                label: t('catalog.units.columns.warehouse'),
                children: `${warehouseName(data.warehouseId)} · ${data.location || '—'}`,
              },
              { key: 'cost', label: t('catalog.units.columns.cost'), children: money(data.costMinor) },
              { key: 'book', label: t('catalog.units.columns.bookValue'), children: money(data.bookValueMinor) },
              { key: 'date', label: t('catalog.units.columns.purchaseDate'), children: data.purchaseDate },
              {
                key: 'supplier',
                label: t('catalog.units.supplier'),
                children: data.supplierId ? <NamedId name={data.supplierName ?? null} id={data.supplierId} /> : '—',
              },
              { key: 'po', label: t('catalog.units.procurement'), children: data.procurementOrderId ?? '—' },
            ]}
          />
          <Typography.Title level={5} className="drawer-section">
            {t('catalog.units.transitions')}
          </Typography.Title>
          <Timeline
            items={[...data.history].reverse().map((entry) => ({
              key: entry.id,
              content: (
                <div>
                  <Space size={4} wrap>
                    {entry.fromState && <UnitStateTag state={entry.fromState} />}
                    {entry.fromState && <span>→</span>}
                    <UnitStateTag state={entry.toState} />
                  </Space>
                  <div className="sub-text" data-testid="unit-history-actor">
                    {format(entry.at)} · {t('catalog.units.by')} <Actor actor={entry.actor} />
                  </div>
                  {(entry.reasonCode || entry.reason) && (
                    <div data-testid="unit-history-reason">
                      {t('catalog.units.reason')}：<UnitReason entry={entry} />
                    </div>
                  )}
                  {entry.orderRef && (
                    <div>
                      {t('catalog.units.order')}：{entry.orderRef}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
          <RestockDialog unit={data} open={restocking} onClose={() => setRestocking(false)} />
        </div>
      )}
    </Drawer>
  );
}

export function UnitsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [open, setOpen] = useState<string | undefined>();
  const units = useUnits(filters);
  const warehouses = useWarehouses();
  const warehouseName = (id: string) => warehouses.data?.find((w) => w.id === id)?.name ?? id;
  const rows = units.data?.pages.flatMap((page) => page.data) ?? [];
  const columns: TableColumnsType<Unit> = [
    {
      title: t('catalog.units.columns.imei'),
      dataIndex: 'imei',
      width: 170,
      render: (imei: string) => <Typography.Text className="mono-cell">{imei}</Typography.Text>,
    },
    {
      title: t('catalog.units.columns.sku'),
      dataIndex: 'skuId',
      width: 250,
      render: (id: string, u) => <NamedId name={u.skuName ?? null} id={id} testId="unit-sku" />,
    },
    { title: t('catalog.units.columns.serial'), dataIndex: 'serialNumber', width: 140 },
    {
      title: t('catalog.units.columns.grade'),
      dataIndex: 'grade',
      width: 140,
      render: (_: Unit['grade'], u) => <UnitGradeCell unit={u} />,
    },
    {
      title: t('catalog.units.columns.skuCondition'),
      dataIndex: 'skuCondition',
      width: 110,
      render: (c: Unit['skuCondition']) => <SkuCondition condition={c} />,
    },
    {
      title: t('catalog.units.columns.state'),
      dataIndex: 'state',
      width: 100,
      render: (s: UnitState) => <UnitStateTag state={s} />,
    },
    {
      title: t('catalog.units.columns.warehouse'),
      key: 'warehouse',
      width: 200,
      render: (_, u) => (
        <span>
          {warehouseName(u.warehouseId)} <Typography.Text type="secondary">{u.location}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('catalog.units.columns.cost'),
      dataIndex: 'costMinor',
      align: 'right',
      width: 120,
      render: (v: number) => money(v),
    },
    {
      title: t('catalog.units.columns.bookValue'),
      dataIndex: 'bookValueMinor',
      align: 'right',
      width: 120,
      render: (v: number) => money(v),
    },
    { title: t('catalog.units.columns.purchaseDate'), dataIndex: 'purchaseDate', width: 120 },
    {
      title: t('catalog.units.columns.actions'),
      key: 'actions',
      fixed: 'right',
      width: 100,
      render: (_, u) => (
        <Button size="small" icon={<HistoryOutlined />} onClick={() => setOpen(u.id)} data-testid="unit-history-open">
          {t('catalog.units.history')}
        </Button>
      ),
    },
  ];
  return (
    <div className="page" data-testid="units-page">
      <PageHeader title={t('catalog.units.title')} subtitle={t('catalog.units.subtitle')} />
      <Card>
        <Form
          form={form}
          layout="inline"
          className="search-form"
          onFinish={(values) =>
            setFilters(
              Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Filters,
            )
          }
        >
          <Form.Item name="state" label={t('catalog.units.filters.state')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={STATES.map((s) => ({ value: s, label: t(`catalog.unitStates.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="warehouseId" label={t('catalog.units.filters.warehouse')}>
            <Select
              allowClear
              style={{ width: 180 }}
              loading={warehouses.isPending}
              options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.code}）` }))}
            />
          </Form.Item>
          <Form.Item name="imei" label="IMEI">
            <Input allowClear placeholder={t('catalog.units.filters.imei')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="skuId" label="SKU">
            <Input allowClear placeholder={t('catalog.units.filters.skuId')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('catalog.units.filters.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {t('catalog.units.filters.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={units}
          rows={rows}
          columns={columns}
          scrollX={1400}
          empty={t('catalog.units.empty')}
          testId="units-table"
        />
      </Card>
      <HistoryDrawer unitId={open} onClose={() => setOpen(undefined)} warehouseName={warehouseName} />
    </div>
  );
}
