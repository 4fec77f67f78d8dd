// An installment order's outbound parcel came back undelivered — refused at the door or not collected
// — and was signed for at our warehouse (logistics.shipment_returned; docs/installment.md, "Parcel
// returned"). The customer never had the phone. In the event's transaction:
//   * the phone goes shipped → returning → inspecting in inventory, still the order's: the warehouse
//     checks it and puts it back in stock from the inventory console (inspecting → in_stock frees it);
//   * an order that can be unwound as before use (active, nothing but its down payment billed) is
//     cancelled with a full refund of its down payment through cancel-order.ts (fulfilment `returned`),
//     and the customer is told the amount;
//   * otherwise (a period was billed before the parcel came back, or the order is paid off) nothing of
//     the money is undone here: the order waits at the shipping desk again (fulfilment
//     `awaiting_shipment`), the customer is told we will contact them to deliver again, and the event
//     names the order for a person (docs/installment.md, gaps: cancelling with period refunds).
// A rental's parcel (another module's order reference) or a second report of the same return finds
// no shipped order with that waybill and changes nothing.
import { type Executor, emitEvent } from '@zulin/db';
import { moveOrderUnit } from '@zulin/inventory';
import type { LogisticsEvents } from '@zulin/logistics';
import { notify } from '@zulin/notification';
import { and, eq } from 'drizzle-orm';
import { billedBeyondDownPayment, cancelInstallmentOrder } from './cancel-order';
import type { InstallmentDeps } from './deps';
import { deviceNameOf, type InstallmentOrderRow, orderBills } from './orders';
import { installmentOrders } from './schema';

type Returned = ReturnType<(typeof LogisticsEvents)['logistics.shipment_returned']>;

export async function onParcelReturned(
  tx: Executor,
  deps: InstallmentDeps,
  p: Returned,
): Promise<'cancelled' | 'to_reship' | 'ignored'> {
  if (p.direction !== 'outbound') return 'ignored';
  const [order] = await tx
    .select()
    .from(installmentOrders)
    .where(
      and(
        eq(installmentOrders.id, p.orderRef),
        eq(installmentOrders.fulfilment, 'shipped'),
        eq(installmentOrders.waybillNo, p.waybillNo),
      ),
    )
    .for('update');
  if (order === undefined) return 'ignored';
  const now = deps.clock.now();
  if (order.unitId !== null) {
    const reason = `parcel ${p.waybillNo} came back undelivered to the warehouse`;
    await moveOrderUnit(tx, { unitId: order.unitId, orderRef: order.id, step: 'start_return', now, reason });
    await moveOrderUnit(tx, { unitId: order.unitId, orderRef: order.id, step: 'receive_return', now, reason });
  }
  const deviceName = await deviceNameOf(tx, order.skuId);
  const outcome = (await unwindableAsBeforeUse(tx, order)) ? 'cancelled' : 'to_reship';
  if (outcome === 'cancelled') {
    const cancelled = await cancelInstallmentOrder(tx, deps, {
      orderId: order.id,
      reason: `parcel ${p.waybillNo} returned undelivered`,
      by: { parcelReturned: { waybillNo: p.waybillNo } },
    });
    await notify(tx, deps, {
      customerId: order.customerId,
      category: 'orders',
      template: 'installment.parcel_returned_cancelled',
      params: { deviceName, waybillNo: p.waybillNo, refundMinor: cancelled.refundedMinor ?? 0 },
      dedupeKey: `installment.parcel_returned:${order.id}`,
    });
  } else {
    await tx
      .update(installmentOrders)
      .set({ fulfilment: 'awaiting_shipment', updatedAt: now })
      .where(eq(installmentOrders.id, order.id));
    await notify(tx, deps, {
      customerId: order.customerId,
      category: 'orders',
      template: 'installment.parcel_returned_to_reship',
      params: { deviceName, waybillNo: p.waybillNo },
      dedupeKey: `installment.parcel_returned:${order.id}:${p.waybillNo}`,
    });
  }
  await emitEvent(tx, now, {
    type: 'installment.parcel_returned',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: { orderId: order.id, customerId: order.customerId, waybillNo: p.waybillNo, outcome },
  });
  return outcome;
}

/** Cancel-order.ts's own rule for an order that started: nothing but the down payment was billed. */
async function unwindableAsBeforeUse(tx: Executor, order: InstallmentOrderRow): Promise<boolean> {
  return order.status === 'active' && !billedBeyondDownPayment(order, await orderBills(tx, order.id));
}
