import { ReloadOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  App as AntdApp,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type DeliveryQuery,
  type DeliveryStatus,
  type OpsDelivery,
  useDeliveries,
  useRetryDelivery,
} from '../../ops-api';

type Filters = Omit<DeliveryQuery, 'limit' | 'cursor'>;

// Keyed by the SDK's union: a state the server adds fails type-checking here until it has a colour.
const STATUS_COLORS = { pending: 'processing', delivered: 'success', dead: 'error' } satisfies Record<
  DeliveryStatus,
  string
>;
const STATUSES = keysOf(STATUS_COLORS);

interface FilterValues {
  status?: DeliveryStatus | 'all';
  subscriber?: string;
  eventType?: string;
}

/** Outbox deliveries; with `deadLetters`, the dead ones only, each with its retry. */
export function DeliveriesPage({ deadLetters = false }: { deadLetters?: boolean }) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const canRetry = useCan('ops.write');
  const initial: Filters = deadLetters ? { status: 'dead' } : {};
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>(initial);
  const deliveries = useDeliveries(filters);
  const rows = deliveries.data?.pages.flatMap((page) => page.data) ?? [];

  const mono = (text: string) => (
    <Typography.Text code className="mono-cell" ellipsis={{ tooltip: text }}>
      {text}
    </Typography.Text>
  );
  const columns: TableColumnsType<OpsDelivery> = [
    { title: t('ops.deliveries.columns.occurredAt'), dataIndex: 'occurredAt', width: 160, render: (at) => format(at) },
    {
      title: t('ops.deliveries.columns.eventType'),
      key: 'event',
      width: 260,
      render: (_, d) => (
        <Space direction="vertical" size={0} style={{ maxWidth: '100%' }}>
          {mono(d.eventType)}
          <Typography.Text code className="mono-cell" type="secondary" ellipsis={{ tooltip: d.aggregateId }}>
            {d.aggregateType}:{d.aggregateId}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('ops.deliveries.columns.subscriber'), dataIndex: 'subscriber', width: 250, render: mono },
    {
      title: t('ops.deliveries.columns.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: DeliveryStatus) => (
        <Tag color={STATUS_COLORS[status]} data-testid={`delivery-status-${status}`}>
          {t(`ops.deliveries.statuses.${status}`)}
        </Tag>
      ),
    },
    { title: t('ops.deliveries.columns.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
    {
      title: t('ops.deliveries.columns.lastError'),
      dataIndex: 'lastError',
      width: 260,
      render: (error: string | null) =>
        error ? (
          <Typography.Paragraph type="danger" ellipsis={{ rows: 2, tooltip: error }} className="mono-cell">
            {error}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    ...(deadLetters
      ? []
      : [
          {
            title: t('ops.deliveries.columns.nextAttemptAt'),
            dataIndex: 'nextAttemptAt',
            width: 160,
            render: (at: string | null) => format(at),
          },
        ]),
    {
      title: t('ops.deliveries.columns.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, delivery) => (delivery.status === 'dead' && canRetry ? <RetryButton delivery={delivery} /> : null),
    },
  ];

  return (
    <div className="page" data-testid={deadLetters ? 'dead-letters-page' : 'deliveries-page'}>
      <PageHeader
        title={t(deadLetters ? 'ops.deliveries.deadTitle' : 'ops.deliveries.title')}
        subtitle={t(deadLetters ? 'ops.deliveries.deadSubtitle' : 'ops.deliveries.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void deliveries.refetch()} data-testid="ops-refresh">
            {t('ops.refresh')}
          </Button>
        }
      />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="search-form"
          initialValues={{ status: initial.status ?? 'all' }}
          onFinish={(values) => {
            const next: Filters = {};
            if (values.status && values.status !== 'all') next.status = values.status;
            const subscriber = values.subscriber?.trim();
            if (subscriber) next.subscriber = subscriber;
            const eventType = values.eventType?.trim();
            if (eventType) next.eventType = eventType;
            setFilters(next);
          }}
        >
          {!deadLetters && (
            <Form.Item name="status" label={t('ops.status')}>
              <Select
                style={{ width: 140 }}
                options={[
                  { value: 'all', label: t('ops.all') },
                  ...STATUSES.map((status) => ({ value: status, label: t(`ops.deliveries.statuses.${status}`) })),
                ]}
              />
            </Form.Item>
          )}
          <Form.Item name="subscriber" label={t('ops.subscriber')}>
            <Input allowClear style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="eventType" label={t('ops.eventType')}>
            <Input allowClear style={{ width: 240 }} />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters(initial)} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={deliveries}
          rows={rows}
          columns={columns}
          scrollX={deadLetters ? 1170 : 1330}
          empty={t('ops.empty')}
          testId="deliveries-table"
        />
      </Card>
    </div>
  );
}

function RetryButton({ delivery }: { delivery: OpsDelivery }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const retry = useRetryDelivery();
  return (
    <Popconfirm
      title={t('ops.deliveries.retryConfirm', { subscriber: delivery.subscriber, eventType: delivery.eventType })}
      okText={t('ops.deliveries.retry')}
      onConfirm={() =>
        retry.mutateAsync(
          { eventId: delivery.eventId, subscriber: delivery.subscriber },
          {
            onSuccess: () => void message.success(t('ops.deliveries.retried')),
            onError: (error) =>
              void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
          },
        )
      }
    >
      <Button size="small" type="link" loading={retry.isPending} data-testid="retry-delivery">
        {t('ops.deliveries.retry')}
      </Button>
    </Popconfirm>
  );
}
