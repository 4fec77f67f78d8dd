// What an installment order does when its parcel moves (logistics' events; issue #15): an outbound
// parcel signed for marks the order `delivered` and moves its phone `shipped → with_buyer` in inventory
// (with the customer while repaying; `sold` at pay-off — an order paid off before delivery is `sold` already). Logistics carries the order only as an opaque
// reference (`orderRef`), so an event whose reference is not an installment order — a rental's — finds
// no order here and changes nothing; nor does one for an order in another fulfilment state.
import type { Executor } from '@zulin/db';
import { emitEvent } from '@zulin/db';
import { moveOrderUnit } from '@zulin/inventory';
import type { LogisticsEvents } from '@zulin/logistics';
import { and, eq } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import { installmentOrders } from './schema';

type Payload<K extends keyof typeof LogisticsEvents> = ReturnType<(typeof LogisticsEvents)[K]>;

export async function onParcelDelivered(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock'>,
  p: Payload<'logistics.shipment_delivered'>,
): Promise<'moved' | 'ignored'> {
  if (p.direction !== 'outbound') return 'ignored';
  const deliveredAt = new Date(p.at);
  const now = deps.clock.now();
  const [order] = await tx
    .update(installmentOrders)
    .set({ fulfilment: 'delivered', deliveredAt, updatedAt: now })
    .where(
      and(
        eq(installmentOrders.id, p.orderRef),
        eq(installmentOrders.fulfilment, 'shipped'),
        eq(installmentOrders.waybillNo, p.waybillNo),
      ),
    )
    .returning();
  if (order === undefined) return 'ignored';
  if (order.unitId !== null && order.ownershipTransferredAt === null) {
    await moveOrderUnit(tx, {
      unitId: order.unitId,
      orderRef: order.id,
      step: 'deliver_sale',
      now,
      reason: { code: 'order_deliver_sale', params: { orderRef: order.id } },
    });
  }
  await emitEvent(tx, now, {
    type: 'installment.order_delivered',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: { orderId: order.id, customerId: order.customerId, deliveredAt: deliveredAt.toISOString() },
  });
  return 'moved';
}
