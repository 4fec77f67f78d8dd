import { SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
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
import { useInstantFormatter } from '../../hooks';
import { type AuditEntry, type AuditQuery, useAuditLog } from '../../identity-api';

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

/** Keys shown in the cell; the rest, and every value in full, in the popover. */
const DETAIL_KEYS_SHOWN = 6;
const DETAIL_VALUE_CHARS = 120;

/**
 * The entry's detail as `key: value` lines that wrap inside the column (nothing cut off at the
 * column's edge); the whole of it, pretty-printed, on hover.
 */
function Detail({ detail: recorded }: { detail: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const detail = withUnitReason(recorded, (code, params) => {
    const key = `unitReasons.${code}`;
    if (!i18n.exists(key)) return null;
    return t(key as 'unitReasons.unit_imported', { ...params, interpolation: { escapeValue: false } });
  });
  const keys = Object.keys(detail);
  if (keys.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = (value: unknown) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > DETAIL_VALUE_CHARS ? `${text.slice(0, DETAIL_VALUE_CHARS)}…` : text;
  };
  return (
    <Popover content={<pre className="audit-detail-full">{JSON.stringify(recorded, null, 2)}</pre>}>
      <div>
        {/* The recorded detail is data as the system wrote it (keys, codes, ids), shown as code. */}
        <code className="audit-detail" data-testid="audit-detail">
          {keys.slice(0, DETAIL_KEYS_SHOWN).map((key) => (
            <span key={key} className="audit-detail-line">
              <span className="audit-detail-key">{key}</span>: {shown(detail[key])}
            </span>
          ))}
        </code>
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
      render: (detail: Record<string, unknown>) => <Detail detail={detail} />,
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
