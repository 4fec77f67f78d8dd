// Loading an order and moving it: `moveOrder` asks the machine (transition-order.ts) whether the
// action is allowed, then writes the new state with the optimistic version, the timeline entry (the
// evidence: who, when, which facts), the audit entry and the outbox event, all in the caller's
// transaction. It is the only code that changes an order's status.
import { type Executor, emitEvent } from '@zulin/db';
import { type AuditActor, recordAudit } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { and, eq, sql } from 'drizzle-orm';
import { RentalErrors } from './errors';
import type { OrderAction, OrderActor, OrderFact } from './order-machine';
import { rentalOrderEvents, rentalOrders } from './schema';
import { transition } from './transition-order';

export type OrderRow = typeof rentalOrders.$inferSelect;

/** Who moves the order: the machine's actor kind, and for audit the principal behind it. */
export interface OrderMover {
  actor: OrderActor;
  audit: AuditActor;
}

export const systemMover: OrderMover = { actor: 'system', audit: { kind: 'system' } };

/**
 * The order, locked for the caller's transaction. With `customerId`, another customer's order is
 * not found (404), never forbidden: its existence is not revealed.
 */
export async function loadOrderForUpdate(
  tx: Executor,
  orderId: string,
  options: { customerId?: string } = {},
): Promise<OrderRow> {
  const conditions = [eq(rentalOrders.id, orderId)];
  if (options.customerId !== undefined) conditions.push(eq(rentalOrders.customerId, options.customerId));
  const [row] = await tx
    .select()
    .from(rentalOrders)
    .where(and(...conditions))
    .for('update');
  if (row === undefined) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  return row;
}

export async function moveOrder(
  tx: Executor,
  options: {
    order: OrderRow;
    action: OrderAction;
    by: OrderMover;
    now: Date;
    facts?: Partial<Record<OrderFact, boolean>>;
    /** Other columns the transition sets (deadlines, dates, ids). */
    set?: Partial<Omit<OrderRow, 'id' | 'status' | 'openAfterSale' | 'version' | 'createdAt' | 'updatedAt'>>;
    /** What else the timeline and audit entry should say (never clear personal data). */
    detail?: Record<string, unknown>;
  },
): Promise<OrderRow> {
  const { order, action, by, now } = options;
  const facts = options.facts ?? {};
  const result = transition(
    { status: order.status, openAfterSale: order.openAfterSale },
    { action, actor: by.actor, facts },
  );
  const [updated] = await tx
    .update(rentalOrders)
    .set({
      ...options.set,
      status: result.to,
      openAfterSale: result.order.openAfterSale,
      version: order.version + 1,
      updatedAt: now,
    })
    .where(and(eq(rentalOrders.id, order.id), eq(rentalOrders.version, order.version)))
    .returning();
  // The row is locked (loadOrderForUpdate) or was just inserted, so the version cannot have moved.
  assert(updated !== undefined, `order ${order.id} changed under its lock`);
  const detail = { ...facts, ...options.detail };
  await tx.insert(rentalOrderEvents).values({
    orderId: order.id,
    seq: sql`(select coalesce(max(${rentalOrderEvents.seq}), 0) + 1 from ${rentalOrderEvents} where ${rentalOrderEvents.orderId} = ${order.id})`,
    action,
    fromStatus: result.from,
    toStatus: result.to,
    actorKind: by.actor,
    actorId: auditActorId(by.audit),
    facts: detail,
    at: now,
  });
  await recordAudit(tx, {
    actor: by.audit,
    action: `rental.order_${action}`,
    targetType: 'rental_order',
    targetId: order.id,
    detail: { from: result.from, to: result.to, ...detail },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'rental.order_transitioned',
    aggregateType: 'rental_order',
    aggregateId: order.id,
    payload: { orderId: order.id, customerId: order.customerId, action, from: result.from, to: result.to },
  });
  return updated;
}

function auditActorId(actor: AuditActor): string | null {
  switch (actor.kind) {
    case 'customer':
      return actor.customerId;
    case 'staff':
      return actor.staffId;
    case 'partner':
      return actor.partnerId;
    default:
      return null;
  }
}
