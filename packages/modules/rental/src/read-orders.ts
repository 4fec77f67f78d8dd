// Reading orders: a customer's own (another customer's is not found), and the console's list with
// filters. Each view carries what the screens need from the shared machine: the operator state, the
// customer-facing state with its line of copy, and the actions allowed now.
import type { Executor } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { type DepositAuthorisation, getAuthorisation } from '@zulin/payments';
import { and, asc, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { AfterSaleRow } from './after-sales';
import {
  type CustomerAction,
  type CustomerState,
  customerActions,
  customerStateOf,
  customerStateText,
} from './customer-states';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import { type OrderAction, type OrderState, transitionsFrom } from './order-machine';
import type { OrderRow } from './order-store';
import { rentalTimers } from './rental-settings';
import { rentalAfterSales, rentalOrderEvents, rentalOrders } from './schema';
import type { Text } from './text';
import type { RentalTimers } from './timers';

export interface TimelineEntry {
  seq: number;
  action: OrderAction;
  from: OrderState;
  to: OrderState;
  actor: string;
  /** The staff member or customer who acted; null for the system. */
  actorId: string | null;
  at: Date;
  facts: Record<string, unknown>;
}

export interface OrderView {
  order: OrderRow;
  customerState: { state: CustomerState; label: Text; copy: Text };
  customerActions: CustomerAction[];
  /** What operators may do next: the machine's transitions out of this state that staff may take. */
  staffActions: OrderAction[];
  timeline: TimelineEntry[];
  /** The order's after-sale actions (return, buyout, renewal), newest first; single reads only. */
  afterSales: AfterSaleRow[];
  /** The deposit hold and what holds it (a channel or the wallet); single reads only. */
  depositHold?: DepositHoldView | null;
}

export interface DepositHoldView {
  instrument: DepositAuthorisation['channel'];
  state: DepositAuthorisation['state'];
  amountMinor: number;
  capturedMinor: number;
  releasedMinor: number;
}

export function viewOf(
  order: OrderRow,
  timers: RentalTimers,
  timeline: TimelineEntry[],
  afterSales: AfterSaleRow[] = [],
): OrderView {
  const state = customerStateOf[order.status];
  const returnParcelLost = timeline.some((t) => t.action === 'lose_return_parcel');
  return {
    order,
    customerState: {
      state,
      ...customerStateText(state, timers, {
        ...order,
        reshipped: timeline.some((t) => t.action === 'reship'),
        returnParcelLost,
      }),
    },
    // A return lost by the courier has no inspection, so nothing to dispute.
    customerActions: customerActions({
      status: order.status,
      openAfterSale: order.openAfterSale,
      facts: returnParcelLost ? { dispute_window_passed: true } : {},
    }),
    staffActions: [
      ...new Set(
        transitionsFrom(order.status)
          .filter((t) => t.actors.includes('staff'))
          .map((t) => t.action),
      ),
    ],
    timeline,
    afterSales,
  };
}

async function timelineOf(db: Executor, orderId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .select()
    .from(rentalOrderEvents)
    .where(eq(rentalOrderEvents.orderId, orderId))
    .orderBy(asc(rentalOrderEvents.seq))
    .limit(RentalLimits.timelineMax);
  return rows.map((r) => ({
    seq: r.seq,
    action: r.action,
    from: r.fromStatus,
    to: r.toStatus,
    actor: r.actorKind,
    actorId: r.actorId,
    at: r.at,
    facts: r.facts,
  }));
}

/** One order with its timeline; with `customerId`, only that customer's (404 otherwise). */
export async function getOrder(
  db: Executor,
  orderId: string,
  options: { customerId?: string } = {},
): Promise<OrderView> {
  const conditions = [eq(rentalOrders.id, orderId)];
  if (options.customerId !== undefined) conditions.push(eq(rentalOrders.customerId, options.customerId));
  const [order] = await db
    .select()
    .from(rentalOrders)
    .where(and(...conditions));
  if (order === undefined) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  const { value: timers } = await rentalTimers.read(db);
  const afterSales = await db
    .select()
    .from(rentalAfterSales)
    .where(eq(rentalAfterSales.orderId, orderId))
    .orderBy(desc(rentalAfterSales.createdAt), desc(rentalAfterSales.id))
    .limit(RentalLimits.timelineMax);
  const hold = order.depositAuthorisationId === null ? null : await getAuthorisation(db, order.depositAuthorisationId);
  return {
    ...viewOf(order, timers, await timelineOf(db, orderId), afterSales),
    depositHold:
      hold === null
        ? null
        : {
            instrument: hold.channel,
            state: hold.state,
            amountMinor: hold.amountMinor,
            capturedMinor: hold.capturedMinor,
            releasedMinor: hold.releasedMinor,
          },
  };
}

/** Newest first; the customer's own, or (staff) every customer's with filters. */
export async function listOrders(
  db: Executor,
  options: {
    customerId?: string;
    /** Staff filters: any of these customers / SKUs, placed at or after `from` and before `to`. */
    customerIds?: readonly string[];
    status?: OrderState;
    skuId?: string;
    skuIds?: readonly string[];
    from?: Date;
    to?: Date;
    limit?: number;
    cursor?: string;
  },
): Promise<Page<OrderView>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.customerId !== undefined) conditions.push(eq(rentalOrders.customerId, options.customerId));
  if (options.customerIds !== undefined) {
    if (options.customerIds.length === 0) return { data: [], nextCursor: null };
    conditions.push(inArray(rentalOrders.customerId, [...options.customerIds]));
  }
  if (options.status !== undefined) conditions.push(eq(rentalOrders.status, options.status));
  if (options.skuId !== undefined) conditions.push(eq(rentalOrders.skuId, options.skuId));
  if (options.skuIds !== undefined) {
    if (options.skuIds.length === 0) return { data: [], nextCursor: null };
    conditions.push(inArray(rentalOrders.skuId, [...options.skuIds]));
  }
  if (options.from !== undefined) conditions.push(gte(rentalOrders.createdAt, options.from));
  if (options.to !== undefined) conditions.push(lt(rentalOrders.createdAt, options.to));
  if (options.cursor !== undefined) {
    const [at, id] = decodeCursor(options.cursor);
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) throw invalidCursor();
    const after = new Date(at);
    conditions.push(
      or(lt(rentalOrders.createdAt, after), and(eq(rentalOrders.createdAt, after), lt(rentalOrders.id, id))),
    );
  }
  const rows = await db
    .select()
    .from(rentalOrders)
    .where(and(...conditions))
    .orderBy(desc(rentalOrders.createdAt), desc(rentalOrders.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
  const { value: timers } = await rentalTimers.read(db);
  return { data: page.data.map((o) => viewOf(o, timers, [])), nextCursor: page.nextCursor };
}

function invalidCursor() {
  return KernelErrors.VALIDATION_FAILED({
    errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
  });
}
