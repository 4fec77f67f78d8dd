// A person resolves a customer's dispute of a graded return inspection (DOMAIN §5, docs/rental.md
// "Disputes"): `upheld` — the charge stands and nothing moves — or `adjusted` — the customer is owed
// `creditMinor` (1 分 up to the charge). In ONE transaction with the outcome, the credit comes back in
// this order (disputeCreditPlan):
//   1. what is still unpaid of the inspection's bill is waived, up to the credit (billing's waiveBill
//      with an amount: receivables → fee revenue reversed);
//   2. the rest is given back: first what was captured from the deposit hold — to the customer's
//      wallet through the ledger (fee revenue → wallet; payments refunds only payment orders, and a
//      hold's capture is none), then what was paid on the bill through a channel — payments'
//      `requestRefund` on that payment (fee revenue → receivables now, receivables → clearing when the
//      channel confirms), newest payment first — then what was paid on the bill from the wallet,
//      back to the wallet.
// An adjustment above payments' refund approval threshold (the one setting for every refund staff
// make) — the whole credit, what is waived (a write-off) and what is given back — waits for a second
// staff member (approve-dispute-credit.ts, which plans it again on the money as it is then), as the
// wallet's dispute refunds do; nothing is booked until then. The outcome is audited,
// announced (`rental.inspection_dispute_resolved`: support resolves its complaint ticket) and the
// customer told. Invariant after the outcome (docs/rental.md): charge = captured + billed still holds,
// and charge − credit = (captured − given back from the capture) + (billed − waived − given back from
// bill payments).
import { getBill, waiveBill } from '@zulin/billing';
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, sumMinor } from '@zulin/kernel';
import { createTransfers, customerAccount, platformAccount } from '@zulin/ledger';
import { notify } from '@zulin/notification';
import { type PaymentOrder, paymentsOfReferences, readPaymentsSettings, requestRefund } from '@zulin/payments';
import { eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { type InspectionRow, inspectionOfOrder, lockInspection } from './inspections';
import { RentalLimits } from './limits';
import { loadOrderForUpdate, type OrderRow } from './order-store';
import { type DisputeOutcome, type DisputeRefundLeg, rentalInspections } from './schema';

/** What the money of an inspection's charge is now, as the plan needs it. */
export interface DisputeMoney {
  chargeMinor: number;
  /** Captured from the deposit hold (inspection.capturedMinor). */
  capturedMinor: number;
  /** The inspection bill: still unpaid, and paid. */
  billUnpaidMinor: number;
  billPaidMinor: number;
  /** Channel payments of the bill, newest first, with what each may still refund. */
  billChannelPayments: { paymentId: string; channel: 'alipay' | 'wechatpay'; refundableMinor: number }[];
}

/**
 * Splits a credit: waive the unpaid bill first, then give back the capture (to the wallet), the
 * channel payments of the bill (refunds), the bill's wallet payments (to the wallet). Refuses a credit
 * outside 1 … the charge, or more than can come back (a bill waived by hand before).
 */
export function disputeCreditPlan(
  money: DisputeMoney,
  creditMinor: number,
): { waivedMinor: number; legs: DisputeRefundLeg[] } {
  if (!Number.isSafeInteger(creditMinor) || creditMinor < 1 || creditMinor > money.chargeMinor) {
    throw RentalErrors.RENTAL_DISPUTE_RESOLUTION_INVALID({
      detail: `The credit is 1 to ${money.chargeMinor} fen (the inspection's charge).`,
      errors: [{ path: '/body/creditMinor', message: `1–${money.chargeMinor}` }],
    });
  }
  const channelPaid = sumMinor(money.billChannelPayments.map((p) => p.refundableMinor));
  const walletPaid = Math.max(0, money.billPaidMinor - channelPaid);
  const available = money.billUnpaidMinor + money.capturedMinor + channelPaid + walletPaid;
  if (creditMinor > available) {
    throw RentalErrors.RENTAL_DISPUTE_RESOLUTION_INVALID({
      detail: `Only ${available} fen of the charge can still be waived or given back.`,
      errors: [{ path: '/body/creditMinor', message: `at most ${available}` }],
    });
  }
  let left = creditMinor;
  const take = (most: number) => {
    const n = Math.min(left, most);
    left -= n;
    return n;
  };
  const waivedMinor = take(money.billUnpaidMinor);
  const legs: DisputeRefundLeg[] = [];
  const fromCapture = take(money.capturedMinor);
  if (fromCapture > 0) legs.push({ to: 'wallet', from: 'deposit_capture', amountMinor: fromCapture });
  for (const p of money.billChannelPayments) {
    const n = take(p.refundableMinor);
    if (n > 0) legs.push({ to: p.channel, from: 'bill_payment', amountMinor: n, paymentId: p.paymentId });
  }
  const fromWalletPaid = take(walletPaid);
  if (fromWalletPaid > 0) legs.push({ to: 'wallet', from: 'bill_payment', amountMinor: fromWalletPaid });
  assert(left === 0, 'the plan gives back the whole credit');
  return { waivedMinor, legs };
}

export async function resolveInspectionDispute(
  tx: Executor,
  deps: RentalDeps,
  options: {
    orderId: string;
    staff: StaffPrincipal;
    outcome: DisputeOutcome;
    creditMinor?: number | undefined;
    note: string;
  },
): Promise<InspectionRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const found = await inspectionOfOrder(tx, order.id);
  if (found === undefined) throw RentalErrors.RENTAL_INSPECTION_NOT_FOUND();
  const inspection = await lockInspection(tx, found.id);
  if (inspection.disputedAt === null) throw RentalErrors.RENTAL_INSPECTION_NOT_DISPUTED();
  if (inspection.disputeResolvedAt !== null) throw RentalErrors.RENTAL_DISPUTE_ALREADY_RESOLVED();
  const note = options.note.trim();
  const invalid: { path: string; message: string }[] = [];
  if (note.length === 0) invalid.push({ path: '/body/note', message: 'required' });
  if (options.outcome === 'upheld' && options.creditMinor !== undefined && options.creditMinor !== 0) {
    invalid.push({ path: '/body/creditMinor', message: 'an upheld charge gives nothing back' });
  }
  if (options.outcome === 'adjusted' && options.creditMinor === undefined) {
    invalid.push({ path: '/body/creditMinor', message: 'required when adjusted' });
  }
  if (invalid.length > 0) throw RentalErrors.RENTAL_DISPUTE_RESOLUTION_INVALID({ errors: invalid });

  const now = deps.clock.now();
  let waivedMinor = 0;
  let legs: DisputeRefundLeg[] = [];
  let refundState: 'none' | 'awaiting_approval' | 'done' = 'none';
  const creditMinor = options.outcome === 'adjusted' ? (options.creditMinor ?? 0) : 0;
  if (options.outcome === 'adjusted') {
    const plan = disputeCreditPlan(await disputeMoneyOf(tx, deps, inspection), creditMinor);
    waivedMinor = plan.waivedMinor;
    if (creditMinor > (await readPaymentsSettings(tx)).refundApprovalAboveMinor) {
      // The plan as it stands is shown; the second person's approval books it (planned again then).
      refundState = 'awaiting_approval';
      legs = plan.legs;
    } else {
      legs = await bookCredit(tx, deps, { order, inspection, plan, staff: options.staff, note });
      refundState = legs.length === 0 ? 'none' : 'done';
    }
  }
  const refundMinor = sumMinor(legs.map((l) => l.amountMinor));
  const [updated] = await tx
    .update(rentalInspections)
    .set({
      disputeOutcome: options.outcome,
      disputeCreditMinor: creditMinor,
      disputeWaivedMinor: waivedMinor,
      disputeRefunds: legs,
      disputeRefundState: refundState,
      disputeResolvedAt: now,
      disputeResolvedBy: options.staff.staffId,
      disputeNote: note,
    })
    .where(eq(rentalInspections.id, inspection.id))
    .returning();
  assert(updated !== undefined, 'the locked inspection is updated');
  await recordAudit(tx, {
    actor: options.staff,
    action: 'rental.inspection_dispute_resolved',
    targetType: 'rental_order',
    targetId: order.id,
    at: now,
    detail: {
      inspectionId: inspection.id,
      outcome: options.outcome,
      chargeMinor: inspection.chargeMinor,
      creditMinor,
      waivedMinor,
      refundMinor,
      refundState,
      legs,
      note,
    },
  });
  await emitEvent(tx, now, {
    type: 'rental.inspection_dispute_resolved',
    aggregateType: 'rental_order',
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      customerId: order.customerId,
      inspectionId: inspection.id,
      outcome: options.outcome,
      chargeMinor: inspection.chargeMinor,
      creditMinor,
      waivedMinor,
      refundMinor,
      refundState,
      note,
    },
  });
  // An adjustment waiting for its approval tells the customer nothing yet: the approval does, with
  // what it booked (approve-dispute-credit.ts, `notifyAdjusted`).
  if (options.outcome === 'upheld') {
    await notify(tx, deps, {
      customerId: order.customerId,
      category: 'orders',
      template: 'rental.inspection_dispute_upheld',
      params: { chargeMinor: inspection.chargeMinor },
      dedupeKey: `rental.inspection_dispute_resolved:${inspection.id}`,
    });
  } else if (refundState !== 'awaiting_approval') {
    await notifyAdjusted(tx, deps, { order, inspection, creditMinor, waivedMinor, refundMinor });
  }
  return updated;
}

