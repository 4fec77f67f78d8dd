// Cancelling a shipped order whose parcel never reached the customer (docs/rental.md, "Refused and lost
// parcels"): the customer never had the phone, so it is DOMAIN §5's cancellation before use, with a
// full refund. One path for both cases (`cancelShippedOrder`), in the caller's transaction: the machine
// (with the refund assumed, so an order elsewhere refunds nothing), the first payment's booking
// reversed and its full refund requested (first-payment.ts, the same as a cancel before shipping), the
// order → cancelled (timeline, audit, event) and the customer told (in-app + SMS, notification).
// * Refused or not collected (`refuse_delivery`, carrier): the parcel is back at the warehouse
//   (logistics.shipment_returned): the phone shipped → returning → inspecting in inventory; staff check
//   it and put it back in stock from the inventory console (inspecting → in_stock frees it).
// * Lost (`cancel_lost`, staff; lost-parcel.ts): the parcel was confirmed lost and no phone is sent
//   instead; the phone is already inventory's `lost`.
// The deposit hold is released after the commit by the release sweep (release-deposits.ts).
import type { Executor } from '@zulin/db';
import type { AuditActor } from '@zulin/identity';
import { moveOrderUnit } from '@zulin/inventory';
import { notify } from '@zulin/notification';
import type { RentalDeps } from './deps';
import { refundFirstPayment } from './first-payment';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { transition } from './transition-order';

// Refused at the door or not collected at the store: the parcel came back either way.
export const refusedCloseReason = 'parcel_returned';
export const lostCloseReason = 'parcel_lost';

type ShippedCancel =
  | { action: 'refuse_delivery'; by: { actor: 'carrier'; audit: AuditActor }; returnedAt: Date }
  | { action: 'cancel_lost'; by: { actor: 'staff'; audit: AuditActor }; reason: string };

/** The one cancel-and-refund path of a shipped order whose parcel did not arrive. */
export async function cancelShippedOrder(
  tx: Executor,
  deps: RentalDeps,
  options: { order: OrderRow; waybillNo: string; detail?: Record<string, unknown> } & ShippedCancel,
): Promise<OrderRow> {
  const now = deps.clock.now();
  const { order } = options;
  const lost = options.action === 'cancel_lost';
  const facts = lost ? { parcel_lost: true } : { unit_received: true };
  transition(
    { status: order.status, openAfterSale: order.openAfterSale },
    { action: options.action, actor: options.by.actor, facts: { ...facts, refund_started: true } },
  );
  const refundId = await refundFirstPayment(tx, deps, order);
  const refundedMinor = refundId === null ? 0 : order.firstPaymentMinor;
  const closeReason = lost ? lostCloseReason : refusedCloseReason;
  const moved = await moveOrder(tx, {
    order,
    action: options.action,
    by: options.by,
    now,
    facts: { ...facts, refund_started: refundId !== null || order.firstPaymentMinor === 0 },
    set: { closedAt: now, closeReason, firstPaymentRefundId: refundId },
    detail: {
      reason: lost ? options.reason : closeReason,
      waybillNo: options.waybillNo,
      ...(lost ? {} : { returnedAt: options.returnedAt.toISOString() }),
      refundedMinor,
      ...(refundId === null ? {} : { refundId }),
      ...options.detail,
    },
  });
  await notify(tx, deps, {
    customerId: order.customerId,
    category: 'orders',
    ...(lost
      ? {
          template: 'rental.parcel_lost_cancelled',
          params: { lostWaybillNo: options.waybillNo, refundMinor: refundedMinor },
        }
      : { template: 'rental.parcel_returned_cancelled', params: { refundMinor: refundedMinor } }),
    dedupeKey: `rental.${closeReason}:${order.id}`,
  });
  return moved;
}

export async function cancelRefusedOrder(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; returnedAt: Date; waybillNo: string },
): Promise<OrderRow> {
  const now = deps.clock.now();
  const order = await loadOrderForUpdate(tx, options.orderId);
  const moved = await cancelShippedOrder(tx, deps, {
    order,
    action: 'refuse_delivery',
    by: { actor: 'carrier', audit: { kind: 'system' } },
    returnedAt: options.returnedAt,
    waybillNo: options.waybillNo,
  });
  if (order.unitId !== null) {
    const reason = { code: 'parcel_refused', params: { waybillNo: options.waybillNo } } as const;
    await moveOrderUnit(tx, {
      unitId: order.unitId,
      orderRef: order.id,
      step: 'start_return',
      now,
      reason,
    });
    await moveOrderUnit(tx, {
      unitId: order.unitId,
      orderRef: order.id,
      step: 'receive_return',
      now,
      reason,
    });
  }
  return moved;
}
