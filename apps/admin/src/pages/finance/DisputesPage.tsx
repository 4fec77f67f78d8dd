import {
  Alert,
  App as AntdApp,
  Button,
  Card,
  Descriptions,
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
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { YuanInput } from '../../components/YuanInput';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan, useStaffMe } from '../../identity-api';
import {
  type Dispute,
  type DisputeQuery,
  type ResolveInput,
  useDecideDisputeRefund,
  useDisputes,
  useResolveDispute,
} from '../../ledger-api';

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
  const [deciding, setDeciding] = useState<Dispute | null>(null);

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
      width: 200,
      render: (id: string, dispute) => <NamedId name={dispute.customerLabel} id={id} testId="dispute-customer" />,
    },
    {
      title: t('wallet.disputes.columns.transfer'),
      dataIndex: 'transaction',
      width: 230,
      render: (tx: Dispute['transaction']) => (
        <Space direction="vertical" size={0}>
          <NamedId
            name={`${t(`wallet.disputes.txTypes.${txTypeKey(tx.type)}`)} · ${t(`wallet.disputes.directions.${tx.direction}`)} ${money(tx.amountMinor)}`}
            id={tx.id}
            testId="dispute-transaction"
          />
          <Typography.Text type="secondary">{format(tx.createdAt)}</Typography.Text>
        </Space>
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
      width: 260,
      render: (_, dispute) =>
        dispute.resolution ? (
          <Space direction="vertical" size={0}>
            <span>
              {t(`wallet.disputes.resolutions.${dispute.resolution}`)}
              {dispute.resolutionAmountMinor !== null && ` · ${money(dispute.resolutionAmountMinor)}`}
            </span>
            {dispute.resolutionNote && <Typography.Text type="secondary">{dispute.resolutionNote}</Typography.Text>}
            {dispute.resolvedAt && (
              <Typography.Text type="secondary">
                {t('wallet.disputes.resolvedBy', {
                  staff: dispute.resolvedByName ?? dispute.resolvedBy ?? '—',
                  at: format(dispute.resolvedAt),
                })}
              </Typography.Text>
            )}
          </Space>
        ) : dispute.pendingRefund ? (
          <Space direction="vertical" size={0} data-testid="dispute-pending-refund">
            <Tag color="warning">
              {t('wallet.disputes.pendingRefund', {
                outcome: t(`wallet.disputes.resolutions.${dispute.pendingRefund.outcome}`),
                amount: money(dispute.pendingRefund.amountMinor),
              })}
            </Tag>
            <Typography.Text type="secondary">
              {t('wallet.disputes.pendingBy', {
                staff: dispute.pendingRefund.proposedByName ?? dispute.pendingRefund.proposedBy,
                at: format(dispute.pendingRefund.proposedAt),
                note: dispute.pendingRefund.note,
              })}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('wallet.disputes.columns.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, dispute) =>
        dispute.status === 'open' && canHandle ? (
          dispute.pendingRefund ? (
            <Button size="small" type="link" onClick={() => setDeciding(dispute)} data-testid="dispute-decide">
              {t('wallet.disputes.approve')}
            </Button>
          ) : (
            <Button size="small" type="link" onClick={() => setResolving(dispute)} data-testid="dispute-resolve">
              {t('wallet.disputes.resolve')}
            </Button>
          )
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
          scrollX={1790}
          empty={t('wallet.disputes.empty')}
          testId="disputes-table"
        />
      </Card>
      {resolving && <ResolveModal dispute={resolving} onClose={() => setResolving(null)} />}
      {deciding && <DecideModal dispute={deciding} onClose={() => setDeciding(null)} />}
    </div>
  );
}

const TX_TYPES = [
  'top_up',
  'withdrawal',
  'transfer',
  'bill_split',
  'bill_payment',
  'points_redemption',
  'cashback',
  'dispute_refund',
  'dispute_reversal',
] as const;
type TxType = (typeof TX_TYPES)[number] | 'other';
function txTypeKey(type: string): TxType {
  return (TX_TYPES as readonly string[]).includes(type) ? (type as TxType) : 'other';
}

/** Where a refund or reversal takes the money from and puts it, as the confirmation shows it. */
function useFromTo() {
  const { t } = useTranslation();
  return (dispute: Dispute, outcome: 'refund' | 'reversal'): { from: string; to: string } => ({
    from: outcome === 'refund' ? t('wallet.disputes.fromSuspense') : t('wallet.disputes.fromOriginal'),
    to: t('wallet.disputes.toWallet', { customer: dispute.customerLabel ?? dispute.customerId }),
  });
}

function MoneyMovement({ amount, from, to }: { amount: string; from: string; to: string }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small" bordered data-testid="dispute-confirm">
      <Descriptions.Item label={t('wallet.disputes.confirmAmount')}>
        <Typography.Text strong data-testid="dispute-confirm-amount">
          {amount}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('wallet.disputes.confirmFrom')}>{from}</Descriptions.Item>
      <Descriptions.Item label={t('wallet.disputes.confirmTo')}>{to}</Descriptions.Item>
    </Descriptions>
  );
}

function ResolveModal({ dispute, onClose }: { dispute: Dispute; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message, modal } = AntdApp.useApp();
  const [form] = Form.useForm<ResolveValues>();
  const resolve = useResolveDispute();
  const fromTo = useFromTo();
  const outcome = Form.useWatch('outcome', form);
  const send = (values: ResolveValues) =>
    resolve.mutate(
      {
        id: dispute.id,
        outcome: values.outcome,
        note: values.note.trim(),
        ...(values.outcome !== 'rejected' && values.amountMinor ? { amountMinor: values.amountMinor } : {}),
      },
      {
        onSuccess: (result) => {
          void message.success(t(result.pendingRefund ? 'wallet.disputes.proposed' : 'wallet.disputes.resolved'));
          onClose();
        },
        onError: (error) =>
          void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
      },
    );
  // Every money action shows what it will move, from where and to whom, before it moves it.
  const submit = (values: ResolveValues) => {
    if (values.outcome === 'rejected') return send(values);
    const amountMinor = values.amountMinor || dispute.transaction.amountMinor;
    const needsApproval = amountMinor > dispute.approvalAboveMinor;
    modal.confirm({
      title: t('wallet.disputes.confirmTitle'),
      width: 520,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <MoneyMovement amount={money(amountMinor)} {...fromTo(dispute, values.outcome)} />
          {needsApproval && (
            <Alert
              type="warning"
              showIcon
              message={t('wallet.disputes.needsApproval', { limit: money(dispute.approvalAboveMinor) })}
            />
          )}
        </Space>
      ),
      okText: t(needsApproval ? 'wallet.disputes.confirmPropose' : 'wallet.disputes.confirmOk'),
      cancelText: t('wallet.disputes.cancel'),
      okButtonProps: { 'data-testid': 'dispute-confirm-ok' } as Record<`data-${string}`, string>,
      onOk: () => send(values),
    });
  };
  return (
    <Modal
      open
      title={t('wallet.disputes.resolveTitle', { customer: dispute.customerLabel ?? dispute.customerId })}
      okText={t('wallet.disputes.submit')}
      cancelText={t('wallet.disputes.cancel')}
      confirmLoading={resolve.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'dispute-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('wallet.disputes.columns.customer')}>
          <NamedId name={dispute.customerLabel} id={dispute.customerId} />
        </Descriptions.Item>
        <Descriptions.Item label={t('wallet.disputes.columns.transfer')}>
          <NamedId
            name={`${t(`wallet.disputes.txTypes.${txTypeKey(dispute.transaction.type)}`)} · ${money(dispute.transaction.amountMinor)}`}
            id={dispute.transaction.id}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('wallet.disputes.columns.type')}>
          {t(`wallet.disputes.types.${dispute.type}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('wallet.disputes.columns.description')}>{dispute.description}</Descriptions.Item>
      </Descriptions>
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
          <Input.TextArea rows={3} maxLength={1000} data-testid="dispute-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A proposed refund above the approval amount: another staff member approves (seeing what moves) or declines it. */
function DecideModal({ dispute, onClose }: { dispute: Dispute; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const format = useInstantFormatter();
  const { message } = AntdApp.useApp();
  const me = useStaffMe().data;
  const decide = useDecideDisputeRefund();
  const fromTo = useFromTo();
  const [note, setNote] = useState('');
  const pending = dispute.pendingRefund;
  if (!pending) return null;
  const mine = me?.staff.id === pending.proposedBy;
  const run = (decision: 'approve' | 'decline') =>
    decide.mutate(
      { id: dispute.id, decision, note: note.trim() },
      {
        onSuccess: () => {
          void message.success(t(decision === 'approve' ? 'wallet.disputes.approved' : 'wallet.disputes.declined'));
          onClose();
        },
        onError: (error) =>
          void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
      },
    );
  return (
    <Modal
      open
      title={t('wallet.disputes.approveTitle', { amount: money(pending.amountMinor) })}
      onCancel={onClose}
      footer={
        mine ? (
          <Typography.Text type="secondary">{t('wallet.disputes.ownProposal')}</Typography.Text>
        ) : (
          <Space>
            <Button
              danger
              disabled={note.trim() === ''}
              loading={decide.isPending}
              onClick={() => run('decline')}
              data-testid="dispute-decline"
            >
              {t('wallet.disputes.decline')}
            </Button>
            <Button
              type="primary"
              loading={decide.isPending}
              onClick={() => run('approve')}
              data-testid="dispute-approve"
            >
              {t('wallet.disputes.approve')}
            </Button>
          </Space>
        )
      }
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <MoneyMovement amount={money(pending.amountMinor)} {...fromTo(dispute, pending.outcome)} />
        <Typography.Text type="secondary">
          {t('wallet.disputes.pendingBy', {
            staff: pending.proposedByName ?? pending.proposedBy,
            at: format(pending.proposedAt),
            note: pending.note,
          })}
        </Typography.Text>
        <Typography.Text>{t('wallet.disputes.approveContent', fromTo(dispute, pending.outcome))}</Typography.Text>
        {!mine && (
          <Input.TextArea
            rows={2}
            maxLength={1000}
            value={note}
            placeholder={t('wallet.disputes.declineNote')}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Space>
    </Modal>
  );
}
