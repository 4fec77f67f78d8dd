// The customer's dispute of a graded return at the desk: the reason, and the resolve form — upheld
// (nothing moves) or adjusted (a credit). Before anything moves the form shows, from the server's own
// split (…/dispute/quote), each amount, from where and to where: the unpaid bill waived, the deposit
// capture back to the wallet, a bill payment refunded to its channel; above the refund approval
// threshold it says the money waits for a second person. Once resolved: the outcome, and the
// approval button for a credit awaiting it.
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { useInstantFormatter, useMoney } from '../../hooks';
import {
  type DisputeCreditQuote,
  type DisputeOutcome,
  type RentalInspection,
  useApproveDisputeCredit,
  useDisputeCreditQuote,
  useResolveDispute,
} from '../../returns-api';

type Dispute = NonNullable<RentalInspection['dispute']>;
type Resolution = NonNullable<Dispute['resolution']>;
type Leg = Resolution['refunds'][number];

const OUTCOME_COLOURS = { upheld: 'default', adjusted: 'green' } satisfies Record<DisputeOutcome, string>;
const STATE_COLOURS = { none: 'default', awaiting_approval: 'orange', done: 'success' } satisfies Record<
  Resolution['refundState'],
  string
>;

export function DisputeCard({ orderId, inspection }: { orderId: string; inspection: RentalInspection }) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const dispute = inspection.dispute;
  if (dispute === null) return null;
  return (
    <Card title={t('returns.dispute.title')} style={{ marginTop: 16 }} data-testid="dispute-card">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('returns.dispute.at')}>{format(dispute.at)}</Descriptions.Item>
        <Descriptions.Item label={t('returns.dispute.reason')}>{dispute.reason}</Descriptions.Item>
      </Descriptions>
      {dispute.resolution === null ? (
        <ResolveForm orderId={orderId} inspection={inspection} />
      ) : (
        <ResolutionView orderId={orderId} inspection={inspection} resolution={dispute.resolution} />
      )}
    </Card>
  );
}

function useLegText() {
  const { t } = useTranslation();
  return (leg: Leg, instrument: DisputeCreditQuote['depositInstrument']) => ({
    from:
      leg.from === 'bill_payment'
        ? t('returns.dispute.legFrom.bill_payment')
        : instrument === null
          ? t('returns.dispute.legFromCapture')
          : t('returns.dispute.legFrom.deposit_capture', {
              instrument: t(`returns.dispute.instruments.${instrument}`),
            }),
    to: t(`returns.dispute.legTo.${leg.to}`),
  });
}

/** Each movement of a credit: amount, from, to — the bill waived first, then what is given back. */
function Movements({
  waivedMinor,
  billId,
  legs,
  instrument,
}: {
  waivedMinor: number;
  billId: string | null;
  legs: Leg[];
  instrument: DisputeCreditQuote['depositInstrument'];
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const legText = useLegText();
  const rows = [
    ...(waivedMinor > 0
      ? [
          {
            key: 'waive',
            amountMinor: waivedMinor,
            from: t('returns.dispute.waive'),
            to: t('returns.dispute.billWaived', { bill: billId ?? '' }),
          },
        ]
      : []),
    ...legs.map((leg, i) => ({ key: `leg${i}`, amountMinor: leg.amountMinor, ...legText(leg, instrument) })),
  ];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      data-testid="dispute-movements"
      columns={[
        {
          title: t('returns.dispute.amount'),
          dataIndex: 'amountMinor',
          width: 140,
          align: 'right',
          render: (m: number) => money(m),
        },
        { title: t('returns.dispute.from'), dataIndex: 'from' },
        { title: t('returns.dispute.to'), dataIndex: 'to' },
      ]}
    />
  );
}

