// An order whose credit decision opened a review case waits in `pending_review` (customer state
// `reviewing`) until risk closes the case (`risk.review_case_closed`):
//  * rejected → `rejected` (close reason `review_rejected`), its phone back in stock;
//  * approved → the reviewer's waiver replaces the decision's (deposit to hold = deposit − waiver),
//    the phone is held for the order without lapse (its 4 h review reservation confirmed, or, when it
//    lapsed meanwhile, another phone of the model reserved), `approved`, and the contract drafted —
//    `awaiting_signature`, as an order approved at once. No phone of the model left: `cancelled`
//    (close reason `out_of_stock_after_review`), nothing charged (nothing was paid yet).
// A case of another purpose, an appeal, or an order no longer waiting for this decision is ignored.
import type { Executor } from '@zulin/db';
import { confirmReservation, InventoryErrors, reserveUnit } from '@zulin/inventory';
import { AppError } from '@zulin/kernel';
import { returnCoupons } from '@zulin/marketing';
import { eq } from 'drizzle-orm';
import { releaseUnitOf } from './cancel-order';
import type { RentalDeps } from './deps';
import { draftOrderContract } from './draft-order-contract';
import { RentalLimits } from './limits';
import { moveOrder, type OrderRow, systemMover } from './order-store';
import { rentalOrders } from './schema';

export interface ReviewCaseClosed {
  caseId: string;
  decisionId: string;
  purpose: string;
  reference: string | null;
  origin: 'decision' | 'appeal';
  resolution: 'approve' | 'reject';
  depositWaivedMinor: number;
}

export async function onReviewCaseClosed(
  tx: Executor,
  deps: RentalDeps,
  payload: ReviewCaseClosed,
): Promise<'approved' | 'rejected' | 'cancelled' | 'skipped'> {
  if (payload.purpose !== 'rental' || payload.origin !== 'decision' || payload.reference === null) return 'skipped';
  const [order] = await tx.select().from(rentalOrders).where(eq(rentalOrders.id, payload.reference)).for('update');
  if (order === undefined || order.status !== 'pending_review' || order.decisionId !== payload.decisionId) {
    return 'skipped';
  }
  const now = deps.clock.now();
  const detail = { caseId: payload.caseId, decisionId: payload.decisionId };
  if (payload.resolution === 'reject') {
    await moveOrder(tx, {
      order,
      action: 'reject',
      by: systemMover,
      now,
      set: { closedAt: now, closeReason: 'review_rejected' },
      detail,
    });
    await releaseUnitOf(tx, order, now, 'order_rejected_on_review');
    await returnCoupons(tx, now, { orderId: order.id });
    return 'rejected';
  }
  const unitId = await holdUnit(tx, order, now);
  if (unitId === null) {
    await moveOrder(tx, {
      order,
      action: 'cancel',
      by: systemMover,
      now,
      set: { closedAt: now, closeReason: 'out_of_stock_after_review', unitId: null },
      detail: { ...detail, reason: 'out_of_stock_after_review' },
    });
    return 'cancelled';
  }
  const depositWaivedMinor = Math.min(Math.max(0, payload.depositWaivedMinor), order.depositMinor);
  const depositToHoldMinor = order.depositMinor - depositWaivedMinor;
  const approved = await moveOrder(tx, {
    order,
    action: 'approve',
    by: systemMover,
    now,
    facts: { decision_approved: true },
    set: {
      unitId,
      depositWaivedMinor,
      depositToHoldMinor,
      quote: { ...order.quote, depositWaivedMinor, depositToHoldMinor },
    },
    detail: { ...detail, depositWaivedMinor, unitId },
  });
  await draftOrderContract(tx, deps, approved);
  return 'approved';
}

/** The order's phone, held without lapse: its review reservation, or another of the model. */
async function holdUnit(tx: Executor, order: OrderRow, now: Date): Promise<string | null> {
  if (order.unitId !== null) {
    try {
      await confirmReservation(tx, { unitId: order.unitId, orderRef: order.id, now });
      return order.unitId;
    } catch (error) {
      // Lapsed (inventory's sweep released it), and maybe reserved by someone else since.
      if (!(error instanceof AppError)) throw error;
    }
  }
  try {
    const unit = await reserveUnit(tx, {
      skuId: order.skuId,
      orderRef: order.id,
      now,
      ttlMs: RentalLimits.reviewReservationMs,
    });
    await confirmReservation(tx, { unitId: unit.unitId, orderRef: order.id, now });
    return unit.unitId;
  } catch (error) {
    if (error instanceof AppError && error.code === InventoryErrors.INVENTORY_UNIT_UNAVAILABLE.code) return null;
    throw error;
  }
}
