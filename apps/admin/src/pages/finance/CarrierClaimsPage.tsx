// Carrier claims at the finance desk (docs/rental.md, "Carrier claims"): what each carrier owes for a
// parcel it lost — an outbound one (出库丢失) or a return it collected (退货丢失) — its payments recorded from the bank statement, and a write-off of the rest
// that a second person decides. Every dialog that moves money says how much, from which account and
// to which, before the button that moves it.
import {
  Alert,
  App as AntdApp,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSystemStatus } from '../../api';
import {
  type CarrierClaim,
  type CarrierClaimDirection,
  type CarrierClaimFilters,
  type CarrierClaimState,
  useCarrierClaim,
  useCarrierClaims,
  useDecideClaimWriteOff,
  useRecordClaimPayment,
  useRequestClaimWriteOff,
} from '../../carrier-claims-api';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { YuanInput } from '../../components/YuanInput';
import { useMoney, useProblemToast } from '../../hooks';
import { useCan, useStaffMe } from '../../identity-api';
import { CARRIERS, CarrierName, carrierNameOf } from '../logistics/shipment-parts';

const STATE_COLOURS: Record<CarrierClaimState, string> = {
  filed: 'orange',
  paid: 'success',
  write_off_requested: 'warning',
  written_off: 'default',
};
const STATES = Object.keys(STATE_COLOURS) as CarrierClaimState[];
const DIRECTION_COLOURS: Record<CarrierClaimDirection, string> = { outbound: 'blue', return: 'purple' };

/** 出库丢失 / 退货丢失: which parcel the carrier lost. */
function DirectionTag({ direction }: { direction: CarrierClaimDirection }) {
  const { t } = useTranslation();
  return (
    <Tag color={DIRECTION_COLOURS[direction]} data-testid={`claim-direction-${direction}`}>
      {t(`returns.claims.directions.${direction}`)}
    </Tag>
  );
}

/** A lost return parcel's order is worked at the returns desk; an outbound one's on the order page. */
const claimOrderPath = (c: Pick<CarrierClaim, 'orderId' | 'direction'>) =>
  c.direction === 'return' ? `/returns/${c.orderId}` : `/orders/${c.orderId}`;
type Action = 'pay' | 'writeOff' | 'decide';

interface FilterValues {
  state?: CarrierClaimState | 'all';
  carrier?: string | 'all';
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The form's values as the list's query: a state, a carrier and the days lost, each when chosen. */
function toFilters(values: FilterValues): CarrierClaimFilters {
  const filters: CarrierClaimFilters = {};
  if (values.state && values.state !== 'all') filters.state = values.state;
  if (values.carrier && values.carrier !== 'all') filters.carrier = values.carrier;
  const [from, to] = values.range ?? [];
  if (from) filters.lostFrom = from.format('YYYY-MM-DD');
  if (to) filters.lostTo = to.format('YYYY-MM-DD');
  return filters;
}
const initialFilters: FilterValues = { state: 'filed', carrier: 'all' };
/** antd's ButtonProps has no `data-*` keys; spread in, they reach the button. */
const testId = (id: string) => ({ 'data-testid': id }) as Record<`data-${string}`, string>;

export function CarrierClaimsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const canWrite = useCan('ledger.write');
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<CarrierClaimFilters>(() => toFilters(initialFilters));
  const claims = useCarrierClaims(filters);
  const rows = claims.data?.pages.flatMap((page) => page.data) ?? [];
  const [acting, setActing] = useState<{ claim: CarrierClaim; action: Action } | null>(null);

