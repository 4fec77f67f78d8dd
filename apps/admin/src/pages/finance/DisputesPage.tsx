import {
  App as AntdApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
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
import { YuanInput } from '../../components/YuanInput';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { type Dispute, type DisputeQuery, type ResolveInput, useDisputes, useResolveDispute } from '../../ledger-api';

type Filters = Omit<DisputeQuery, 'limit' | 'cursor'>;
type Status = Dispute['status'];
const STATUSES: Status[] = ['open', 'resolved', 'rejected'];
const STATUS_COLORS: Record<Status, string> = { open: 'processing', resolved: 'success', rejected: 'default' };

interface FilterValues {
  status?: Status | 'all';
  customerId?: string;
  sla?: 'all' | 'breached' | 'within';
}

interface ResolveValues {
  outcome: ResolveInput['outcome'];
  amountMinor?: number | null;
  note: string;
}

export function DisputesPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const canHandle = useCan('disputes.handle');
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({ status: 'open' });
  const disputes = useDisputes(filters);
  const rows = disputes.data?.pages.flatMap((page) => page.data) ?? [];
  const [resolving, setResolving] = useState<Dispute | null>(null);

  const columns: TableColumnsType<Dispute> = [
    { title: t('wallet.disputes.columns.createdAt'), dataIndex: 'createdAt', width: 180, render: (at) => format(at) },
    {
      title: t('wallet.disputes.columns.slaDueAt'),
      dataIndex: 'slaDueAt',
      width: 220,
      render: (at: string, dispute) => (
        <Space size={4}>
          <span>{format(at)}</span>
          {dispute.breached ? (
            <Tag color="error">{t('wallet.disputes.filters.breached')}</Tag>
          ) : (
            dispute.overdue && dispute.status === 'open' && <Tag color="warning">{t('wallet.disputes.overdue')}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('wallet.disputes.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: Status) => <Tag color={STATUS_COLORS[status]}>{t(`wallet.disputes.statuses.${status}`)}</Tag>,
    },
    {
      title: t('wallet.disputes.columns.type'),
      dataIndex: 'type',
      width: 170,
      render: (type: Dispute['type']) => t(`wallet.disputes.types.${type}`),
    },
    {
      title: t('wallet.disputes.columns.customer'),
      dataIndex: 'customerId',
      width: 240,
      render: (id: string) => <Typography.Text className="mono-cell">{id}</Typography.Text>,
    },
    {
      title: t('wallet.disputes.columns.transfer'),
      dataIndex: 'transferId',
      width: 240,
      render: (id: string) => (
        <Typography.Text className="mono-cell" copyable>
          {id}
        </Typography.Text>
      ),
    },
    {
      title: t('wallet.disputes.columns.description'),
      dataIndex: 'description',
      width: 280,
      render: (text: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }}>{text}</Typography.Paragraph>
      ),
    },
    {
      title: t('wallet.disputes.columns.resolution'),
      key: 'resolution',
      width: 240,
      render: (_, dispute) =>
        dispute.resolution ? (
          <Space direction="vertical" size={0}>
            <span>
              {t(`wallet.disputes.resolutions.${dispute.resolution}`)}
              {dispute.resolutionAmountMinor !== null && ` · ${money(dispute.resolutionAmountMinor)}`}
            </span>
            {dispute.resolutionNote && <Typography.Text type="secondary">{dispute.resolutionNote}</Typography.Text>}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('wallet.disputes.columns.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, dispute) =>
        dispute.status === 'open' && canHandle ? (
          <Button size="small" type="link" onClick={() => setResolving(dispute)}>
            {t('wallet.disputes.resolve')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="page" data-testid="disputes-page">
      <PageHeader title={t('wallet.disputes.title')} subtitle={t('wallet.disputes.subtitle')} />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="search-form"
          initialValues={{ status: 'open', sla: 'all' }}
          onFinish={(values) => {
            const next: Filters = {};
            if (values.status && values.status !== 'all') next.status = values.status;
            const customerId = values.customerId?.trim();
            if (customerId) next.customerId = customerId;
            if (values.sla === 'breached' || values.sla === 'within') next.breached = values.sla === 'breached';
            setFilters(next);
          }}
        >
          <Form.Item name="status" label={t('wallet.disputes.filters.status')}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'all', label: t('wallet.disputes.filters.all') },
                ...STATUSES.map((status) => ({ value: status, label: t(`wallet.disputes.statuses.${status}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="customerId" label={t('wallet.disputes.filters.customerId')}>
            <Input allowClear style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="sla" label={t('wallet.disputes.filters.sla')}>
            <Select
              style={{ width: 150 }}
              options={[
                { value: 'all', label: t('wallet.disputes.filters.all') },
                { value: 'breached', label: t('wallet.disputes.filters.breached') },
                { value: 'within', label: t('wallet.disputes.filters.withinSla') },
              ]}
            />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({ status: 'open' })} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={disputes}
          rows={rows}
          columns={columns}
          scrollX={1750}
          empty={t('wallet.disputes.empty')}
          testId="disputes-table"
        />
      </Card>
      {resolving && <ResolveModal dispute={resolving} onClose={() => setResolving(null)} />}
    </div>
  );
}

function ResolveModal({ dispute, onClose }: { dispute: Dispute; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<ResolveValues>();
  const resolve = useResolveDispute();
  const outcome = Form.useWatch('outcome', form);
  const submit = (values: ResolveValues) =>
    resolve.mutate(
      {
        id: dispute.id,
        outcome: values.outcome,
        note: values.note.trim(),
        ...(values.outcome !== 'rejected' && values.amountMinor ? { amountMinor: values.amountMinor } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('wallet.disputes.resolved'));
          onClose();
        },
        onError: (error) =>
          void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
      },
    );
  return (
    <Modal
      open
      title={t('wallet.disputes.resolveTitle', { id: dispute.id })}
      okText={t('wallet.disputes.submit')}
      cancelText={t('wallet.disputes.cancel')}
      confirmLoading={resolve.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ResolveValues> form={form} layout="vertical" initialValues={{ outcome: 'refund' }} onFinish={submit}>
        <Form.Item name="outcome" label={t('wallet.disputes.outcome')}>
          <Radio.Group
            options={(['refund', 'reversal', 'rejected'] as const).map((value) => ({
              value,
              label: t(`wallet.disputes.resolutions.${value}`),
            }))}
          />
        </Form.Item>
        {outcome !== 'rejected' && (
          <Form.Item name="amountMinor" label={t('wallet.disputes.amount')}>
            <YuanInput />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t('wallet.disputes.note')}
          rules={[{ required: true, whitespace: true, message: t('wallet.disputes.noteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
