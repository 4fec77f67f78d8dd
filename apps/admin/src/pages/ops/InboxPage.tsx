import { ReloadOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import { Button, Card, Form, Input, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { useInstantFormatter } from '../../hooks';
import { type InboxQuery, type InboxStatus, type OpsInboxMessage, useInboxMessages } from '../../ops-api';

type Filters = Omit<InboxQuery, 'limit' | 'cursor'>;

const STATUS_COLORS = { pending: 'processing', processed: 'success', dead: 'error' } satisfies Record<
  InboxStatus,
  string
>;
const STATUSES = keysOf(STATUS_COLORS);

interface FilterValues {
  status?: InboxStatus | 'all';
  provider?: string;
}

/** Inbound webhook messages and their state (contents are not shown). */
export function InboxPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const messages = useInboxMessages(filters);
  const rows = messages.data?.pages.flatMap((page) => page.data) ?? [];
  const mono = (text: string) => (
    <Typography.Text code className="mono-cell">
      {text}
    </Typography.Text>
  );

  const columns: TableColumnsType<OpsInboxMessage> = [
    { title: t('ops.inbox.columns.receivedAt'), dataIndex: 'receivedAt', width: 170, render: (at) => format(at) },
    { title: t('ops.inbox.columns.provider'), dataIndex: 'provider', width: 120, render: mono },
    { title: t('ops.inbox.columns.providerEventId'), dataIndex: 'providerEventId', width: 220, render: mono },
    { title: t('ops.inbox.columns.eventType'), dataIndex: 'eventType', width: 200, render: mono },
    {
      title: t('ops.inbox.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: InboxStatus) => <Tag color={STATUS_COLORS[status]}>{t(`ops.inbox.statuses.${status}`)}</Tag>,
    },
    { title: t('ops.inbox.columns.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
    {
      title: t('ops.inbox.columns.lastError'),
      dataIndex: 'lastError',
      width: 300,
      render: (error: string | null) =>
        error ? (
          <Typography.Paragraph type="danger" ellipsis={{ rows: 2, tooltip: error }} className="mono-cell">
            {error}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      title: t('ops.inbox.columns.nextAttemptAt'),
      dataIndex: 'nextAttemptAt',
      width: 170,
      render: (at: string | null) => format(at),
    },
  ];

  return (
    <div className="page" data-testid="inbox-page">
      <PageHeader
        title={t('ops.inbox.title')}
        subtitle={t('ops.inbox.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void messages.refetch()}>
            {t('ops.refresh')}
          </Button>
        }
      />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="search-form"
          initialValues={{ status: 'all' }}
          onFinish={(values) => {
            const next: Filters = {};
            if (values.status && values.status !== 'all') next.status = values.status;
            const provider = values.provider?.trim();
            if (provider) next.provider = provider;
            setFilters(next);
          }}
        >
          <Form.Item name="status" label={t('ops.status')}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'all', label: t('ops.all') },
                ...STATUSES.map((status) => ({ value: status, label: t(`ops.inbox.statuses.${status}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="provider" label={t('ops.provider')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={messages}
          rows={rows}
          columns={columns}
          scrollX={1340}
          empty={t('ops.empty')}
          testId="inbox-table"
        />
      </Card>
    </div>
  );
}
