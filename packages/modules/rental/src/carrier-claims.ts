// A carrier claim from filing to its end (docs/rental.md, "Carrier claims"; issue #14). A carrier that
// lost a parcel owes us the phone: a return parcel it collected (confirm-return-lost.ts files the claim)
// or an outbound one on its way to the customer (confirm-parcel-lost.ts):
// * filed → booked at once: carrier claims receivable (1400) debited, carrier compensation (4500)
//   credited, for the claim's amount, in the transaction that files it;
// * a payment (finance, from the bank statement, with the carrier's payment reference and the day it
//   arrived): bank clearing debited, the receivable credited; several part payments add up, never past
//   the amount, one reference once; paid in full → `paid` (final);
// * what the carrier will not pay is written off only by two people: finance asks (`write_off_requested`,
//   with a reason), a second staff member approves (the rest: write-offs 5200 debited, the receivable
//   credited → `written_off`, final) or rejects (back to `filed`, the carrier is chased further).
// Every step locks the claim, is audited, and publishes `rental.carrier_claim_changed`.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import {
  assert,
  type Clock,
  decodeCursor,
  KernelErrors,
  newId,
  type Page,
  pageLimit,
  today,
  toPage,
} from '@zulin/kernel';
import { channelClearingAccount, createTransfers, platformAccount } from '@zulin/ledger';
import { LogisticsLimits } from '@zulin/logistics';
import { and, asc, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import type { OrderRow } from './order-store';
import { residualValueMinor } from './residual-value';
import {
  type CarrierClaimDirection,
  type CarrierClaimState,
  rentalCarrierClaimPayments,
  rentalCarrierClaims,
  rentalOrders,
} from './schema';

export {
  type CarrierClaimDirection,
  type CarrierClaimState,
  carrierClaimDirections,
  carrierClaimStates,
} from './schema';

export type CarrierClaimRow = typeof rentalCarrierClaims.$inferSelect;
export type CarrierClaimPaymentRow = typeof rentalCarrierClaimPayments.$inferSelect;

/** The channel whose clearing account receives a carrier's payment: carriers pay by bank transfer. */
export const carrierPaymentChannel = 'bank';

/** What is still owed on a claim: its amount less what was paid and what was written off. */
export function outstandingOf(claim: Pick<CarrierClaimRow, 'amountMinor' | 'paidMinor' | 'writtenOffMinor'>): number {
  return claim.amountMinor - claim.paidMinor - claim.writtenOffMinor;
}

/** What a claim asks of the carrier for an order's lost phone, and the two figures behind it. */
export interface ClaimValue {
  amountMinor: number;
  residualValueMinor: number;
  declaredValueMinor: number;
  valueOn: string;
}

/**
 * The one amount rule of every carrier claim, return or outbound: the phone's residual value
 * (residual-value.ts: the contract's market price depreciated from `valueFrom` by whole months) on the
 * day the courier took the parcel (`valueOn`), capped at the value declared on the waybill — both
 * waybills declare the market price within the carrier's cap (ship-order.ts, book-return-pickup.ts).
 * A phone lost on its way out was never rented: `valueFrom` is `valueOn`, so it is worth its market price.
 */
export function claimValueOf(
  order: Pick<OrderRow, 'marketPriceMinor'>,
  days: { valueFrom: string; valueOn: string },
): ClaimValue {
  const residual = residualValueMinor({
    marketPriceMinor: order.marketPriceMinor,
    valueFrom: days.valueFrom,
    asOf: days.valueOn,
  });
  const declared = Math.min(order.marketPriceMinor, LogisticsLimits.declaredValueMinorMax);
  return {
    amountMinor: Math.min(residual, declared),
    residualValueMinor: residual,
    declaredValueMinor: declared,
    valueOn: days.valueOn,
  };
}

type NewClaim = Omit<
  typeof rentalCarrierClaims.$inferInsert,
  | 'id'
  | 'state'
  | 'direction'
  | 'bookedTransferId'
  | 'paidMinor'
  | 'writtenOffMinor'
  | 'writeOffReason'
  | 'writeOffRequestedBy'
  | 'writeOffRequestedAt'
  | 'decidedBy'
  | 'decidedAt'
  | 'decisionNote'
  | 'closedAt'
  | 'version'
>;

/** The three postings of a claim's life, each referencing the claim: answers the transfer's id. */
const claimPostings = {
  filed: { prefix: 'rccb', code: 'rental.carrier_claim_filed' },
  paid: { prefix: 'rccp', code: 'rental.carrier_claim_paid' },
  written_off: { prefix: 'rccw', code: 'rental.carrier_claim_written_off' },
} as const;

async function postClaim(
  tx: Executor,
  clock: Clock,
  claim: CarrierClaimRow,
  posting: keyof typeof claimPostings,
  entry: { debitAccountId: string; creditAccountId: string; amountMinor: number; metadata: Record<string, string> },
): Promise<string> {
  const { prefix, code } = claimPostings[posting];
  const id = `txn_${newId(prefix, clock)}`;
  await createTransfers(tx, clock, [
    {
      id,
      code,
      reference: claim.id,
      ...entry,
      metadata: { orderId: claim.orderId, carrier: claim.carrier, ...entry.metadata },
    },
  ]);
  return id;
}

/** Files a claim `filed` and books what the carrier owes, in the caller's transaction. */
export async function fileCarrierClaim(
  tx: Executor,
  deps: RentalDeps,
  values: NewClaim & { direction: CarrierClaimDirection },
): Promise<CarrierClaimRow> {
  assert(
    Number.isSafeInteger(values.amountMinor) && values.amountMinor > 0,
    'a carrier claim is for a positive amount',
  );
  const [claim] = await tx
    .insert(rentalCarrierClaims)
    .values({ ...values, id: newId('rccl', deps.clock), state: 'filed' })
    .returning();
  assert(claim !== undefined, 'the claim insert returns its row');
  return bookReceivable(tx, deps.clock, claim);
}

/** Books a claim's receivable once (a claim filed before claims were booked is booked on its next step). */
async function bookReceivable(tx: Executor, clock: Clock, claim: CarrierClaimRow): Promise<CarrierClaimRow> {
  if (claim.bookedTransferId !== null) return claim;
  const receivable = await platformAccount(tx, clock, 'carrier_claims_receivable');
  const compensation = await platformAccount(tx, clock, 'carrier_compensation');
  const transferId = await postClaim(tx, clock, claim, 'filed', {
    debitAccountId: receivable.id,
    creditAccountId: compensation.id,
    amountMinor: claim.amountMinor,
    metadata: { waybillNo: claim.waybillNo },
  });
  const [booked] = await tx
    .update(rentalCarrierClaims)
    .set({ bookedTransferId: transferId })
    .where(eq(rentalCarrierClaims.id, claim.id))
    .returning();
  assert(booked !== undefined, 'the claim being booked exists');
  return booked;
}

async function lockClaim(tx: Executor, claimId: string): Promise<CarrierClaimRow> {
  const [claim] = await tx.select().from(rentalCarrierClaims).where(eq(rentalCarrierClaims.id, claimId)).for('update');
  if (claim === undefined) throw RentalErrors.RENTAL_CLAIM_NOT_FOUND();
  return claim;
}

async function moveClaim(
  tx: Executor,
  deps: RentalDeps,
  claim: CarrierClaimRow,
  change: Partial<typeof rentalCarrierClaims.$inferInsert> & { state: CarrierClaimState },
  audit: { staff: StaffPrincipal; action: string; detail: Record<string, unknown> },
): Promise<CarrierClaimRow> {
  const now = deps.clock.now();
  const final = change.state === 'paid' || change.state === 'written_off';
  const [moved] = await tx
    .update(rentalCarrierClaims)
    .set({ ...change, ...(final ? { closedAt: now } : {}), version: claim.version + 1 })
    .where(and(eq(rentalCarrierClaims.id, claim.id), eq(rentalCarrierClaims.version, claim.version)))
    .returning();
  assert(moved !== undefined, 'the locked claim moves');
  await recordAudit(tx, {
    actor: audit.staff,
    action: audit.action,
    targetType: 'rental_order',
    targetId: claim.orderId,
    at: now,
    detail: { claimId: claim.id, from: claim.state, to: moved.state, ...audit.detail },
  });
  await emitEvent(tx, now, {
    type: 'rental.carrier_claim_changed',
    aggregateType: 'rental_order',
    aggregateId: claim.orderId,
    payload: {
      claimId: claim.id,
      orderId: claim.orderId,
      carrier: claim.carrier,
      from: claim.state,
      to: moved.state,
      amountMinor: moved.amountMinor,
      paidMinor: moved.paidMinor,
      writtenOffMinor: moved.writtenOffMinor,
      by: audit.staff.staffId,
    },
  });
  return moved;
}

/**
 * Records a payment the carrier made on a claim: at most what is outstanding, on a day from the loss to
 * today, under a reference not used on this claim before. Paid in full, the claim is `paid`.
 */
export async function recordClaimPayment(
  tx: Executor,
  deps: RentalDeps,
  options: { claimId: string; amountMinor: number; reference: string; receivedOn: string; staff: StaffPrincipal },
): Promise<{ claim: CarrierClaimRow; payment: CarrierClaimPaymentRow }> {
  const locked = await lockClaim(tx, options.claimId);
  if (locked.state !== 'filed') throw RentalErrors.RENTAL_CLAIM_NOT_OPEN({ detail: `The claim is ${locked.state}.` });
  const reference = options.reference.trim();
  const [seen] = await tx
    .select({ id: rentalCarrierClaimPayments.id })
    .from(rentalCarrierClaimPayments)
    .where(and(eq(rentalCarrierClaimPayments.claimId, locked.id), eq(rentalCarrierClaimPayments.reference, reference)));
  if (seen !== undefined) {
    throw RentalErrors.RENTAL_CLAIM_PAYMENT_DUPLICATE({ detail: `Payment ${reference} is already recorded.` });
  }
  const outstanding = outstandingOf(locked);
  if (options.amountMinor > outstanding) {
    throw RentalErrors.RENTAL_CLAIM_PAYMENT_TOO_LARGE({
      detail: `The carrier owes ${outstanding} fen on this claim; ${options.amountMinor} fen is more.`,
      errors: [{ path: '/body/amountMinor', message: `at most ${outstanding}` }],
    });
  }
  const todayIs = today(deps.clock, deps.timeZone);
  if (options.receivedOn < locked.lostOn || options.receivedOn > todayIs) {
    throw RentalErrors.RENTAL_CLAIM_PAYMENT_DATE_INVALID({
      detail: `A payment on this claim arrives between ${locked.lostOn} (the loss) and ${todayIs} (today).`,
      errors: [{ path: '/body/receivedOn', message: `from ${locked.lostOn} to ${todayIs}` }],
    });
  }
  const [{ count } = { count: 0 }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(rentalCarrierClaimPayments)
    .where(eq(rentalCarrierClaimPayments.claimId, locked.id));
  if (count >= RentalLimits.carrierClaimPaymentsMax) {
    throw RentalErrors.RENTAL_CLAIM_PAYMENTS_TOO_MANY({
      detail: `A claim takes at most ${RentalLimits.carrierClaimPaymentsMax} payments; write off the rest.`,
    });
  }
  const claim = await bookReceivable(tx, deps.clock, locked);
  const bank = await channelClearingAccount(tx, deps.clock, carrierPaymentChannel);
  const receivable = await platformAccount(tx, deps.clock, 'carrier_claims_receivable');
  const transferId = await postClaim(tx, deps.clock, claim, 'paid', {
    debitAccountId: bank.id,
    creditAccountId: receivable.id,
    amountMinor: options.amountMinor,
    metadata: { paymentReference: reference },
  });
  const now = deps.clock.now();
  const [payment] = await tx
    .insert(rentalCarrierClaimPayments)
    .values({
      id: newId('rccp', deps.clock),
      claimId: claim.id,
      amountMinor: options.amountMinor,
      reference,
      receivedOn: options.receivedOn,
      transferId,
      recordedBy: options.staff.staffId,
      recordedAt: now,
    })
    .returning();
  assert(payment !== undefined, 'the payment insert returns its row');
  const paidMinor = claim.paidMinor + options.amountMinor;
  const moved = await moveClaim(
    tx,
    deps,
    claim,
    { state: paidMinor === claim.amountMinor ? 'paid' : 'filed', paidMinor },
    {
      staff: options.staff,
      action: 'rental.carrier_claim_payment_recorded',
      detail: { paymentId: payment.id, amountMinor: options.amountMinor, reference, receivedOn: options.receivedOn },
    },
  );
  return { claim: moved, payment };
}

/** Finance asks to write off what the carrier will not pay; a second person decides. */
export async function requestClaimWriteOff(
  tx: Executor,
  deps: RentalDeps,
  options: { claimId: string; reason: string; staff: StaffPrincipal },
): Promise<CarrierClaimRow> {
  const locked = await lockClaim(tx, options.claimId);
  if (locked.state !== 'filed') throw RentalErrors.RENTAL_CLAIM_NOT_OPEN({ detail: `The claim is ${locked.state}.` });
  const claim = await bookReceivable(tx, deps.clock, locked);
  const reason = options.reason.trim();
  return moveClaim(
    tx,
    deps,
    claim,
    {
      state: 'write_off_requested',
      writeOffReason: reason,
      writeOffRequestedBy: options.staff.staffId,
      writeOffRequestedAt: deps.clock.now(),
    },
    {
      staff: options.staff,
      action: 'rental.carrier_claim_write_off_requested',
      detail: { outstandingMinor: outstandingOf(claim), reason },
    },
  );
}

/**
 * A second staff member approves the write-off (the outstanding amount leaves the receivable for
 * write-offs, the claim ends `written_off`) or rejects it (back to `filed`). Nobody decides their own request.
 */
export async function decideClaimWriteOff(
  tx: Executor,
  deps: RentalDeps,
  options: { claimId: string; approve: boolean; note: string | null; staff: StaffPrincipal },
): Promise<CarrierClaimRow> {
  const claim = await lockClaim(tx, options.claimId);
  if (claim.state !== 'write_off_requested') {
    throw RentalErrors.RENTAL_CLAIM_WRITE_OFF_NOT_REQUESTED({ detail: `The claim is ${claim.state}.` });
  }
  if (claim.writeOffRequestedBy === options.staff.staffId) throw RentalErrors.RENTAL_CLAIM_WRITE_OFF_SELF_APPROVAL();
  const now = deps.clock.now();
  const decided = { decidedBy: options.staff.staffId, decidedAt: now, decisionNote: options.note };
  if (!options.approve) {
    return moveClaim(
      tx,
      deps,
      claim,
      // The request is answered: its reason and asker stay in the audit log, not on the claim.
      { state: 'filed', writeOffReason: null, writeOffRequestedBy: null, writeOffRequestedAt: null, ...decided },
      {
        staff: options.staff,
        action: 'rental.carrier_claim_write_off_rejected',
        detail: { requestedBy: claim.writeOffRequestedBy, note: options.note },
      },
    );
  }
  const amountMinor = outstandingOf(claim);
  assert(amountMinor > 0, 'a claim waiting for a write-off has something outstanding');
  const receivable = await platformAccount(tx, deps.clock, 'carrier_claims_receivable');
  const writeOffs = await platformAccount(tx, deps.clock, 'write_offs');
  const transferId = await postClaim(tx, deps.clock, claim, 'written_off', {
    debitAccountId: writeOffs.id,
    creditAccountId: receivable.id,
    amountMinor,
    metadata: { approvedBy: options.staff.staffId },
  });
  return moveClaim(
    tx,
    deps,
    claim,
    { state: 'written_off', writtenOffMinor: claim.writtenOffMinor + amountMinor, ...decided },
    {
      staff: options.staff,
      action: 'rental.carrier_claim_written_off',
      detail: { amountMinor, transferId, requestedBy: claim.writeOffRequestedBy, note: options.note },
    },
  );
}

/** Claims newest first, optionally of one state, a page at a time (the kernel's keyset cursor). */
export async function listCarrierClaims(
  db: Executor,
  options: {
    state?: CarrierClaimState | undefined;
    /** One carrier's claims (its code, e.g. `sf`). */
    carrier?: string | undefined;
    /** Lost on or after this business date. */
    lostFrom?: string | undefined;
    /** Lost on or before this business date. */
    lostTo?: string | undefined;
    limit?: number | undefined;
    cursor?: string | undefined;
  },
): Promise<Page<CarrierClaimRow>> {
  const limit = pageLimit(options.limit);
  if (options.lostFrom !== undefined && options.lostTo !== undefined && options.lostFrom > options.lostTo) {
    throw KernelErrors.VALIDATION_FAILED({
      errors: [{ path: '/query/lostTo', message: 'must not be before lostFrom', code: 'DATE_RANGE_INVALID' }],
    });
  }
  let after: SQL | undefined;
  if (options.cursor !== undefined) {
    const [filedAt, id] = decodeCursor(options.cursor);
    if (typeof filedAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(filedAt))) {
      throw KernelErrors.VALIDATION_FAILED({ errors: [{ path: '/query/cursor', message: 'Invalid cursor' }] });
    }
    const at = new Date(filedAt);
    after = or(
      lt(rentalCarrierClaims.filedAt, at),
      and(eq(rentalCarrierClaims.filedAt, at), lt(rentalCarrierClaims.id, id)),
    );
  }
  const rows = await db
    .select()
    .from(rentalCarrierClaims)
    .where(
      and(
        options.state === undefined ? undefined : eq(rentalCarrierClaims.state, options.state),
        options.carrier === undefined ? undefined : eq(rentalCarrierClaims.carrier, options.carrier),
        options.lostFrom === undefined ? undefined : gte(rentalCarrierClaims.lostOn, options.lostFrom),
        options.lostTo === undefined ? undefined : lte(rentalCarrierClaims.lostOn, options.lostTo),
        after,
      ),
    )
    .orderBy(desc(rentalCarrierClaims.filedAt), desc(rentalCarrierClaims.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.filedAt.toISOString(), row.id]);
}

/** The customer of each claim's order, by order id (orders are never deleted). */
export async function customersOfClaims(
  db: Executor,
  claims: readonly CarrierClaimRow[],
): Promise<Map<string, string>> {
  const orderIds = [...new Set(claims.map((c) => c.orderId))];
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .select({ id: rentalOrders.id, customerId: rentalOrders.customerId })
    .from(rentalOrders)
    .where(inArray(rentalOrders.id, orderIds));
  return new Map(rows.map((r) => [r.id, r.customerId]));
}

/** One claim with its payments, oldest first. */
export async function carrierClaimWithPayments(
  db: Executor,
  claimId: string,
): Promise<{ claim: CarrierClaimRow; payments: CarrierClaimPaymentRow[] }> {
  const [claim] = await db.select().from(rentalCarrierClaims).where(eq(rentalCarrierClaims.id, claimId));
  if (claim === undefined) throw RentalErrors.RENTAL_CLAIM_NOT_FOUND();
  const payments = await db
    .select()
    .from(rentalCarrierClaimPayments)
    .where(eq(rentalCarrierClaimPayments.claimId, claimId))
    .orderBy(asc(rentalCarrierClaimPayments.recordedAt), asc(rentalCarrierClaimPayments.id))
    .limit(RentalLimits.carrierClaimPaymentsMax);
  return { claim, payments };
}
