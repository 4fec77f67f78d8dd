import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { sumMinor } from '@zulin/kernel';
import { keysOf } from '@zulin/web';
import {
  Alert,
  App as AntdApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import {
  type Bill,
  type BillLineKind,
  type BillQuery,
  type NewCharge,
  useAdminBill,
  useAdminBills,
  useDecideWaiver,
  useIssueCharge,
  useRequestWaiver,
  useWaiverRequests,
  type WaiverRequest,
} from '../../bills-api';
import { CursorTable } from '../../components/CursorTable';
import { CustomerPicker } from '../../components/CustomerPicker';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { SearchActions } from '../../components/SearchActions';
import { YuanInput } from '../../components/YuanInput';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan, useStaffMe } from '../../identity-api';

type Filters = Omit<BillQuery, 'limit' | 'cursor'>;
type Status = Bill['status'];
const STATUS_COLORS: Record<Status, string> = {
  open: 'processing',
  overdue: 'error',
  paid: 'success',
  waived: 'default',
};
const STATUSES = keysOf(STATUS_COLORS);
const KINDS = keysOf<BillLineKind>({
  rent: true,
  principal: true,
  interest: true,
  fee: true,
  damage: true,
  shipping: true,
  penalty: true,
  other: true,
});

interface FilterValues {
  status?: Status | 'unpaid' | 'all';
  customerId?: string;
  sourceType?: string;
  dueFrom?: Dayjs | null;
  dueTo?: Dayjs | null;
}

/** A due date is a business date: the picked day as `YYYY-MM-DD`, whatever the browser's zone. */
const businessDate = (day: Dayjs) => day.format('YYYY-MM-DD');

function useProblemMessage() {
  const { t } = useTranslation();
  return (error: unknown) => (error instanceof ProblemError ? error.problem.title : t('status.networkError'));
}