function ResolveForm({ orderId, inspection }: { orderId: string; inspection: RentalInspection }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { modal, message } = App.useApp();
  const [outcome, setOutcome] = useState<DisputeOutcome>('upheld');
  const [creditMinor, setCreditMinor] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const quote = useDisputeCreditQuote(orderId, outcome === 'adjusted' ? creditMinor : null);
  const resolve = useResolveDispute();
  const q = quote.data;
  const creditValid =
    creditMinor !== null && Number.isInteger(creditMinor) && creditMinor >= 1 && creditMinor <= inspection.chargeMinor;
  const ready =
    note.trim().length > 0 && (outcome === 'upheld' || (creditValid && q !== undefined && !quote.isFetching));

  const send = () =>
    resolve.mutateAsync(
      {
        id: orderId,
        body:
          outcome === 'upheld'
            ? { outcome, note: note.trim() }
            : { outcome, creditMinor: creditMinor as number, note: note.trim() },
      },
      {
        onSuccess: () => void message.success(t('returns.dispute.resolved')),
        onError: (error) => void message.error(error instanceof ProblemError ? error.problem.title : String(error)),
      },
    );

  const submit = () =>
    modal.confirm({
      title: t('returns.dispute.confirmTitle'),
      width: 620,
      content:
        outcome === 'upheld' || q === undefined ? (
          t('returns.dispute.confirmUpheld')
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>{t('returns.dispute.confirmAdjusted', { amount: money(q.creditMinor) })}</Typography.Text>
            <Movements
              waivedMinor={q.waivedMinor}
              billId={q.billId}
              legs={q.refunds}
              instrument={q.depositInstrument}
            />
            {q.needsApproval && (
              <Alert
                type="warning"
                showIcon
                title={t('returns.dispute.needsApproval', {
                  amount: money(q.creditMinor),
                  threshold: money(q.approvalAboveMinor),
                })}
              />
            )}
          </Space>
        ),
      okButtonProps: { 'data-testid': 'dispute-confirm-ok' } as Record<`data-${string}`, string>,
      onOk: send,
    });

  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="dispute-form">
      <Radio.Group
        value={outcome}
        onChange={(e) => setOutcome(e.target.value as DisputeOutcome)}
        optionType="button"
        options={(['upheld', 'adjusted'] as const).map((o) => ({
          value: o,
          label: <span data-testid={`dispute-outcome-${o}`}>{t(`returns.dispute.outcomes.${o}`)}</span>,
        }))}
      />
      {outcome === 'adjusted' && (
        <Space wrap>
          <Typography.Text>{t('returns.dispute.credit')}</Typography.Text>
          <InputNumber
            data-testid="dispute-credit"
            min={0.01}
            max={inspection.chargeMinor / 100}
            step={1}
            precision={2}
            prefix="¥"
            style={{ width: 180 }}
            value={creditMinor === null ? null : creditMinor / 100}
            onChange={(v) => setCreditMinor(v === null ? null : Math.round(Number(v) * 100))}
          />
          <Typography.Text type="secondary">
            {t('returns.dispute.creditHint', { max: money(inspection.chargeMinor) })}
          </Typography.Text>
        </Space>
      )}
      {outcome === 'upheld' ? (
        <Alert type="info" showIcon title={t('returns.dispute.nothingMoves')} />
      ) : (
        q !== undefined &&
        creditValid && (
          <>
            <Typography.Text strong>{t('returns.dispute.preview')}</Typography.Text>
            <Movements
              waivedMinor={q.waivedMinor}
              billId={q.billId}
              legs={q.refunds}
              instrument={q.depositInstrument}
            />
            {q.needsApproval && (
              <Alert
                type="warning"
                showIcon
                data-testid="dispute-needs-approval"
                title={t('returns.dispute.needsApproval', {
                  amount: money(q.creditMinor),
                  threshold: money(q.approvalAboveMinor),
                })}
              />
            )}
          </>
        )
      )}
      {quote.error && (
        <Alert
          type="error"
          showIcon
          title={quote.error instanceof ProblemError ? (quote.error.problem.detail ?? quote.error.problem.title) : ''}
        />
      )}
      <Input.TextArea
        data-testid="dispute-note"
        rows={2}
        maxLength={500}
        placeholder={t('returns.dispute.notePlaceholder')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button
        type="primary"
        disabled={!ready}
        loading={resolve.isPending}
        onClick={submit}
        data-testid="dispute-resolve"
      >
        {t('returns.dispute.resolve')}
      </Button>
    </Space>
  );
}

function ResolutionView({
  orderId,
  inspection,
  resolution,
}: {
  orderId: string;
  inspection: RentalInspection;
  resolution: Resolution;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const format = useInstantFormatter();
  const { message } = App.useApp();
  const approve = useApproveDisputeCredit();
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="dispute-resolution">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('returns.dispute.outcome')}>
          <Tag color={OUTCOME_COLOURS[resolution.outcome]} data-testid="dispute-outcome">
            {t(`returns.dispute.outcomes.${resolution.outcome}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.dispute.credit')}>{money(resolution.creditMinor)}</Descriptions.Item>
        <Descriptions.Item label={t('returns.dispute.resolvedAt')}>{format(resolution.resolvedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('returns.dispute.waived')}>{money(resolution.waivedMinor)}</Descriptions.Item>
        <Descriptions.Item label={t('returns.dispute.refunded')}>
          <Space>
            {money(resolution.refundMinor)}
            <Tag color={STATE_COLOURS[resolution.refundState]}>
              {t(`returns.dispute.refundStates.${resolution.refundState}`)}
            </Tag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.dispute.note')}>{resolution.note}</Descriptions.Item>
      </Descriptions>
      {resolution.outcome === 'adjusted' && (
        <Movements
          waivedMinor={resolution.waivedMinor}
          billId={inspection.billId}
          legs={resolution.refunds}
          instrument={null}
        />
      )}
      {resolution.refundState === 'awaiting_approval' && (
        <Space direction="vertical">
          <Typography.Text type="secondary">{t('returns.dispute.approveHint')}</Typography.Text>
          <Button
            type="primary"
            loading={approve.isPending}
            data-testid="dispute-approve"
            onClick={() =>
              approve.mutate(orderId, {
                onSuccess: () => void message.success(t('returns.dispute.approved')),
                onError: (error) =>
                  void message.error(error instanceof ProblemError ? error.problem.title : String(error)),
              })
            }
          >
            {t('returns.dispute.approve')}
          </Button>
        </Space>
      )}
    </Space>
  );
}
