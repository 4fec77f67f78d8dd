import { SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Popover,
  Space,
  Switch,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Actor } from '../../components/Actor';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter, useMoney } from '../../hooks';
import { type AuditEntry, type AuditQuery, useAuditLog, useCan } from '../../identity-api';

type Filters = Omit<AuditQuery, 'limit' | 'cursor' | 'excludeAction'>;

/** One row per staff POST (identity's auth hook): hidden unless asked for, or searched for by action. */
const API_REQUESTS = 'http.';

interface FilterValues {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(values: FilterValues): Filters {
  const filters: Filters = {};
  for (const key of ['action', 'actorId', 'targetType', 'targetId'] as const) {
    const value = values[key]?.trim();
    if (value) filters[key] = value;
  }
  const [from, to] = values.range ?? [];
  if (from) filters.from = from.startOf('day').toISOString();
  if (to) filters.to = to.endOf('day').toISOString();
  return filters;
}

/** The action's label (i18n auditActions, keyed by the code), with the code small beside it. */
function ActionCell({ action }: { action: string }) {
  const { t, i18n } = useTranslation();
  const key = `auditActions.${action}`;
  if (!i18n.exists(key)) {
    return (
      <Typography.Text code className="nowrap">
        {action}
      </Typography.Text>
    );
  }
  return (
    <span className="audit-action">
      <span>{t(key as 'auditActions.staff.created')}</span> <code className="audit-action-code">{action}</code>
    </span>
  );
}

/**
 * A unit change's reason code and parameters (inventory writes them instead of an English sentence)
 * as one `reason` line worded in the reader's language; a code this console does not know, and an
 * entry written before the codes (its `reason` as recorded), are left as they are.
 */
function withUnitReason(
  detail: Record<string, unknown>,
  word: (code: string, params: Record<string, string>) => string | null,
): Record<string, unknown> {
  const { reasonCode, reasonParams, ...rest } = detail;
  if (typeof reasonCode !== 'string') return detail;
  const params =
    typeof reasonParams === 'object' && reasonParams !== null ? (reasonParams as Record<string, string>) : {};
  const worded = word(reasonCode, params);
  return worded === null ? detail : { ...rest, reason: worded };
}

/** Fields shown in the cell; the rest, and every value in full, in the popover. */
const DETAIL_KEYS_SHOWN = 6;
const DETAIL_VALUE_CHARS = 120;
const CUSTOMER_ID = /^cus_[A-Za-z0-9]+$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * One recorded value as a person reads it: a customer by the masked name and phone (the id on
 * hover, copyable), an amount in minor units (a key ending in `Minor`) as ¥ with two decimals, an
 * instant in the console's format, yes/no, a unit's state in words; anything else as recorded.
 */
const RECORDED_CODE = /^[a-z0-9]+(?:[._][a-z0-9]+)+$/;

function DetailValue({
  field,
  value,
  names,
  targetType,
  full,
}: {
  field: string;
  value: unknown;
  names: Record<string, string>;
  targetType: string;
  full: boolean;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const format = useInstantFormatter();
  if (typeof value === 'string' && CUSTOMER_ID.test(value)) {
    return <NamedId name={names[value] ?? null} id={value} testId="audit-detail-customer" />;
  }
  if (typeof value === 'number' && field.endsWith('Minor')) return <span>{money(value)}</span>;
  if (typeof value === 'boolean')
    return <span>{t(value ? 'identity.audit.detail.yes' : 'identity.audit.detail.no')}</span>;
  if (typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    return <span>{format(value)}</span>;
  }
  if (targetType === 'unit' && (field === 'from' || field === 'to') && typeof value === 'string') {
    const key = `catalog.unitStates.${value}`;
    if (i18n.exists(key)) return <span>{t(key as 'catalog.unitStates.in_stock')}</span>;
  }
  // A code as the system recorded it (a state, a reason, a carrier): shown as code, not as words.
  if (typeof value === 'string' && RECORDED_CODE.test(value)) return <code>{value}</code>;
  const text = value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  const shown = !full && text.length > DETAIL_VALUE_CHARS ? `${text.slice(0, DETAIL_VALUE_CHARS)}…` : text;
  // A list or an object (e.g. an inspection's priced items) as the system recorded it: code, too.
  return typeof value === 'object' && value !== null ? <code>{shown}</code> : <span>{shown}</span>;
}

/**
 * The field's label in the reader's language (identity.audit.detail.keys); a key without one as
 * recorded, shown as code (e.g. the evidence kinds a daily root counts: `renewal_signed`).
 */
function useFieldLabel() {
  const { t, i18n } = useTranslation();
  return (field: string) => {
    const key = `identity.audit.detail.keys.${field}`;
    return i18n.exists(key) ? t(key as 'identity.audit.detail.keys.reason') : <code>{field}</code>;
  };
}

/** All the fields, labelled; the detail as the system recorded it (JSON) behind 原始数据 (audit.raw). */
function DetailFull({ entry, detail }: { entry: AuditEntry; detail: Record<string, unknown> }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const [raw, setRaw] = useState(false);
  // The record as written (customer ids included) is for staff with audit.raw; the API leaves the
  // ids out for the others, who read the labelled fields only (#18).
  const canReadRaw = useCan('audit.raw');
  return (
    <div className="audit-detail-full" data-testid="audit-detail-full">
      <Descriptions column={1} size="small">
        {Object.entries(detail).map(([field, value]) => (
          <Descriptions.Item key={field} label={label(field)}>
            <DetailValue
              field={field}
              value={value}
              names={entry.detailNames ?? {}}
              targetType={entry.targetType}
              full
            />
          </Descriptions.Item>
        ))}
      </Descriptions>
      {canReadRaw && (
        <Button type="link" size="small" onClick={() => setRaw(!raw)} data-testid="audit-detail-raw-toggle">
          {raw ? t('identity.audit.detail.hideRaw') : t('identity.audit.detail.showRaw')}
        </Button>
      )}
      {canReadRaw && raw && <pre data-testid="audit-detail-raw">{JSON.stringify(entry.detail, null, 2)}</pre>}
    </div>
  );
}

/**
 * The entry's detail as labelled `field: value` lines in the reader's language that wrap inside the
 * column (nothing cut off at the column's edge); every field in full on hover, with the raw record
 * one click further.
 */
function Detail({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const label = useFieldLabel();
  const detail = withUnitReason(entry.detail, (code, params) => {
    const key = `unitReasons.${code}`;
    if (!i18n.exists(key)) return null;
    return t(key as 'unitReasons.unit_imported', { ...params, interpolation: { escapeValue: false } });
  });
  const keys = Object.keys(detail);
  if (keys.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Popover content={<DetailFull entry={entry} detail={detail} />}>
      <div>
        <div className="audit-detail" data-testid="audit-detail">
          {keys.slice(0, DETAIL_KEYS_SHOWN).map((key) => (
            <span key={key} className="audit-detail-line">
              <span className="audit-detail-key">{label(key)}</span>:{' '}
              <DetailValue
                field={key}
                value={detail[key]}
                names={entry.detailNames ?? {}}
                targetType={entry.targetType}
                full={false}
              />
            </span>
          ))}
        </div>
        {keys.length > DETAIL_KEYS_SHOWN && (
          <Typography.Text type="secondary">
            {t('identity.audit.moreDetail', { count: keys.length - DETAIL_KEYS_SHOWN })}
          </Typography.Text>
        )}
      </div>
    </Popover>
  );
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [includeRequests, setIncludeRequests] = useState(false);
  const searchesRequests = filters.action?.startsWith(API_REQUESTS.slice(0, -1)) ?? false;
  const log = useAuditLog(includeRequests || searchesRequests ? filters : { ...filters, excludeAction: API_REQUESTS });
  const rows = log.data?.pages.flatMap((page) => page.data) ?? [];

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('identity.audit.columns.at'), dataIndex: 'at', width: 160, render: (at: string) => format(at) },
    {
      title: t('identity.audit.columns.actor'),
      key: 'actor',
      width: 160,
      render: (_, entry) => <Actor actor={entry.actor} tag />,
    },
    {
      title: t('identity.audit.columns.action'),
      dataIndex: 'action',
      width: 210,
      render: (action: string) => <ActionCell action={action} />,
    },
    {
      title: t('identity.audit.columns.target'),
      key: 'target',
      width: 220,
      render: (_, entry) => (
        <span className="audit-target">
          <Typography.Text type="secondary" code>
            {entry.targetType}
          </Typography.Text>{' '}
          {entry.targetName ? (
            // A customer by the masked name (张*), the id on hover, as the actor column names people.
            <NamedId name={entry.targetName} id={entry.targetId} testId="audit-target-name" />
          ) : (
            <Typography.Text className="mono-cell" code>
              {entry.targetId}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: t('identity.audit.columns.ip'), dataIndex: 'ip', width: 110, render: (ip: string | null) => ip ?? '—' },
    {
      title: t('identity.audit.columns.detail'),
      dataIndex: 'detail',
      // The rest of the width: the table fits a 1440-px screen beside the menu, and the detail wraps.
      render: (_: unknown, entry) => <Detail entry={entry} />,
    },
  ];

  return (
    <div className="page" data-testid="audit-page">
      <PageHeader title={t('identity.audit.title')} subtitle={t('identity.audit.subtitle')} />
      <Card>
        <Form form={form} layout="inline" className="search-form" onFinish={(values) => setFilters(toFilters(values))}>
          <Form.Item name="action" label={t('identity.audit.filters.action')}>
            <Input allowClear placeholder={t('identity.audit.filters.actionPlaceholder')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="actorId" label={t('identity.audit.filters.actorId')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="targetType" label={t('identity.audit.filters.targetType')}>
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="targetId" label={t('identity.audit.filters.targetId')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="range" label={t('identity.audit.filters.range')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Tooltip title={t('identity.audit.filters.includeRequestsHint')}>
              <Space size={6}>
                <Switch
                  size="small"
                  checked={includeRequests}
                  onChange={setIncludeRequests}
                  data-testid="audit-include-requests"
                  aria-label={t('identity.audit.filters.includeRequests')}
                />
                <span>{t('identity.audit.filters.includeRequests')}</span>
              </Space>
            </Tooltip>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('identity.audit.filters.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {t('identity.audit.filters.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={log}
          rows={rows}
          columns={columns}
          scrollX={1100}
          empty={t('identity.audit.empty')}
          testId="audit-table"
        />
      </Card>
    </div>
  );
}