/** The customer told how an adjusted outcome came back: waived off the bill, given back. Once per inspection. */
export async function notifyAdjusted(
  tx: Executor,
  deps: RentalDeps,
  o: { order: OrderRow; inspection: InspectionRow; creditMinor: number; waivedMinor: number; refundMinor: number },
): Promise<void> {
  await notify(tx, deps, {
    customerId: o.order.customerId,
    category: 'orders',
    template: 'rental.inspection_dispute_adjusted',
    params: { creditMinor: o.creditMinor, waivedMinor: o.waivedMinor, refundMinor: o.refundMinor },
    dedupeKey: `rental.inspection_dispute_resolved:${o.inspection.id}`,
  });
}

/** The money of the inspection's charge now: its capture, its bill (unpaid, paid) and the bill's channel payments. */
export async function disputeMoneyOf(tx: Executor, deps: RentalDeps, inspection: InspectionRow): Promise<DisputeMoney> {
  let billUnpaidMinor = 0;
  let billPaidMinor = 0;
  let billChannelPayments: DisputeMoney['billChannelPayments'] = [];
  if (inspection.billId !== null) {
    const bill = await getBill(tx, deps, inspection.billId);
    billUnpaidMinor = bill.amountMinor - bill.paidMinor - bill.waivedMinor;
    billPaidMinor = bill.paidMinor;
    const payments: PaymentOrder[] = await paymentsOfReferences(tx, [inspection.billId]);
    billChannelPayments = payments
      .filter((p) => p.state === 'succeeded' && p.amountMinor - p.refundedMinor > 0)
      .map((p) => ({ paymentId: p.id, channel: p.channel, refundableMinor: p.amountMinor - p.refundedMinor }));
  }
  return {
    chargeMinor: inspection.chargeMinor,
    capturedMinor: inspection.capturedMinor,
    billUnpaidMinor,
    billPaidMinor,
    billChannelPayments,
  };
}

