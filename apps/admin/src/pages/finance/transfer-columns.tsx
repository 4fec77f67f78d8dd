import { keysOf } from '@zulin/web';
import { Space, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useInstantFormatter, useMoney } from '../../hooks';
import type { LedgerTransfer } from '../../ledger-api';

export type TransferKind = LedgerTransfer['kind'];

export const KIND_COLORS: Record<TransferKind, string> = {
  posted: 'blue',
  pending: 'gold',
  post_pending: 'green',
  void_pending: 'default',
  expire_pending: 'default',
};
export const TRANSFER_KINDS = keysOf(KIND_COLORS);

/** An amount in its own unit: yuan for CNY, a plain count for points. */
export function useLedgerAmount(): (minor: number, currency: LedgerTransfer['currency']) => string {
  const { i18n } = useTranslation();
  const money = useMoney();
  const points = new Intl.NumberFormat(i18n.language);
  return (minor, currency) => (currency === 'CNY' ? money(minor) : points.format(minor));
}

type Column = TableColumnsType<LedgerTransfer>[number];

/**
 * The columns of a list of ledger transfers. Without `accountId` (the transfer search) both accounts
 * of each transfer are shown; with it (an account's postings) the side that account is on and the
 * other account come first, next to the amount. `renderAccount` draws an account id: a link to its
 * page, or a filter.
 */
export function useTransferColumns(options: {
  renderAccount: (accountId: string) => ReactNode;
  accountId?: string;
}): TableColumnsType<LedgerTransfer> {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const amount = useLedgerAmount();
  const { accountId, renderAccount } = options;

  const recordedAt: Column = {
    title: t('wallet.transfers.columns.recordedAt'),
    dataIndex: 'recordedAt',
    width: 170,
    render: (at: string) => format(at),
  };
  const id: Column = {
    title: t('wallet.transfers.columns.id'),
    dataIndex: 'id',
    width: 330,
    render: (transferId: string, transfer) => (
      <Space direction="vertical" size={0}>
        <Typography.Text className="mono-cell" copyable>
          {transferId}
        </Typography.Text>
        {transfer.reversesId && (
          <Typography.Text type="secondary">
            {t('wallet.transfers.reversal', { id: transfer.reversesId })}
          </Typography.Text>
        )}
      </Space>
    ),
  };
  const kind: Column = {
    title: t('wallet.transfers.columns.kind'),
    dataIndex: 'kind',
    width: 150,
    render: (transferKind: TransferKind, transfer) => (
      <Space size={4} wrap>
        <Tag color={KIND_COLORS[transferKind]}>{t(`wallet.transfers.kinds.${transferKind}`)}</Tag>
        {transfer.pendingStatus && transfer.kind === 'pending' && (
          <Tag>{t(`wallet.transfers.pendingStatuses.${transfer.pendingStatus}`)}</Tag>
        )}
      </Space>
    ),
  };
  const code: Column = {
    title: t('wallet.transfers.columns.code'),
    dataIndex: 'code',
    width: 190,
    render: (transferCode: string) => (
      <Typography.Text code className="nowrap">
        {transferCode}
      </Typography.Text>
    ),
  };
  const amountColumn: Column = {
    title: t('wallet.transfers.columns.amount'),
    dataIndex: 'amountMinor',
    align: 'right',
    width: 130,
    render: (minor: number, transfer) => <span className="nowrap">{amount(minor, transfer.currency)}</span>,
  };
  const reference: Column = {
    title: t('wallet.transfers.columns.reference'),
    dataIndex: 'reference',
    width: 220,
    render: (ref: string | null) => <span className="mono-cell">{ref ?? '—'}</span>,
  };
  const debit: Column = {
    title: t('wallet.transfers.columns.debit'),
    dataIndex: 'debitAccountId',
    width: 260,
    render: renderAccount,
  };
  const credit: Column = { ...debit, title: t('wallet.transfers.columns.credit'), dataIndex: 'creditAccountId' };

  if (accountId === undefined) return [recordedAt, id, kind, code, amountColumn, debit, credit, reference];
  const side: Column = {
    title: t('wallet.transfers.columns.side'),
    key: 'side',
    width: 80,
    render: (_, transfer) =>
      transfer.debitAccountId === accountId ? (
        <Tag color="volcano">{t('wallet.transfers.sides.debit')}</Tag>
      ) : (
        <Tag color="cyan">{t('wallet.transfers.sides.credit')}</Tag>
      ),
  };
  const counterparty: Column = {
    title: t('wallet.customerWallet.counterparty'),
    key: 'counterparty',
    width: 260,
    render: (_, transfer) =>
      renderAccount(transfer.debitAccountId === accountId ? transfer.creditAccountId : transfer.debitAccountId),
  };
  return [recordedAt, code, side, amountColumn, kind, counterparty, reference, id];
}
