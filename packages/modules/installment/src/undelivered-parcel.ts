// An installment order's outbound parcel that never reached the customer (docs/installment.md,
// "Undelivered parcels"): it came back — refused at the door or not collected — and the warehouse
// signed for it (logistics.shipment_returned, `onParcelReturned`), or the carrier lost it and the
// desk confirms the loss (`confirmInstallmentParcelLost`, staff). In one transaction:
//   * the phone: back to the warehouse's check (shipped → returning → inspecting, still the order's;
//     inspecting → in_stock frees it), or inventory's `lost`;
//   * an order that can be unwound as before use (active, nothing but its down payment billed —
//     cancel-order.ts's own rule) is cancelled with a full refund of its down payment (fulfilment
//     `returned` or `lost`), and the customer is told the amount;
//   * otherwise (a period was billed, or the order is paid off) nothing of the money is undone here:
//     the order waits at the shipping desk again (fulfilment `awaiting_shipment`) and the customer is
//     told we will send the phone again (docs/installment.md, gaps: cancelling with period refunds);
//   * the event `installment.parcel_undelivered` names the order, the cause and the outcome;
//   * a parcel the carrier lost: the carrier owes us the phone. rental's public `recordLostOutboundParcel`
//     (the rental desk's own step) moves the phone to lost and files a carrier claim (direction
//     `outbound`) — the one claim desk and its one table, worked to its end by finance there — booked at
//     once (carrier claims receivable 1400 Dr / carrier compensation 4500 Cr), whichever the outcome. The amount is rental's one rule (claimValueOf): the
//     phone never reached the customer, so it is worth its cash price, capped at the value declared on
//     the waybill (ship-order.ts declares the same). One claim per parcel (unique by shipment).
// A rental's parcel (another module's order reference) or a second report of the same return finds
// no shipped order with that waybill and changes nothing.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { moveOrderUnit } from '@zulin/inventory';
import {
  confirmShipmentLost,
  type LogisticsEvents,
  type ShipmentRow,
  settleLostShipment,
  shipmentsOfOrder,
} from '@zulin/logistics';
import { notify } from '@zulin/notification';
import { type CarrierClaimRow, recordLostOutboundParcel } from '@zulin/rental';
import { and, eq } from 'drizzle-orm';
import { billedBeyondDownPayment, cancelInstallmentOrder } from './cancel-order';
import { systemCancelReason } from './cancel-reasons';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import { deviceNameOf, type InstallmentOrderRow, loadOrder, orderBills } from './orders';
import { installmentOrders } from './schema';

type Returned = ReturnType<(typeof LogisticsEvents)['logistics.shipment_returned']>;
export type UndeliveredOutcome = 'cancelled' | 'to_reship';

export async function onParcelReturned(
  tx: Executor,
  deps: InstallmentDeps,
  p: Returned,
): Promise<UndeliveredOutcome | 'ignored'> {
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
  if (order.unitId !== null) {
    const reason = { code: 'parcel_returned_undelivered', params: { waybillNo: p.waybillNo } } as const;
    const now = deps.clock.now();
    const move = { unitId: order.unitId, orderRef: order.id, now, reason };
    await moveOrderUnit(tx, { ...move, step: 'start_return' });
    await moveOrderUnit(tx, { ...move, step: 'receive_return' });
  }
  return resolveUndelivered(tx, deps, order, { cause: 'returned', waybillNo: p.waybillNo });
}

/**
 * The desk confirms the order's parcel lost (the carrier said so, or it stopped moving): the parcel
 * ends `lost` (logistics refuses one not with the carrier), its phone inventory's `lost`, and the
 * order is resolved as above; the lost parcel is decided, so it leaves the desk's 丢失处理 list.
 */
