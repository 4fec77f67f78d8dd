// Pieces the order pages share: the state tag with its colour, keyed by the SDK's union of states.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderState } from '../../orders-api';

export const ORDER_STATE_COLOURS: Record<OrderState, string> = {
  draft: 'default',
  pending_review: 'gold',
  approved: 'blue',
  awaiting_signature: 'orange',
  awaiting_payment: 'orange',
  paid: 'cyan',
  shipped: 'geekblue',
  delivered: 'geekblue',
  active: 'green',
  renewed: 'green',
  return_requested: 'purple',
  returning: 'purple',
  inspecting: 'purple',
  settled: 'lime',
  closed: 'default',
  bought_out: 'lime',
  cancelled: 'default',
  rejected: 'red',
  defaulted: 'red',
};

export function OrderStateTag({ state }: { state: OrderState }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_STATE_COLOURS[state]} data-state={state}>
      {t(`orders.states.${state}`)}
    </Tag>
  );
}
