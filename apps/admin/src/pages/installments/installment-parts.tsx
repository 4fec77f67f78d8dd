import { keysOf } from '@zulin/web';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { InstallmentOrderStatus } from '../../installments-api';

const STATUS_COLOURS: Record<InstallmentOrderStatus, string> = {
  pending_review: 'gold',
  rejected: 'red',
  awaiting_signature: 'orange',
  awaiting_down_payment: 'orange',
  active: 'blue',
  paid_off: 'green',
  cancelled: 'default',
};

export const STATUSES = keysOf(STATUS_COLOURS);

export function StatusTag({ status, t }: { status: InstallmentOrderStatus; t: TFunction }) {
  return (
    <Tag color={STATUS_COLOURS[status]} data-status={status}>
      {t(`installments.statuses.${status}`)}
    </Tag>
  );
}

export const percent2 = (bps: number) => `${(bps / 100).toFixed(2)}%`;