export function BillsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const canWrite = useCan('bills.write');
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({ status: 'unpaid' });
  const bills = useAdminBills(filters);
  const rows = bills.data?.pages.flatMap((page) => page.data) ?? [];
  const [openId, setOpenId] = useState<string | null>(null);
  const [charging, setCharging] = useState(false);
  const [queueOpen, setQueueOpen] = useState(false);
  const pendingWaivers = useWaiverRequests({ status: 'pending' });

  const columns: TableColumnsType<Bill> = [
    {
      title: t('billing.columns.dueDate'),
      dataIndex: 'dueDate',
      width: 120,
    },
    {
      title: t('billing.columns.title'),
      dataIndex: 'title',
      width: 240,
      render: (title: string, bill) => (
        <Button type="link" size="small" className="link-cell" onClick={() => setOpenId(bill.id)}>
          {title}
        </Button>
      ),
    },
    {
      title: t('billing.columns.status'),
      dataIndex: 'status',
      width: 130,
      render: (status: Status, bill) => (
        <Space size={4}>
          <Tag color={STATUS_COLORS[status]}>
            {bill.withdrawn ? t('billing.withdrawn') : t(`billing.statuses.${status}`)}
          </Tag>
          {bill.daysOverdue > 0 && (
            <Typography.Text type="danger">{t('billing.daysOverdue', { days: bill.daysOverdue })}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('billing.columns.amount'),
      dataIndex: 'amountMinor',
      width: 120,
      align: 'right',
      render: money,
    },
    {
      title: t('billing.columns.outstanding'),
      dataIndex: 'outstandingMinor',
      width: 120,
      align: 'right',
      render: money,
    },
    {
      title: t('billing.columns.customer'),
      dataIndex: 'customerId',
      width: 200,
      render: (id: string, bill) => <NamedId name={bill.customerLabel} id={id} testId="bill-customer" />,
    },
    {
      title: t('billing.columns.source'),
      key: 'source',
      width: 220,
      render: (_, bill) => (
        <Typography.Text type="secondary">
          {t(
            `billing.sources.${bill.sourceType === 'rental' || bill.sourceType === 'installment' ? bill.sourceType : 'manual'}`,
          )}
          {bill.period > 0 && ` · ${t('billing.period', { period: bill.period })}`}
        </Typography.Text>
      ),
    },
  ];

  return (
    <div className="page" data-testid="bills-page">
      <PageHeader
        title={t('billing.title')}
        subtitle={t('billing.subtitle')}
        extra={
          <Space>
            <Button onClick={() => setQueueOpen(true)} data-testid="bills-waiver-queue">
              {t('billing.waive.queue', { count: pendingWaivers.data?.data.length ?? 0 })}
            </Button>
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCharging(true)}
                data-testid="bills-new-charge"
              >
                {t('billing.newCharge')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Form<FilterValues>
          form={form}
          name="bill-filters"
          layout="inline"
          className="search-form"
          initialValues={{ status: 'unpaid' }}
          onFinish={(values) => {
            const next: Filters = {};
            if (values.status && values.status !== 'all') next.status = values.status;
            for (const key of ['customerId', 'sourceType'] as const) {
              const value = values[key]?.trim();
              if (value) next[key] = value;
            }
            if (values.dueFrom) next.dueFrom = businessDate(values.dueFrom);
            if (values.dueTo) next.dueTo = businessDate(values.dueTo);
            setFilters(next);
          }}
        >
          <Form.Item name="status" label={t('billing.filters.status')}>
            <Select
              style={{ width: 130 }}
              options={[
                { value: 'unpaid', label: t('billing.filters.unpaid') },
                { value: 'all', label: t('billing.filters.all') },
                ...STATUSES.map((status) => ({ value: status, label: t(`billing.statuses.${status}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="customerId" label={t('billing.filters.customerId')}>
            <CustomerPicker testId="bills-filter-customer" />
          </Form.Item>
          <Form.Item name="sourceType" label={t('billing.filters.source')}>
            <Select
              allowClear
              style={{ width: 130 }}
              options={(['rental', 'installment', 'manual'] as const).map((value) => ({
                value,
                label: t(`billing.sources.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="dueFrom" label={t('billing.filters.dueFrom')}>
            <DatePicker style={{ width: 150 }} data-testid="bills-filter-due-from" />
          </Form.Item>
          <Form.Item name="dueTo" label={t('billing.filters.dueTo')}>
            <DatePicker style={{ width: 150 }} data-testid="bills-filter-due-to" />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({ status: 'unpaid' })} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={bills}
          rows={rows}
          columns={columns}
          scrollX={1200}
          empty={t('billing.empty')}
          testId="bills-table"
          exportName={t('billing.title')}
          totals={(loaded) => ({
            amountMinor: money(sumMinor(loaded.map((bill) => bill.amountMinor))),
            outstandingMinor: money(sumMinor(loaded.map((bill) => bill.outstandingMinor))),
          })}
        />
      </Card>
      <BillDrawer id={openId} canWrite={canWrite} onClose={() => setOpenId(null)} />
      {charging && <ChargeModal onClose={() => setCharging(false)} onIssued={(bill) => setOpenId(bill.id)} />}
      <Modal
        open={queueOpen}
        width={900}
        title={t('billing.waive.queueTitle')}
        footer={null}
        onCancel={() => setQueueOpen(false)}
      >
        <WaiverTable
          rows={pendingWaivers.data?.data ?? []}
          empty={t('billing.waive.queueEmpty')}
          onOpen={(billId) => {
            setQueueOpen(false);
            setOpenId(billId);
          }}
        />
      </Modal>
    </div>
  );
}

/**
 * Why a bill's source withdrew it, in the reader's language: its code (billing.withdrawReasons), the
 * parameters being codes too (who cancelled, which after-sale). A bill withdrawn before the codes
 * shows the text its source stored; a code this console does not know yet, the code itself.
 */
function WithdrawReason({ bill }: { bill: Pick<Bill, 'withdrawReason' | 'waiveReason'> }) {
  const { t, i18n } = useTranslation();
  const reason = bill.withdrawReason;
  if (reason === null) return <span>{bill.waiveReason ?? '—'}</span>;
  const key = `billing.withdrawReasons.${reason.code}`;
  if (!i18n.exists(key)) return <Typography.Text code>{reason.code}</Typography.Text>;
  const worded = (group: 'withdrawCauses' | 'afterSaleKinds', value: string | undefined) =>
    value === undefined
      ? ''
      : t(`billing.${group}.${value}` as 'billing.withdrawCauses.customer', { defaultValue: value });
  return (
    <span data-testid="bill-withdraw-reason" data-reason-code={reason.code}>
      {t(key as 'billing.withdrawReasons.installment_order_cancelled', {
        cause: worded('withdrawCauses', reason.params.cause),
        kind: worded('afterSaleKinds', reason.params.kind),
        interpolation: { escapeValue: false },
      })}
    </span>
  );
}

function BillDrawer({ id, canWrite, onClose }: { id: string | null; canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const format = useInstantFormatter();
  const bill = useAdminBill(id);
  const waivers = useWaiverRequests(id === null ? null : { billId: id });
  const [waiving, setWaiving] = useState(false);
  const b = bill.data;
  const unpaid = b && (b.status === 'open' || b.status === 'overdue');
  const pending = waivers.data?.data.find((w) => w.status === 'pending');
  return (
    <Drawer
      open={id !== null}
      width={640}
      title={b ? b.title : t('billing.detail')}
      onClose={onClose}
      extra={
        unpaid &&
        canWrite &&
        !pending && (
          <Button danger onClick={() => setWaiving(true)} data-testid="bill-waive">
            {t('billing.waive.open')}
          </Button>
        )
      }
    >
      {bill.error && <QueryErrorAlert error={bill.error} onRetry={() => void bill.refetch()} />}
      {b && (
        <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="bill-drawer">
          {pending && <PendingWaiver request={pending} canWrite={canWrite} />}
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('billing.columns.status')}>
              <Tag color={STATUS_COLORS[b.status]} data-testid="bill-drawer-status">
                {b.withdrawn ? t('billing.withdrawn') : t(`billing.statuses.${b.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('billing.columns.dueDate')}>{b.dueDate}</Descriptions.Item>
            <Descriptions.Item label={t('billing.columns.amount')}>{money(b.amountMinor)}</Descriptions.Item>
            <Descriptions.Item label={t('billing.columns.outstanding')}>
              <strong>{money(b.outstandingMinor)}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('billing.paid')}>{money(b.paidMinor)}</Descriptions.Item>
            {/* A withdrawn bill's part no one pays was cancelled with its source, not forgiven. */}
            <Descriptions.Item label={t(b.withdrawn ? 'billing.withdrawnAmount' : 'billing.waived')}>
              {money(b.waivedMinor)}
            </Descriptions.Item>
            <Descriptions.Item label={t('billing.columns.customer')} span={2}>
              <NamedId name={b.customerLabel} id={b.customerId} />
            </Descriptions.Item>
            <Descriptions.Item label={t('billing.issuedBy')} span={2}>
              <span data-testid="bill-issued-by">
                {b.issuedByName ??
                  t(`billing.issuers.${b.issuedBy.startsWith('staff:') ? 'staff' : b.issuedBy}`, {
                    defaultValue: b.issuedBy,
                  })}
              </span>{' '}
              · {format(b.createdAt)}
            </Descriptions.Item>
            {b.withdrawn ? (
              <Descriptions.Item label={t('billing.withdrawReason')} span={2}>
                <WithdrawReason bill={b} />
              </Descriptions.Item>
            ) : (
              b.waiveReason && (
                <Descriptions.Item label={t('billing.waive.reason')} span={2}>
                  {b.waiveReason}
                </Descriptions.Item>
              )
            )}
          </Descriptions>
          <Table
            rowKey="position"
            size="small"
            pagination={false}
            dataSource={b.lines}
            columns={[
              {
                title: t('billing.lines.kind'),
                dataIndex: 'kind',
                render: (k: BillLineKind) => t(`billing.kinds.${k}`),
              },
              { title: t('billing.lines.description'), dataIndex: 'description' },
              { title: t('billing.columns.amount'), dataIndex: 'amountMinor', align: 'right', render: money },
              { title: t('billing.paid'), dataIndex: 'paidMinor', align: 'right', render: money },
              {
                title: t(b.withdrawn ? 'billing.withdrawnAmount' : 'billing.waived'),
                dataIndex: 'waivedMinor',
                align: 'right',
                render: money,
              },
              { title: t('billing.columns.outstanding'), dataIndex: 'outstandingMinor', align: 'right', render: money },
            ]}
          />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={b.payments}
            locale={{ emptyText: <Empty description={t('billing.noPayments')} /> }}
            columns={[
              { title: t('billing.payments.at'), dataIndex: 'createdAt', render: (at: string) => format(at) },
              {
                title: t('billing.payments.method'),
                dataIndex: 'method',
                render: (method: string) => (method === 'wallet' ? t('billing.payments.wallet') : method),
              },
              { title: t('billing.columns.amount'), dataIndex: 'amountMinor', align: 'right', render: money },
              {
                title: t('billing.payments.transfer'),
                dataIndex: 'transferId',
                render: (id: string) => (
                  <Typography.Text className="mono-cell" copyable>
                    {id}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Space>
      )}
      {b && (waivers.data?.data.length ?? 0) > 0 && (
        <div className="drawer-section">
          <Typography.Title level={5}>{t('billing.waive.history')}</Typography.Title>
          <WaiverTable rows={waivers.data?.data ?? []} empty="" />
        </div>
      )}
      {waiving && b && <WaiveModal bill={b} onClose={() => setWaiving(false)} />}
    </Drawer>
  );
}

const WAIVER_COLORS: Record<WaiverRequest['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'default',
};

/** Waiver requests: the approval queue (with the bill, `onOpen` opens it) or one bill's history. */
function WaiverTable({
  rows,
  empty,
  onOpen,
}: {
  rows: WaiverRequest[];
  empty: string;
  onOpen?: (billId: string) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const format = useInstantFormatter();
  const billColumn: TableColumnsType<WaiverRequest> = [
    {
      title: t('billing.waive.columns.bill'),
      dataIndex: 'billId',
      width: 200,
      render: (billId: string, row) => (
        <Tooltip title={billId}>
          <Button type="link" size="small" className="link-cell" onClick={() => onOpen?.(billId)}>
            {row.billTitle}
          </Button>
        </Tooltip>
      ),
    },
    {
      title: t('billing.waive.columns.customer'),
      dataIndex: 'customerId',
      width: 190,
      render: (id: string, row) => <NamedId name={row.customerLabel} id={id} testId="waiver-customer" />,
    },
  ];
  const columns: TableColumnsType<WaiverRequest> = [
    { title: t('billing.waive.columns.requestedAt'), dataIndex: 'requestedAt', width: 170, render: (at) => format(at) },
    {
      title: t('billing.waive.columns.amount'),
      dataIndex: 'requestedMinor',
      width: 110,
      align: 'right',
      render: (amount: number, row) => money(row.waivedMinor ?? amount),
    },
    { title: t('billing.waive.columns.reason'), dataIndex: 'reason', ellipsis: true },
    {
      title: t('billing.waive.columns.requestedBy'),
      dataIndex: 'requestedByName',
      width: 140,
      render: (name: string | null, row) => name ?? row.requestedBy,
    },
    {
      title: t('billing.columns.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: WaiverRequest['status']) => (
        <Tag color={WAIVER_COLORS[status]}>{t(`billing.waive.statuses.${status}`)}</Tag>
      ),
    },
    {
      title: t('billing.waive.columns.decidedBy'),
      dataIndex: 'decidedByName',
      width: 130,
      render: (name: string | null, row) => (row.decidedBy ? (name ?? row.decidedBy) : '—'),
    },
    {
      title: t('billing.waive.columns.decidedAt'),
      dataIndex: 'decidedAt',
      width: 170,
      render: (at: string | null) => (at ? format(at) : '—'),
    },
  ];
  // In a bill's own history the bill column would only repeat the bill.
  if (onOpen) columns.splice(1, 0, ...billColumn);
  return (
    <Table<WaiverRequest>
      rowKey="id"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      // The approver columns make it wider than a drawer: it scrolls by itself, not the drawer.
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={empty} /> }}
      data-testid="waiver-table"
    />
  );
}

/** A waiver waiting for approval: someone other than its requester approves or rejects it here. */
function PendingWaiver({ request, canWrite }: { request: WaiverRequest; canWrite: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const format = useInstantFormatter();
  const { message } = AntdApp.useApp();
  const problem = useProblemMessage();
  const me = useStaffMe().data;
  const decide = useDecideWaiver();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const mine = me?.staff.id === request.requestedBy;
  const { modal } = AntdApp.useApp();
  const confirmApprove = () =>
    modal.confirm({
      title: t('billing.waive.confirmTitle', { amount: money(request.requestedMinor) }),
      content: (
        <span data-testid="waiver-confirm">
          {t('billing.waive.confirmContent', {
            amount: money(request.requestedMinor),
            bill: request.billTitle,
            customer: request.customerLabel ?? request.customerId,
          })}
        </span>
      ),
      okText: t('billing.waive.confirmOk'),
      cancelText: t('billing.waive.cancel'),
      okButtonProps: { 'data-testid': 'waiver-confirm-ok' } as Record<`data-${string}`, string>,
      onOk: () => run('approve'),
    });
  const run = (decision: 'approve' | 'reject') =>
    decide.mutate(
      { id: request.id, decision, note: note.trim() },
      {
        onSuccess: () => {
          void message.success(t(decision === 'approve' ? 'billing.waive.approved' : 'billing.waive.rejected'));
          setRejecting(false);
          setNote('');
        },
        onError: (error) => void message.error(problem(error)),
      },
    );
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="pending-waiver"
      message={t('billing.waive.pending', { amount: money(request.requestedMinor) })}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>
            {t('billing.waive.pendingBy', {
              staff: request.requestedByName ?? request.requestedBy,
              at: format(request.requestedAt),
              reason: request.reason,
            })}
          </span>
          {rejecting && (
            <Input.TextArea
              rows={2}
              maxLength={500}
              value={note}
              placeholder={t('billing.waive.rejectNote')}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
          {canWrite && !mine && (
            <Space>
              {!rejecting && (
                <Button type="primary" loading={decide.isPending} onClick={confirmApprove} data-testid="waiver-approve">
                  {t('billing.waive.approve')}
                </Button>
              )}
              <Button
                danger
                loading={decide.isPending && rejecting}
                disabled={rejecting && note.trim() === ''}
                onClick={() => (rejecting ? run('reject') : setRejecting(true))}
                data-testid="waiver-reject"
              >
                {t('billing.waive.reject')}
              </Button>
            </Space>
          )}
          {canWrite && mine && <Typography.Text type="secondary">{t('billing.waive.waitingOther')}</Typography.Text>}
        </Space>
      }
    />
  );
}

function WaiveModal({ bill, onClose }: { bill: Bill; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const problem = useProblemMessage();
  const waive = useRequestWaiver();
  const [form] = Form.useForm<{ positions: number[]; reason: string }>();
  const open = bill.lines.filter((l) => l.outstandingMinor > 0);
  return (
    <Modal
      open
      title={t('billing.waive.title')}
      okText={t('billing.waive.submit')}
      okButtonProps={{ danger: true }}
      cancelText={t('billing.cancel')}
      confirmLoading={waive.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="waive"
        layout="vertical"
        initialValues={{ positions: open.map((l) => l.position) }}
        onFinish={(values) =>
          waive.mutate(
            { id: bill.id, reason: values.reason.trim(), positions: values.positions },
            {
              onSuccess: () => {
                void message.success(t('billing.waive.done'));
                onClose();
              },
              onError: (error) => void message.error(problem(error)),
            },
          )
        }
      >
        <Form.Item
          name="positions"
          label={t('billing.waive.lines')}
          rules={[{ required: true, type: 'array', min: 1, message: t('billing.waive.linesRequired') }]}
        >
          <Checkbox.Group
            options={open.map((l) => ({
              value: l.position,
              label: `${t(`billing.kinds.${l.kind}`)} · ${l.description} · ${money(l.outstandingMinor)}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('billing.waive.reason')}
          rules={[{ required: true, whitespace: true, message: t('billing.waive.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ChargeValues {
  customerId: string;
  title: string;
  dueDate: Dayjs;
  lines: { kind: BillLineKind; description: string; amountMinor: number | null }[];
}

function ChargeModal({ onClose, onIssued }: { onClose: () => void; onIssued: (bill: Bill) => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const problem = useProblemMessage();
  const issue = useIssueCharge();
  const [form] = Form.useForm<ChargeValues>();
  const submit = (values: ChargeValues) => {
    const body: NewCharge = {
      customerId: values.customerId,
      title: values.title.trim(),
      dueDate: businessDate(values.dueDate),
      lines: values.lines.map((l) => ({
        kind: l.kind,
        description: l.description.trim(),
        amountMinor: l.amountMinor ?? 0,
      })),
    };
    issue.mutate(body, {
      onSuccess: (bill) => {
        void message.success(t('billing.charge.done'));
        onClose();
        onIssued(bill);
      },
      onError: (error) => void message.error(problem(error)),
    });
  };
  return (
    <Modal
      open
      width={680}
      title={t('billing.charge.title')}
      okText={t('billing.charge.submit')}
      cancelText={t('billing.cancel')}
      confirmLoading={issue.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ChargeValues>
        form={form}
        name="charge"
        layout="vertical"
        initialValues={{ lines: [{ kind: 'fee', description: '', amountMinor: null }] }}
        onFinish={submit}
        data-testid="charge-form"
      >
        <Form.Item
          name="customerId"
          label={t('billing.filters.customerId')}
          rules={[{ required: true, message: t('billing.charge.required') }]}
        >
          <CustomerPicker width={360} testId="charge-customer" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('billing.columns.title')}
          rules={[{ required: true, whitespace: true, message: t('billing.charge.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('billing.columns.dueDate')}
          rules={[{ required: true, message: t('billing.charge.required') }]}
        >
          <DatePicker style={{ width: 180 }} data-testid="charge-due-date" />
        </Form.Item>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" className="charge-line">
                  <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 120 }}
                      options={KINDS.map((k) => ({ value: k, label: t(`billing.kinds.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'description']}
                    rules={[{ required: true, whitespace: true, message: t('billing.charge.required') }]}
                  >
                    <Input placeholder={t('billing.lines.description')} maxLength={200} style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amountMinor']}
                    rules={[
                      {
                        validator: async (_, v: number | null) => {
                          if (!v || v <= 0) throw new Error(t('billing.charge.amountRequired'));
                        },
                      },
                    ]}
                  >
                    <YuanInput placeholder="0.00" />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                  )}
                </Space>
              ))}
              {fields.length < 20 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'fee', description: '' })}>
                  {t('billing.charge.addLine')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
