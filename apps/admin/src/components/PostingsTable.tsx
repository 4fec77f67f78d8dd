// The ledger postings an order, a payment or an installment page shows: when, what kind (a hold is
// not money moved), from which account to which, how much. Accounts are named by their chart code in
// the console's language (the server names them in English).
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useInstantFormatter, useMoney } from '../hooks';
import { useAccountName } from '../pages/finance/chart';
import { KIND_COLORS, type TransferKind } from '../pages/finance/transfer-columns';

export interface PostingRow {
  id: string;
  recordedAt: string;
  amountMinor: number;
  kind?: string;
  /** The transfer's code (`installment.sale`): an identifier finance searches by. */
  code?: string;
  debit: { code: number; name: string };
  credit: { code: number; name: string };
}

/** A posting answered with flat account fields (rental orders, payments). */
export function postingRowOf(p: {
  id: string;
  recordedAt: string;
  amountMinor: number;
  kind: string;
  code?: string;
  debitAccountCode: number;
  debitAccountName: string;
  creditAccountCode: number;
  creditAccountName: string;
}): PostingRow {
  return {
    id: p.id,
    recordedAt: p.recordedAt,
    amountMinor: p.amountMinor,
    kind: p.kind,
    ...(p.code === undefined ? {} : { code: p.code }),
    debit: { code: p.debitAccountCode, name: p.debitAccountName },
    credit: { code: p.creditAccountCode, name: p.creditAccountName },
  };
}

const isKind = (kind: string | undefined): kind is TransferKind => kind !== undefined && kind in KIND_COLORS;

/** An order's, payment's or installment's postings (AccountDetailPage's `PostingsTable` is one account's). */
export function ReferencePostingsTable({
  rows,
  emptyText,
  testId,
}: {
  rows: PostingRow[];
  emptyText: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const accountName = useAccountName();
  const account = (a: PostingRow['debit']) => `${a.code} ${accountName(a)}`;
  const columns: TableColumnsType<PostingRow> = [
    {
      title: t('wallet.transfers.columns.recordedAt'),
      dataIndex: 'recordedAt',
      width: 170,
      render: (at) => format(at),
    },
    // Only where the postings say their kind (installment postings do not).
    ...(rows.some((r) => r.kind !== undefined)
      ? [
          {
            title: t('wallet.transfers.columns.kind'),
            dataIndex: 'kind',
            width: 120,
            render: (kind?: string) =>
              isKind(kind) ? <Tag color={KIND_COLORS[kind]}>{t(`wallet.transfers.kinds.${kind}`)}</Tag> : null,
          },
        ]
      : []),
    ...(rows.some((r) => r.code !== undefined)
      ? [
          {
            title: t('wallet.transfers.columns.code'),
            dataIndex: 'code',
            render: (code?: string) => (code ? <Typography.Text code>{code}</Typography.Text> : null),
          },
        ]
      : []),
    { title: t('wallet.transfers.columns.debit'), dataIndex: 'debit', render: account },
    { title: t('wallet.transfers.columns.credit'), dataIndex: 'credit', render: account },
    {
      title: t('wallet.transfers.columns.amount'),
      dataIndex: 'amountMinor',
      width: 130,
      align: 'right',
      render: (a: number) => money(a),
    },
  ];
  return (
    <Table<PostingRow>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText }}
      data-testid={testId}
    />
  );
}
