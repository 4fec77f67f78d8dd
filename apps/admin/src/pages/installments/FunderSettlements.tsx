// Settlements with one funder (资金方结算): what a run would pay now (amount, period, from its payable
// 2210, to the bank clearing account), running it with the bank reference after a confirmation naming
// amount, from and to (ledger.write), and the settlements so far — one held for approval is approved or
// rejected by a second staff member (the server refuses the maker).
import { App as AntdApp, Button, Descriptions, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import {
  type Funder,
  type FunderSettlement,
  type SettlementStatus,
  useDecideSettlement,
  useFunderSettlements,
  useSettleFunder,
} from '../../funders-api';
import { useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { useAccountName } from '../finance/chart';

const STATUS_COLOURS: Record<SettlementStatus, string> = {
  pending_approval: 'gold',
  paid: 'green',
  rejected: 'default',
};

export function FunderSettlements({ funder, onClose }: { funder: Funder; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const money = useMoney();
  const accountName = useAccountName();
  const canWrite = useCan('ledger.write');
  const { preview, list } = useFunderSettlements(funder.id);
  const settle = useSettleFunder(funder.id);
  const decide = useDecideSettlement();
  const [bankReference, setBankReference] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [rejecting, setRejecting] = useState<FunderSettlement | null>(null);
  const [reason, setReason] = useState('');
  const problem = (error: unknown) => (error instanceof ProblemError ? error.problem.title : t('status.networkError'));
  const p = preview.data;
  const needsApproval = p !== undefined && p.amountMinor > p.approvalAboveMinor;
  const columns = [
    { title: t('funders.settlements.columns.id'), dataIndex: 'id', render: (id: string) => <code>{id}</code> },
    {
      title: t('funders.settlements.columns.period'),
      key: 'period',
      render: (_: unknown, r: FunderSettlement) => `${r.periodFrom} ~ ${r.periodTo}`,
    },
    {
      title: t('funders.settlements.columns.amount'),
      dataIndex: 'amountMinor',
      align: 'right' as const,
      render: money,
    },
    {
      title: t('funders.settlements.columns.bankReference'),
      dataIndex: 'bankReference',
      render: (v: string) => <code>{v}</code>,
    },
    {
      title: t('funders.settlements.columns.status'),
      dataIndex: 'status',
      render: (s: SettlementStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`funders.settlements.status.${s}`)}</Tag>,
    },
    { title: t('funders.settlements.columns.paidOn'), dataIndex: 'paidOn', render: (v: string | null) => v ?? '—' },
    {
      key: 'actions',
      render: (_: unknown, r: FunderSettlement) =>
        canWrite &&
        r.status === 'pending_approval' && (
          <Space>
            <Button
              size="small"
              type="primary"
              loading={decide.isPending}
              data-testid={`approve-${r.id}`}
              onClick={() =>
                decide.mutate(
                  { id: r.id, approve: true },
                  {
                    onSuccess: () => void message.success(t('funders.settlements.approved')),
                    onError: (error) => void message.error(problem(error)),
                  },
                )
              }
            >
              {t('funders.settlements.approve')}
            </Button>
            <Button size="small" danger onClick={() => setRejecting(r)}>
              {t('funders.settlements.reject')}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <Modal
      open
      width={960}
      title={`${t('funders.settlements.title')} · ${funder.name}`}
      footer={null}
      onCancel={onClose}
      data-testid="funder-settlements"
    >
      {preview.error && <QueryErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />}
      {p && (
        <Descriptions column={2} size="small" bordered data-testid="settlement-preview">
          <Descriptions.Item label={t('funders.settlements.owed')}>{money(p.amountMinor)}</Descriptions.Item>
          <Descriptions.Item label={t('funders.settlements.period')}>
            {p.periodFrom} ~ {p.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label={t('funders.settlements.from')}>
            <code>{p.from.code}</code> {accountName(p.from)}
          </Descriptions.Item>
          <Descriptions.Item label={t('funders.settlements.to')}>
            <code>{p.to.code}</code> {accountName(p.to)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {p && canWrite && (
        <Space style={{ marginTop: 12 }} wrap>
          <Input
            placeholder={t('funders.settlements.bankReference')}
            value={bankReference}
            maxLength={64}
            onChange={(e) => setBankReference(e.target.value)}
            style={{ width: 280 }}
            data-testid="settlement-bank-reference"
          />
          <Button
            type="primary"
            disabled={p.amountMinor <= 0 || p.pendingSettlementId !== null || bankReference.trim() === ''}
            onClick={() => setConfirming(true)}
          >
            {t('funders.settlements.run')}
          </Button>
          {p.pendingSettlementId !== null && (
            <Typography.Text type="warning">{t('funders.settlements.pendingHint')}</Typography.Text>
          )}
          {p.amountMinor <= 0 && p.pendingSettlementId === null && (
            <Typography.Text type="secondary">{t('funders.settlements.nothingOwed')}</Typography.Text>
          )}
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('funders.settlements.history')}
      </Typography.Title>
      {list.error && <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table<FunderSettlement>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        data-testid="settlement-list"
      />
      <Modal
        open={confirming && p !== undefined}
        title={t('funders.settlements.confirmTitle')}
        okText={t('funders.settlements.confirmOk')}
        confirmLoading={settle.isPending}
        onCancel={() => setConfirming(false)}
        onOk={() => {
          if (!p) return;
          settle.mutate(
            { amountMinor: p.amountMinor, bankReference: bankReference.trim() },
            {
              onSuccess: (s) => {
                message.success(
                  s.status === 'paid' ? t('funders.settlements.paid') : t('funders.settlements.awaitingApproval'),
                );
                setConfirming(false);
                setBankReference('');
              },
              onError: (error) => void message.error(problem(error)),
            },
          );
        }}
      >
        {p && (
          <Descriptions column={1} size="small" data-testid="settlement-confirm">
            <Descriptions.Item label={t('funders.settlements.amount')}>{money(p.amountMinor)}</Descriptions.Item>
            <Descriptions.Item label={t('funders.settlements.from')}>
              {funder.name} · <code>{p.from.code}</code> {accountName(p.from)}
            </Descriptions.Item>
            <Descriptions.Item label={t('funders.settlements.to')}>
              {funder.name} · <code>{p.to.code}</code> {accountName(p.to)}
            </Descriptions.Item>
            <Descriptions.Item label={t('funders.settlements.period')}>
              {p.periodFrom} ~ {p.periodTo}
            </Descriptions.Item>
            <Descriptions.Item label={t('funders.settlements.bankReference')}>
              <code>{bankReference.trim()}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('funders.settlements.approval')}>
              {needsApproval
                ? t('funders.settlements.needsApproval', { threshold: money(p.approvalAboveMinor) })
                : t('funders.settlements.paidAtOnce')}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
      <Modal
        open={rejecting !== null}
        title={t('funders.settlements.rejectTitle')}
        okText={t('funders.settlements.reject')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        confirmLoading={decide.isPending}
        onCancel={() => setRejecting(null)}
        onOk={() => {
          if (!rejecting) return;
          decide.mutate(
            { id: rejecting.id, approve: false, reason: reason.trim() },
            {
              onSuccess: () => {
                message.success(t('funders.settlements.rejected'));
                setRejecting(null);
                setReason('');
              },
              onError: (error) => void message.error(problem(error)),
            },
          );
        }}
      >
        <Input.TextArea
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('funders.settlements.reason')}
        />
      </Modal>
    </Modal>
  );
}
