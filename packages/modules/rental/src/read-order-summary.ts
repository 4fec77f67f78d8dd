// What the customer's order page shows beside the order itself (issue #14, H5 "my rentals"): the phone
// by name (the order carries only its SKU), its IMEI once it has shipped (a reserved unit is not yet
// the customer's phone, so its IMEI stays unsaid until then), and the term's first and last day of
// rent with the renewals signed, so a renewal shows as a later end date. After an early return the
// term's end is no longer when rent ends: the effective end is the day the courier scanned the
// parcel (rent stops there, DOMAIN §5), or, before the scan, the pick-up day booked.
import { type Condition, getProduct, getSku } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { getUnit } from '@zulin/inventory';
import { today } from '@zulin/kernel';
import { type AutoDebitFailure, autoDebitFailuresOf } from './auto-debit-failures';
import type { RentalDeps } from './deps';
import type { OrderState } from './order-machine';
import { getOrder } from './read-orders';
import { scheduleOf, termEndDate } from './rent-schedule';

/** From shipping on, the unit on the order is the phone in the customer's hands. */
const shippedStates: ReadonlySet<OrderState> = new Set<OrderState>([
  'shipped',
  'delivered',
  'active',
  'renewed',
  'return_requested',
  'returning',
  'inspecting',
  'settled',
  'closed',
  'bought_out',
  'defaulted',
]);

export interface OrderSummary {
  orderId: string;
  product: {
    productId: string;
    brand: string;
    brandNameZh: string;
    model: string;
    storageLabel: string;
    colour: string;
    condition: Condition;
    conditionLabel: string;
    imageUrl: string | null;
  };
  imei: string | null;
  term: { unit: 'month' | 'day'; count: number; renewedCount: number };
  startDate: string | null;
  endDate: string | null;
  /** When rent ends in fact, when that is not `endDate`: a return picked up or booked. */
  effectiveEnd: { date: string; basis: EffectiveEndBasis } | null;
  /** Unpaid rent bills whose newest auto-debit attempt the channel refused, and when it is retried. */
  autoDebitFailures: AutoDebitFailure[];
}

export type EffectiveEndBasis = 'return_scanned' | 'pickup_booked';

/** The newest return not abandoned: its scan day, else its booked pick-up day. */
export function effectiveEndOf(
  afterSales: readonly { kind: string; status: string; detail: Record<string, unknown> }[],
): OrderSummary['effectiveEnd'] {
  const ret = afterSales.find((a) => a.kind === 'return' && a.status !== 'abandoned');
  if (ret === undefined) return null;
  const stopped = ret.detail.rentStoppedOn;
  if (typeof stopped === 'string') return { date: stopped, basis: 'return_scanned' };
  const pickup = ret.detail.pickup as { date?: unknown } | undefined;
  if (typeof pickup?.date === 'string') return { date: pickup.date, basis: 'pickup_booked' };
  return null;
}

export async function readOrderSummary(
  db: Executor,
  deps: Pick<RentalDeps, 'clock' | 'timeZone'>,
  options: { orderId: string; customerId: string },
): Promise<OrderSummary> {
  // The customer's own order, or RENTAL_ORDER_NOT_FOUND.
  const { order, afterSales } = await getOrder(db, options.orderId, { customerId: options.customerId });
  const sku = await getSku(db, { skuId: order.skuId, audience: 'staff' });
  const product = await getProduct(db, { productId: sku.productId, audience: 'staff' });
  const unit =
    order.unitId !== null && shippedStates.has(order.status)
      ? await getUnit(db, { unitId: order.unitId, today: today(deps.clock, deps.timeZone) })
      : null;
  const schedule = scheduleOf(order);
  return {
    orderId: order.id,
    product: {
      productId: product.id,
      brand: product.brandName,
      brandNameZh: product.brandNameZh,
      model: product.model,
      storageLabel: sku.storageLabel,
      colour: sku.colour,
      condition: sku.condition,
      conditionLabel: sku.conditionLabel,
      imageUrl: product.images[0]?.url ?? null,
    },
    imei: unit?.imei ?? null,
    term: {
      unit: order.plan.termUnit,
      count: order.plan.termCount,
      renewedCount: order.renewals.reduce((sum, r) => sum + r.count, 0),
    },
    startDate: order.rentStartDate,
    endDate: schedule.length > 0 ? termEndDate(schedule) : null,
    // afterSales are newest first.
    effectiveEnd: order.status === 'bought_out' ? null : effectiveEndOf(afterSales),
    autoDebitFailures: await autoDebitFailuresOf(db, deps, options),
  };
}
