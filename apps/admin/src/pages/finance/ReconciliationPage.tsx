import { App as AntdApp, Button, Card, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type MismatchKind,
  type PaymentChannel,
  type ReconciliationRun,
  useReconciliationRuns,
  useRunReconciliation,
} from '../../payments-api';

type Mismatch = ReconciliationRun['mismatches'][number];
const KIND_COLORS: Record<MismatchKind, string> = {
  missing_ours: 'warning',
  missing_theirs: 'error',
  amount_differs: 'error',
};
const CHANNELS: Record<PaymentChannel, true> = { alipay: true, wechatpay: true };

export function ReconciliationPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const canRun = useCan('ledger.write');
  const runs = useReconciliationRuns();
  const run = useRunReconciliation();
  const [channel, setChannel] = useState<PaymentChannel>('wechatpay');
  const rows = runs.data?.pages.flatMap((page) => page.data) ?? [];

  const columns: TableColumnsType<ReconciliationRun> = [
    { title: t('payments.reconciliation.columns.date'), dataIndex: 'businessDate', width: 120 },
    {
      title: t('payments.reconciliation.columns.channel'),
      dataIndex: 'channel',
      width: 110,
      render: (c: PaymentChannel) => t(`payments.channels.${c}`),
    },
    {
      title: t('payments.reconciliation.columns.statement'),
      key: 'statement',
      width: 180,
      render: (_, r) => `${r.statementCount} / ${money(r.statementTotalMinor)}`,
    },
    {
      title: t('payments.reconciliation.columns.ours'),
      key: 'ours',
      width: 180,
      render: (_, r) => `${r.ourCount} / ${money(r.ourTotalMinor)}`,
    },
    { title: t('payments.reconciliation.columns.matched'), dataIndex: 'matchedCount', width: 90 },
    {
      title: t('payments.reconciliation.columns.mismatches'),
      dataIndex: 'mismatchCount',
      width: 90,
      render: (n: number) => <Tag color={n > 0 ? 'error' : 'success'}>{n}</Tag>,
    },
    {
      title: t('payments.reconciliation.columns.fees'),
      dataIndex: 'feeTotalMinor',
      width: 110,
      render: (a: number) => money(a),
    },
    {
      title: t('payments.reconciliation.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 180,
      render: (at) => format(at),
    },
  ];
  const mismatchColumns: TableColumnsType<Mismatch> = [
    {
      title: t('payments.reconciliation.mismatch.kind'),
      dataIndex: 'kind',
      render: (k: MismatchKind) => <Tag color={KIND_COLORS[k]}>{t(`payments.reconciliation.kinds.${k}`)}</Tag>,
    },
    { title: t('payments.reconciliation.mismatch.outTradeNo'), dataIndex: 'outTradeNo' },
    {
      title: t('payments.reconciliation.mismatch.ours'),
      dataIndex: 'ourAmountMinor',
      render: (a: number | null) => (a === null ? '—' : money(a)),
    },
    {
      title: t('payments.reconciliation.mismatch.theirs'),
      dataIndex: 'theirAmountMinor',
      render: (a: number | null) => (a === null ? '—' : money(a)),
    },
    {
      title: t('payments.reconciliation.mismatch.resolution'),
      dataIndex: 'resolution',
      render: (r: Mismatch['resolution']) => t(`payments.reconciliation.resolutions.${r}`),
    },
  ];

  return (
    <div className="page" data-testid="reconciliation-page">
      <PageHeader title={t('payments.reconciliation.title')} subtitle={t('payments.reconciliation.subtitle')} />
      {canRun && (
        <Card>
          <Space>
            <span>{t('payments.reconciliation.channel')}</span>
            <Select
              style={{ width: 140 }}
              value={channel}
              onChange={setChannel}
              options={(Object.keys(CHANNELS) as PaymentChannel[]).map((c) => ({
                value: c,
                label: t(`payments.channels.${c}`),
              }))}
            />
            <Button
              type="primary"
              loading={run.isPending}
              onClick={() =>
                run.mutate(
                  { channel },
                  {
                    onSuccess: () => void message.success(t('payments.reconciliation.ran')),
                    onError: (error) =>
                      void message.error(
                        error instanceof ProblemError
                          ? t(`payments.reconciliation.problems.${error.problem.code}`, {
                              defaultValue: error.problem.title,
                            })
                          : t('status.networkError'),
                      ),
                  },
                )
              }
            >
              {t('payments.reconciliation.run')}
            </Button>
          </Space>
        </Card>
      )}
      <Card>
        <CursorTable
          query={runs}
          rows={rows}
          columns={columns}
          scrollX={1100}
          empty={t('payments.reconciliation.empty')}
          testId="reconciliation-table"
          expandable={{
            rowExpandable: (r: ReconciliationRun) => r.mismatches.length > 0,
            expandedRowRender: (r: ReconciliationRun) => (
              <Table<Mismatch>
                rowKey="id"
                size="small"
                pagination={false}
                columns={mismatchColumns}
                dataSource={r.mismatches}
              />
            ),
          }}
        />
      </Card>
    </div>
  );
}
