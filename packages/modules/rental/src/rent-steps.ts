// From payment to rent (DOMAIN §5): the payment is recorded (payments' hook once that module lands),
// the phone ships with its unit and waybill, the delivery is signed for, and the next day the rent
// starts. Each step is a transition of the machine, with the unit moved in inventory in the same
// transaction.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { moveOrderUnit } from '@zulin/inventory';
import { businessDateOf } from '@zulin/kernel';
import type { RentalDeps } from './deps';
import { loadOrderForUpdate, moveOrder, type OrderRow, systemMover } from './order-store';
import { rentStartDate } from './rent-schedule';

/** awaiting_payment → paid: the first payment received and the deposit part not waived authorised. */
export async function recordPayment(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; paymentId: string; paidMinor: number; depositAuthorisedMinor: number },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const now = deps.clock.now();
  return moveOrder(tx, {
    order,
    action: 'pay',
    by: systemMover,
    now,
    facts: {
      first_payment_received: options.paidMinor === order.firstPaymentMinor,
      deposit_authorised: options.depositAuthorisedMinor === order.depositToHoldMinor,
    },
    set: { paidAt: now },
    detail: { paymentId: options.paymentId, paidMinor: options.paidMinor },
  });
}

/** paid → shipped: the reserved unit leaves with a waybill. */
export async function shipOrder(
  tx: Executor,
  deps: RentalDeps,
  options: {
    orderId: string;
    waybillNo: string;
    carrier: string;
    staff: StaffPrincipal;
    detail?: Record<string, unknown>;
  },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const now = deps.clock.now();
  const moved = await moveOrder(tx, {
    order,
    action: 'ship',
    by: { actor: 'staff', audit: options.staff },
    now,
    facts: { unit_allocated: order.unitId !== null, waybill_created: options.waybillNo.length > 0 },
    detail: { waybillNo: options.waybillNo, carrier: options.carrier, ...options.detail },
  });
  if (order.unitId !== null) await moveOrderUnit(tx, { unitId: order.unitId, orderRef: order.id, step: 'ship', now });
  return moved;
}

/** shipped → delivered: signed for at `signedAt`; the rent starts the next business day. */
export async function recordDelivery(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; signedAt: Date },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const deliveredOn = businessDateOf(options.signedAt, deps.timeZone);
  const moved = await moveOrder(tx, {
    order,
    action: 'deliver',
    by: { actor: 'carrier', audit: { kind: 'system' } },
    now: deps.clock.now(),
    facts: { delivery_signed: true },
    set: { deliveredOn, rentStartDate: rentStartDate(deliveredOn) },
    detail: { signedAt: options.signedAt.toISOString(), deliveredOn },
  });
  if (order.unitId !== null) {
    await moveOrderUnit(tx, { unitId: order.unitId, orderRef: order.id, step: 'deliver', now: deps.clock.now() });
  }
  return moved;
}