/**
 * Books a credit's plan in the caller's transaction: the waiver of the bill's unpaid part (billing's
 * `waiveBill` for that amount), then the legs given back (`giveBack`). Answers the legs with their ids.
 */
export async function bookCredit(
  tx: Executor,
  deps: RentalDeps,
  options: {
    order: OrderRow;
    inspection: InspectionRow;
    plan: { waivedMinor: number; legs: DisputeRefundLeg[] };
    staff: StaffPrincipal;
    note: string;
  },
): Promise<DisputeRefundLeg[]> {
  const { inspection, plan } = options;
  if (plan.waivedMinor > 0) {
    assert(inspection.billId !== null, 'an unpaid part has its bill');
    await waiveBill(tx, deps, {
      billId: inspection.billId,
      staff: options.staff,
      reason: `验机申诉调整：${options.note}`.slice(0, RentalLimits.disputeNoteLengthMax),
      requestId: null,
      amountMinor: plan.waivedMinor,
    });
  }
  return giveBack(tx, deps, {
    order: options.order,
    inspection,
    legs: plan.legs,
    staffId: options.staff.staffId,
    note: options.note,
  });
}

/**
 * Gives the legs back in the caller's transaction: a wallet leg is a ledger transfer fee revenue →
 * the customer's wallet; a channel leg reverses the revenue (fee revenue → receivables) and asks
 * payments for the refund, already approved (the threshold was checked by the caller, and a second
 * person approved above it). Answers the legs with their transfer and refund ids.
 */
export async function giveBack(
  tx: Executor,
  deps: RentalDeps,
  options: { order: OrderRow; inspection: InspectionRow; legs: DisputeRefundLeg[]; staffId: string; note: string },
): Promise<DisputeRefundLeg[]> {
  const { order, inspection } = options;
  const revenue = await platformAccount(tx, deps.clock, 'fee_revenue');
  const done: DisputeRefundLeg[] = [];
  for (const [i, leg] of options.legs.entries()) {
    if (leg.to === 'wallet') {
      const wallet = await customerAccount(tx, deps.clock, order.customerId, 'wallet');
      const transferId = `txn_rdc_${inspection.id}_${i}`;
      await createTransfers(tx, deps.clock, [
        {
          id: transferId,
          debitAccountId: revenue.id,
          creditAccountId: wallet.id,
          amountMinor: leg.amountMinor,
          code: 'rental.dispute_credit',
          reference: order.id,
          metadata: { customerId: order.customerId, inspectionId: inspection.id, from: leg.from },
        },
      ]);
      done.push({ ...leg, transferId });
    } else {
      assert(leg.paymentId !== undefined, 'a channel leg names its payment');
      const receivables = await platformAccount(tx, deps.clock, 'customer_receivables');
      const transferId = `txn_rdr_${inspection.id}_${i}`;
      await createTransfers(tx, deps.clock, [
        {
          id: transferId,
          debitAccountId: revenue.id,
          creditAccountId: receivables.id,
          amountMinor: leg.amountMinor,
          code: 'rental.dispute_credit',
          reference: order.id,
          metadata: { customerId: order.customerId, inspectionId: inspection.id, paymentId: leg.paymentId },
        },
      ]);
      const refund = await requestRefund(
        tx,
        { clock: deps.clock, approvalAboveMinor: Number.MAX_SAFE_INTEGER },
        {
          orderId: leg.paymentId,
          outRequestNo: `${inspection.id}_dispute${i}`,
          amountMinor: leg.amountMinor,
          reason: `验机申诉调整退款：${options.note}`,
          staffId: options.staffId,
        },
      );
      done.push({ ...leg, transferId, refundId: refund.id });
    }
  }
  return done;
}
