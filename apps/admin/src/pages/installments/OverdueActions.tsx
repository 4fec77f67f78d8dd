// Staff actions on an installment order: the penalty lines the overdue tick booked, each with a
// waiver request (billing's maker–checker: another staff member approves it in the waiver queue), the
// bucket history, and cancelling before shipment (the refund's amount, from and to shown first).
import { App, Button, Card, Input, Modal, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequestWaiver } from '../../bills-api';
import { useMoney, useProblemToast } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type InstallmentOrderDetail,
  useCancelInstallmentOrder,
  useConfirmInstallmentParcelLost,
} from '../../installments-api';

type Detail = InstallmentOrderDetail;
type PenaltyLine = Detail['overdue']['penaltyLines'][number];
type BucketChange = Detail['bucketHistory'][number];

export function PenaltyLines({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = App.useApp();
  const waive = useRequestWaiver();
  const [line, setLine] = useState<PenaltyLine | null>(null);
  const [reason, setReason] = useState('');
  const right = 'right' as const;
  const columns: TableColumnsType<PenaltyLine> = [
    { title: t('installments.detail.columns.period'), dataIndex: 'period', width: 60 },
    { title: t('installments.overdueActions.amount'), dataIndex: 'amountMinor', align: right, render: money },
    { title: t('installments.overdueActions.paid'), dataIndex: 'paidMinor', align: right, render: money },
    { title: t('installments.overdueActions.waived'), dataIndex: 'waivedMinor', align: right, render: money },
    { title: t('installments.overdueActions.owed'), dataIndex: 'outstandingMinor', align: right, render: money },
    {
      key: 'actions',
      render: (_: unknown, row: PenaltyLine) =>
        row.outstandingMinor > 0 ? (
          <Button size="small" onClick={() => setLine(row)} data-testid="penalty-waive">
            {t('installments.overdueActions.askWaiver')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card title={t('installments.overdueActions.penaltyLines')} data-testid="installment-penalty-lines">
      <Table
        rowKey={(r) => `${r.billId}-${r.position}`}
        size="small"
        pagination={false}
        columns={columns}
        dataSource={detail.overdue.penaltyLines}
        locale={{ emptyText: t('installments.overdueActions.noPenalty') }}
      />
      <Modal
        open={line !== null}
        title={t('installments.overdueActions.askWaiver')}
        okButtonProps={{ disabled: reason.trim() === '', loading: waive.isPending }}
        onCancel={() => setLine(null)}
        onOk={() => {
          if (!line) return;
          waive.mutate(
            { id: line.billId, reason: reason.trim(), positions: [line.position] },
            {
              onSuccess: () => {
                message.success(t('installments.overdueActions.waiverAsked'));
                setLine(null);
                setReason('');
              },
              onError: (e) => message.error(String(e)),
            },
          );
        }}
      >
        {line && (
          <Typography.Paragraph data-testid="penalty-waive-confirm">
            {t('installments.overdueActions.waiverConfirm', {
              amount: money(line.outstandingMinor),
              period: line.period,
            })}
          </Typography.Paragraph>
        )}
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('installments.overdueActions.reason')}
          maxLength={500}
        />
      </Modal>
    </Card>
  );
}

export function BucketHistory({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const bucket = (b: string | null) =>
    b === null ? <Tag>{t('installments.detail.current')}</Tag> : <Tag color="red">{b}</Tag>;
  const columns: TableColumnsType<BucketChange> = [
    { title: t('installments.overdueActions.changedOn'), dataIndex: 'changedOn', width: 120 },
    { title: t('installments.overdueActions.from'), dataIndex: 'fromBucket', render: bucket },
    { title: t('installments.overdueActions.to'), dataIndex: 'toBucket', render: bucket },
    { title: t('installments.detail.daysPastDue'), dataIndex: 'daysPastDue', width: 120 },
  ];
  return (
    <Card title={t('installments.overdueActions.bucketHistory')} data-testid="installment-bucket-history">
      <Table
        rowKey="changedOn"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={detail.bucketHistory}
        locale={{ emptyText: t('installments.overdueActions.noBucketChange') }}
      />
    </Card>
  );
}

/** Cancel before shipment: shown while no period is billed; the refund's amount, from and to first. */
export function CancelOrderButton({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = App.useApp();
  const o = detail.order;
  const cancel = useCancelInstallmentOrder(o.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const before =
    o.status === 'pending_review' || o.status === 'awaiting_signature' || o.status === 'awaiting_down_payment';
  const activeUnshipped =
    o.status === 'active' && o.fulfilment === 'awaiting_shipment' && o.bills.every((b) => b.kind === 'down_payment');
  if (!before && !activeUnshipped) return null;
  const down = detail.payments.filter((p) => p.kind === 'down_payment');
  const walletMinor = down.filter((p) => p.method === 'wallet').reduce((s, p) => s + p.amountMinor, 0);
  const channelMinor = down.filter((p) => p.method !== 'wallet').reduce((s, p) => s + p.amountMinor, 0);
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="installment-cancel">
        {t('installments.overdueActions.cancel')}
      </Button>
      <Modal
        open={open}
        title={t('installments.overdueActions.cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: cancel.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          cancel.mutate(reason.trim(), {
            onSuccess: () => {
              message.success(t('installments.overdueActions.cancelled'));
              setOpen(false);
            },
            onError: (e) => message.error(String(e)),
          })
        }
      >
        <Typography.Paragraph data-testid="installment-cancel-confirm">
          {t('installments.overdueActions.refundLine', {
            amount: money(walletMinor + channelMinor),
            wallet: money(walletMinor),
            channel: money(channelMinor),
          })}
        </Typography.Paragraph>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('installments.overdueActions.reason')}
          maxLength={200}
        />
      </Modal>
    </>
  );
}

/**
 * The parcel on its way is lost (the carrier said so): shown while the order is shipped. What follows
 * is said first — the refund's amount, from and to, or that the order goes back to the shipping desk.
 */
export function ParcelLostButton({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { message } = App.useApp();
  const o = detail.order;
  const confirm = useConfirmInstallmentParcelLost(o.id);
  const refused = useProblemToast('installments.overdueActions.problems');
  const mayWrite = useCan('logistics.write');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (o.fulfilment !== 'shipped' || !mayWrite) return null;
  const refunds = o.status === 'active' && o.bills.every((b) => b.kind === 'down_payment');
  const down = detail.payments.filter((p) => p.kind === 'down_payment');
  const walletMinor = down.filter((p) => p.method === 'wallet').reduce((s, p) => s + p.amountMinor, 0);
  const channelMinor = down.filter((p) => p.method !== 'wallet').reduce((s, p) => s + p.amountMinor, 0);
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="installment-parcel-lost">
        {t('installments.overdueActions.parcelLost')}
      </Button>
      <Modal
        open={open}
        title={t('installments.overdueActions.parcelLost')}
        okButtonProps={{
          danger: true,
          disabled: reason.trim().length < 4,
          loading: confirm.isPending,
          ...({ 'data-testid': 'installment-parcel-lost-confirm' } as Record<`data-${string}`, string>),
        }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          confirm.mutate(reason.trim(), {
            onSuccess: (done) => {
              message.success(
                t(
                  done.outcome === 'cancelled'
                    ? 'installments.overdueActions.parcelLostDone'
                    : 'installments.overdueActions.parcelLostToReship',
                ),
              );
              setOpen(false);
            },
            onError: refused,
          })
        }
      >
        <Typography.Paragraph>
          {t('installments.overdueActions.parcelLostIntro', { waybillNo: o.waybillNo ?? '—', imei: o.imei ?? '—' })}
        </Typography.Paragraph>
        <Typography.Paragraph strong data-testid="installment-parcel-lost-outcome">
          {refunds
            ? t('installments.overdueActions.parcelLostRefund', {
                refund: t('installments.overdueActions.refundLine', {
                  amount: money(walletMinor + channelMinor),
                  wallet: money(walletMinor),
                  channel: money(channelMinor),
                }),
              })
            : t('installments.overdueActions.parcelLostReship')}
        </Typography.Paragraph>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('installments.overdueActions.parcelLostReason')}
          maxLength={200}
          data-testid="installment-parcel-lost-reason"
        />
      </Modal>
    </>
  );
}