  const columns: TableColumnsType<CarrierClaim> = [
    { title: t('returns.claims.columns.lostOn'), dataIndex: 'lostOn', width: 110 },
    {
      title: t('returns.claims.columns.direction'),
      dataIndex: 'direction',
      width: 120,
      render: (d: CarrierClaimDirection) => <DirectionTag direction={d} />,
    },
    {
      title: t('returns.claims.columns.order'),
      key: 'order',
      width: 220,
      render: (_, c) => (
        <Link to={claimOrderPath(c)} data-testid={`claim-order-${c.id}`}>
          {c.customer?.label ?? <Typography.Text className="mono-cell">{c.orderId}</Typography.Text>}
        </Link>
      ),
    },
    {
      title: t('returns.claims.columns.carrier'),
      key: 'carrier',
      width: 220,
      render: (_, c) => (
        <>
          <CarrierName code={c.carrier} /> · <Typography.Text className="mono-cell">{c.waybillNo}</Typography.Text>
        </>
      ),
    },
    {
      title: t('returns.claims.columns.amount'),
      dataIndex: 'amountMinor',
      width: 120,
      render: (a: number) => money(a),
    },
    { title: t('returns.claims.columns.paid'), dataIndex: 'paidMinor', width: 120, render: (a: number) => money(a) },
    {
      title: t('returns.claims.columns.outstanding'),
      dataIndex: 'outstandingMinor',
      width: 120,
      render: (a: number) => <strong>{money(a)}</strong>,
    },
    {
      title: t('returns.claims.columns.state'),
      dataIndex: 'state',
      width: 110,
      render: (s: CarrierClaimState) => <Tag color={STATE_COLOURS[s]}>{t(`returns.lost.claimStates.${s}`)}</Tag>,
    },
    { title: 'IMEI', dataIndex: 'imei', width: 150, render: (imei: string | null) => imei ?? '—' },
    {
      title: t('returns.claims.columns.actions'),
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_, c) =>
        !canWrite ? null : c.state === 'filed' ? (
          <Space size={0}>
            <Button
              size="small"
              type="link"
              data-testid={`claim-pay-${c.id}`}
              onClick={() => setActing({ claim: c, action: 'pay' })}
            >
              {t('returns.claims.pay')}
            </Button>
            <Button
              size="small"
              type="link"
              danger
              data-testid={`claim-write-off-${c.id}`}
              onClick={() => setActing({ claim: c, action: 'writeOff' })}
            >
              {t('returns.claims.writeOff')}
            </Button>
          </Space>
        ) : c.state === 'write_off_requested' ? (
          <Button
            size="small"
            type="link"
            data-testid={`claim-decide-${c.id}`}
            onClick={() => setActing({ claim: c, action: 'decide' })}
          >
            {t('returns.claims.decide')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="page" data-testid="carrier-claims-page">
      <PageHeader title={t('returns.claims.title')} subtitle={t('returns.claims.subtitle')} />
      <Form<FilterValues>
        form={form}
        layout="inline"
        className="search-form"
        initialValues={initialFilters}
        onFinish={(values) => setFilters(toFilters(values))}
        onValuesChange={(_, values) => setFilters(toFilters(values))}
      >
        <Form.Item name="state" label={t('returns.claims.state')}>
          <Select
            style={{ width: 140 }}
            data-testid="claims-state"
            options={[
              { value: 'all', label: t('returns.claims.all') },
              ...STATES.map((s) => ({ value: s, label: t(`returns.lost.claimStates.${s}`) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="carrier" label={t('returns.claims.carrier')}>
          <Select
            style={{ width: 160 }}
            data-testid="claims-carrier"
            options={[
              { value: 'all', label: t('returns.claims.all') },
              ...CARRIERS.map((code) => ({ value: code, label: carrierNameOf(t, code) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="range" label={t('returns.claims.columns.lostOn')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <SearchActions form={form} onReset={() => setFilters(toFilters(initialFilters))} />
      </Form>
      <CursorTable
        query={claims}
        rows={rows}
        columns={columns}
        scrollX={1330}
        empty={t('returns.claims.empty')}
        testId="carrier-claims-table"
      />
      {acting?.action === 'pay' && <PaymentModal claim={acting.claim} onClose={() => setActing(null)} />}
      {acting?.action === 'writeOff' && <WriteOffModal claim={acting.claim} onClose={() => setActing(null)} />}
      {acting?.action === 'decide' && <DecideModal claimId={acting.claim.id} onClose={() => setActing(null)} />}
    </div>
  );
}

/**
 * The claim's carrier, waybill and amount as Descriptions items. A function, not a component: antd's
 * Descriptions reads its items from its direct children, and a component would render as an empty row.
 */
function claimSummary(claim: CarrierClaim, t: TFunction, money: (minor: number) => string) {
  return [
    <Descriptions.Item key="direction" label={t('returns.claims.columns.direction')}>
      {t(`returns.claims.directions.${claim.direction}`)}
    </Descriptions.Item>,
    <Descriptions.Item key="carrier" label={t('returns.claims.columns.carrier')}>
      <CarrierName code={claim.carrier} /> · {claim.waybillNo}
    </Descriptions.Item>,
    <Descriptions.Item key="amount" label={t('returns.claims.columns.amount')}>
      {money(claim.amountMinor)} ({t('returns.claims.columns.paid')} {money(claim.paidMinor)})
    </Descriptions.Item>,
  ];
}

/** What a write-off moves: everything outstanding, from the claims receivable (1400) to write-offs (5200). */
function writeOffMoves(claim: CarrierClaim, t: TFunction, money: (minor: number) => string) {
  return [
    <Descriptions.Item key="moves" label={t('returns.claims.moves')}>
      <strong>{money(claim.outstandingMinor)}</strong>
    </Descriptions.Item>,
    <Descriptions.Item key="from" label={t('returns.claims.from')}>
      {t('returns.claims.fromReceivable')}
    </Descriptions.Item>,
    <Descriptions.Item key="to" label={t('returns.claims.to')}>
      {t('returns.claims.toWriteOffs')}
    </Descriptions.Item>,
  ];
}

/** A carrier's payment: the amount, from the carrier to the bank's clearing account, shown before it is booked. */
function PaymentModal({ claim, onClose }: { claim: CarrierClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const fail = useProblemToast('returns.claims.problems');
  const record = useRecordClaimPayment();
  // Today is the server's business day (Shanghai, or the sandbox clock's), not the browser's: a console
  // west of Shanghai would otherwise offer yesterday, before the day the parcel was lost.
  const businessDate = useSystemStatus().data?.businessDate;
  const [form] = Form.useForm<{ amountMinor: number | null; reference: string; receivedOn: Dayjs }>();
  const amount = Form.useWatch('amountMinor', form) ?? null;
  const valid = amount !== null && amount > 0 && amount <= claim.outstandingMinor;
  const submit = async () => {
    const values = await form.validateFields();
    record.mutate(
      {
        id: claim.id,
        body: {
          amountMinor: values.amountMinor ?? 0,
          reference: values.reference.trim(),
          receivedOn: values.receivedOn.format('YYYY-MM-DD'),
        },
      },
      {
        onSuccess: (done) => {
          void message.success(
            done.claim.state === 'paid'
              ? t('returns.claims.paidInFull')
              : t('returns.claims.paymentRecorded', { outstanding: money(done.claim.outstandingMinor) }),
          );
          onClose();
        },
        onError: fail,
      },
    );
  };
  return (
    <Modal
      open
      title={t('returns.claims.payTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={valid ? t('returns.claims.payOk', { amount: money(amount) }) : t('returns.claims.pay')}
      okButtonProps={{ disabled: !valid, loading: record.isPending, ...testId('claim-pay-ok') }}
      onOk={() => void submit()}
    >
      {businessDate === undefined ? (
        <Spin />
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ amountMinor: claim.outstandingMinor, reference: '', receivedOn: dayjs(businessDate) }}
        >
          <Form.Item
            name="amountMinor"
            label={t('returns.claims.amountPaid', { max: money(claim.outstandingMinor) })}
            rules={[{ required: true }]}
          >
            <YuanInput data-testid="claim-pay-amount" />
          </Form.Item>
          <Form.Item
            name="reference"
            label={t('returns.claims.reference')}
            rules={[{ required: true, whitespace: true, max: 64 }]}
          >
            <Input data-testid="claim-pay-reference" maxLength={64} />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('returns.claims.receivedOn')} rules={[{ required: true }]}>
            <DatePicker
              disabledDate={(day) =>
                day.isAfter(dayjs(businessDate), 'day') || day.isBefore(dayjs(claim.lostOn), 'day')
              }
              allowClear={false}
            />
          </Form.Item>
        </Form>
      )}
      <Descriptions column={1} bordered size="small" data-testid="claim-pay-preview">
        {claimSummary(claim, t, money)}
        <Descriptions.Item label={t('returns.claims.moves')}>
          <strong>{amount === null ? '—' : money(amount)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.claims.from')}>
          {t('returns.claims.fromCarrier')} (<CarrierName code={claim.carrier} />)
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.claims.to')}>{t('returns.claims.toBank')}</Descriptions.Item>
        <Descriptions.Item label={t('returns.claims.after')}>
          {amount === null || !valid
            ? '—'
            : t('returns.claims.outstandingAfter', {
                before: money(claim.outstandingMinor),
                after: money(claim.outstandingMinor - amount),
              })}
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}

/** Asking to write off what is left: the amount, from the receivable to write-offs, and that a second person decides. */
function WriteOffModal({ claim, onClose }: { claim: CarrierClaim; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const fail = useProblemToast('returns.claims.problems');
  const request = useRequestClaimWriteOff();
  const [reason, setReason] = useState('');
  const ok = reason.trim().length >= 2;
  return (
    <Modal
      open
      title={t('returns.claims.writeOffTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('returns.claims.writeOffOk', { amount: money(claim.outstandingMinor) })}
      okButtonProps={{ danger: true, disabled: !ok, loading: request.isPending, ...testId('claim-write-off-ok') }}
      onOk={() =>
        request.mutate(
          { id: claim.id, reason: reason.trim() },
          {
            onSuccess: () => {
              void message.success(t('returns.claims.writeOffRequested'));
              onClose();
            },
            onError: fail,
          },
        )
      }
    >
      <Alert type="warning" showIcon message={t('returns.claims.secondPerson')} style={{ marginBottom: 12 }} />
      <Descriptions column={1} bordered size="small" data-testid="claim-write-off-preview">
        {claimSummary(claim, t, money)}
        {writeOffMoves(claim, t, money)}
      </Descriptions>
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 4 }}>
        {t('returns.claims.reason')}
      </Typography.Paragraph>
      <Input.TextArea
        rows={2}
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid="claim-write-off-reason"
      />
    </Modal>
  );
}

/** The second person's decision, with the amount, from and to, the reason and who asked. */
function DecideModal({ claimId, onClose }: { claimId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const fail = useProblemToast('returns.claims.problems');
  const decide = useDecideClaimWriteOff();
  const me = useStaffMe();
  const detail = useCarrierClaim(claimId);
  const [note, setNote] = useState('');
  const claim = detail.data?.claim;
  const own = claim?.writeOff?.requestedBy !== undefined && claim.writeOff.requestedBy === me.data?.staff.id;
  const act = (decision: 'approve' | 'reject') =>
    decide.mutate(
      { id: claimId, decision, ...(note.trim().length >= 2 ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          void message.success(decision === 'approve' ? t('returns.claims.writtenOff') : t('returns.claims.rejected'));
          onClose();
        },
        onError: fail,
      },
    );
  return (
    <Modal
      open
      title={t('returns.claims.decideTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button
          key="reject"
          loading={decide.isPending}
          disabled={!claim || own}
          onClick={() => act('reject')}
          data-testid="claim-reject"
        >
          {t('returns.claims.reject')}
        </Button>,
        <Button
          key="approve"
          type="primary"
          danger
          loading={decide.isPending}
          disabled={!claim || own}
          onClick={() => act('approve')}
          data-testid="claim-approve"
        >
          {claim
            ? t('returns.claims.approveOk', { amount: money(claim.outstandingMinor) })
            : t('returns.claims.approve')}
        </Button>,
      ]}
    >
      {own && <Alert type="info" showIcon message={t('returns.claims.ownRequest')} style={{ marginBottom: 12 }} />}
      {claim && (
        <Descriptions column={1} bordered size="small" data-testid="claim-decide-preview">
          {claimSummary(claim, t, money)}
          {writeOffMoves(claim, t, money)}
          <Descriptions.Item label={t('returns.claims.reason')}>{claim.writeOff?.reason}</Descriptions.Item>
          <Descriptions.Item label={t('returns.claims.requestedBy')}>
            {claim.writeOff && <NamedId name={claim.writeOff.requestedByName} id={claim.writeOff.requestedBy} />}
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.claims.payments')}>
            {detail.data?.payments.length === 0
              ? t('returns.claims.noPayments')
              : detail.data?.payments.map((p) => (
                  <div key={p.id}>
                    {p.receivedOn} · {money(p.amountMinor)} ·{' '}
                    <Typography.Text className="mono-cell">{p.reference}</Typography.Text>
                  </div>
                ))}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 4 }}>{t('returns.claims.note')}</Typography.Paragraph>
      <Input.TextArea
        rows={2}
        maxLength={200}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="claim-note"
      />
    </Modal>
  );
}
