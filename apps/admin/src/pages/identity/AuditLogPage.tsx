import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Popover, Space, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter } from '../../hooks';
import { type AuditEntry, type AuditQuery, useAuditLog } from '../../identity-api';

type Filters = Omit<AuditQuery, 'limit' | 'cursor'>;

interface FilterValues {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ACTOR_KINDS = ['staff', 'customer', 'system', 'partner'] as const;
type ActorKind = (typeof ACTOR_KINDS)[number];

function isActorKind(kind: string): kind is ActorKind {
  return (ACTOR_KINDS as readonly string[]).includes(kind);
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

function Detail({ detail }: { detail: Record<string, unknown> }) {
  const keys = Object.keys(detail);
  if (keys.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = JSON.stringify(detail);
  return (
    <Popover content={<pre className="audit-detail-full">{JSON.stringify(detail, null, 2)}</pre>}>
      <Typography.Text code className="audit-detail" ellipsis>
        {text}
      </Typography.Text>
    </Popover>
  );
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const log = useAuditLog(filters);
  const rows = log.data?.pages.flatMap((page) => page.data) ?? [];

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('identity.audit.columns.at'), dataIndex: 'at', width: 190, render: (at: string) => format(at) },
    {
      title: t('identity.audit.columns.actor'),
      key: 'actor',
      width: 200,
      render: (_, entry) => (
        <Space size={4}>
          <Tag>
            {isActorKind(entry.actor.kind) ? t(`identity.audit.actorKinds.${entry.actor.kind}`) : entry.actor.kind}
          </Tag>
          <span>{entry.actor.name ?? entry.actor.id ?? ''}</span>
        </Space>
      ),
    },
    {
      title: t('identity.audit.columns.action'),
      dataIndex: 'action',
      width: 250,
      render: (action: string) => (
        <Typography.Text code className="nowrap">
          {action}
        </Typography.Text>
      ),
    },
    {
      title: t('identity.audit.columns.target'),
      key: 'target',
      width: 330,
      render: (_, entry) => (
        <span className="audit-target">
          <Typography.Text type="secondary" code>
            {entry.targetType}
          </Typography.Text>{' '}
          <Typography.Text className="mono-cell" code>
            {entry.targetId}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('identity.audit.columns.ip'), dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
    {
      title: t('identity.audit.columns.detail'),
      dataIndex: 'detail',
      width: 380,
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
          scrollX={1480}
          empty={t('identity.audit.empty')}
          testId="audit-table"
        />
      </Card>
    </div>
  );
}