export async function confirmInstallmentParcelLost(
  tx: Executor,
  deps: InstallmentDeps,
  options: { orderId: string; reason: string; staff: StaffPrincipal },
): Promise<{
  order: InstallmentOrderRow;
  shipment: ShipmentRow;
  outcome: UndeliveredOutcome;
  claim: CarrierClaimRow;
}> {
  const order = await loadOrder(tx, options.orderId, { lock: true });
  const parcel =
    order.fulfilment === 'shipped'
      ? (await shipmentsOfOrder(tx, order.id)).find(
          (s) => s.direction === 'outbound' && s.waybillNo === order.waybillNo,
        )
      : undefined;
  if (parcel === undefined) {
    throw InstallmentErrors.INSTALLMENT_PARCEL_NOT_SHIPPED({
      detail: `The order is ${order.status}${order.fulfilment ? `, ${order.fulfilment}` : ''}: no parcel is on its way.`,
    });
  }
  const now = deps.clock.now();
  const shipment = await confirmShipmentLost(tx, {
    shipmentId: parcel.id,
    direction: 'outbound',
    reason: options.reason,
    staffId: options.staff.staffId,
    now,
  });
  const { claim, unitId } = await recordLostOutboundParcel(tx, deps, {
    orderId: order.id,
    shipment,
    unitId: order.unitId,
    imei: order.imei,
    marketPriceMinor: order.priceMinor,
    reason: options.reason,
    staff: options.staff,
  });
  const outcome = await resolveUndelivered(tx, deps, order, { cause: 'lost', waybillNo: shipment.waybillNo });
  await settleLostShipment(tx, {
    shipmentId: shipment.id,
    settlement: outcome === 'cancelled' ? 'order_cancelled' : 'reshipped',
    now,
  });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'installment.parcel_lost_confirmed',
    targetType: 'installment_order',
    targetId: order.id,
    detail: {
      shipmentId: shipment.id,
      waybillNo: shipment.waybillNo,
      reason: shipment.lostReason,
      unitId,
      outcome,
      claimId: claim.id,
      claimMinor: claim.amountMinor,
    },
    at: now,
  });
  return { order: await loadOrder(tx, order.id), shipment, outcome, claim };
}

async function resolveUndelivered(
  tx: Executor,
  deps: InstallmentDeps,
  order: InstallmentOrderRow,
  parcel: { cause: 'returned' | 'lost'; waybillNo: string },
): Promise<UndeliveredOutcome> {
  const now = deps.clock.now();
  const deviceName = await deviceNameOf(tx, order.skuId);
  const unwindable = order.status === 'active' && !billedBeyondDownPayment(order, await orderBills(tx, order.id));
  const outcome: UndeliveredOutcome = unwindable ? 'cancelled' : 'to_reship';
  if (outcome === 'cancelled') {
    const cancelled = await cancelInstallmentOrder(tx, deps, {
      orderId: order.id,
      reason: systemCancelReason(parcel.cause === 'lost' ? 'parcel_lost' : 'parcel_returned'),
      by: { undelivered: parcel.cause },
    });
    await notify(tx, deps, {
      customerId: order.customerId,
      category: 'orders',
      template: `installment.parcel_${parcel.cause}_cancelled`,
      params: { deviceName, waybillNo: parcel.waybillNo, refundMinor: cancelled.refundedMinor ?? 0 },
      dedupeKey: `installment.parcel_undelivered:${order.id}`,
    });
  } else {
    await tx
      .update(installmentOrders)
      .set({ fulfilment: 'awaiting_shipment', updatedAt: now })
      .where(eq(installmentOrders.id, order.id));
    await notify(tx, deps, {
      customerId: order.customerId,
      category: 'orders',
      template: `installment.parcel_${parcel.cause}_to_reship`,
      params: { deviceName, waybillNo: parcel.waybillNo },
      dedupeKey: `installment.parcel_undelivered:${order.id}:${parcel.waybillNo}`,
    });
  }
  await emitEvent(tx, now, {
    type: 'installment.parcel_undelivered',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      customerId: order.customerId,
      waybillNo: parcel.waybillNo,
      cause: parcel.cause,
      outcome,
    },
  });
  return outcome;
}
