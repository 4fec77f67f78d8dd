// The contract steps of an order. placeOrder drafts the contract (draft-order-contract.ts:
// approved → awaiting_signature); the customer signs it here, through the contracts module's own use
// case (the SMS code bound to the document hash, the drawn or typed signature, the sealed PDF), and
// the order moves to awaiting_payment in the same transaction — for the unpaid-order timer, after
// which the sweep (expire-unpaid-orders.ts) cancels it and releases its unit. A rental contract
// signed through the contracts routes instead moves the order on from `contracts.contract_signed`
// (onContractSigned), once. An open renewal's addendum is signed the same way (renew-order.ts).
import { type claimSigningTry, getContract, type SignatureInput, type sealOf, signContract } from '@zulin/contracts';
import type { Executor } from '@zulin/db';
import { and, eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { unpaidOrderDeadline } from './due-timers';
import { RentalErrors } from './errors';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { completeRenewal } from './renew-order';
import { rentalTimers } from './rental-settings';
import { rentalAfterSales, rentalOrders } from './schema';
import { transition } from './transition-order';

/**
 * awaiting_signature → awaiting_payment, when the contract's signature is verified; the payment
 * deadline is fixed now from the timers in force, so a later change of the timer does not move it.
 */
export async function recordSignature(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; contractId: string; signedAt: Date },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const { value: timers } = await rentalTimers.read(tx);
  const deadline = unpaidOrderDeadline({ signedAt: options.signedAt, timers });
  return moveOrder(tx, {
    order,
    action: 'sign',
    by: { actor: 'customer', audit: { kind: 'customer', customerId: order.customerId } },
    now: deps.clock.now(),
    facts: { signature_verified: order.contractId === options.contractId },
    set: { signedAt: options.signedAt, paymentDeadlineAt: deadline },
    detail: { contractId: options.contractId, paymentDeadlineAt: deadline.toISOString() },
  });
}

/** The contract the order waits for: the rental contract before payment, or an open renewal's addendum. */
async function pendingContractOf(
  db: Executor,
  order: OrderRow,
): Promise<{ kind: 'rental'; contractId: string } | { kind: 'renewal'; contractId: string; afterSaleId: string }> {
  const snapshot = { status: order.status, openAfterSale: order.openAfterSale };
  if (order.openAfterSale === 'renewal') {
    transition(snapshot, { action: 'renew', actor: 'customer', facts: { renewal_signed: true } });
    const [renewal] = await db
      .select()
      .from(rentalAfterSales)
      .where(
        and(
          eq(rentalAfterSales.orderId, order.id),
          eq(rentalAfterSales.kind, 'renewal'),
          eq(rentalAfterSales.status, 'open'),
        ),
      );
    if (renewal?.contractId == null) throw RentalErrors.RENTAL_CONTRACT_NOT_FOUND();
    return { kind: 'renewal', contractId: renewal.contractId, afterSaleId: renewal.id };
  }
  // The machine names the refusal when the order is in no state to sign.
  transition(snapshot, { action: 'sign', actor: 'customer', facts: { signature_verified: true } });
  if (order.contractId === null) throw RentalErrors.RENTAL_CONTRACT_NOT_FOUND();
  return { kind: 'rental', contractId: order.contractId };
}

/**
 * Whether the customer may sign this order now: theirs (404 otherwise), in a state the machine lets
 * them sign from (the rental contract, or an open renewal's addendum), with a draft that is still the
 * current one. Asked before a code try is counted.
 */
export async function checkOrderSignable(
  db: Executor,
  options: { orderId: string; customerId: string },
): Promise<{ order: OrderRow; contractId: string }> {
  const [order] = await db.select().from(rentalOrders).where(eq(rentalOrders.id, options.orderId));
  if (order === undefined || order.customerId !== options.customerId) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  const pending = await pendingContractOf(db, order);
  const contract = await getContract(db, pending.contractId, options.customerId);
  if (contract.status !== 'draft') {
    throw RentalErrors.RENTAL_CONTRACT_NOT_SIGNABLE({ detail: `The contract is ${contract.status}.` });
  }
  return { order, contractId: pending.contractId };
}

/**
 * Signs the contract the order waits for through the contracts use case and moves the order on, in
 * `tx`: the rental contract (→ awaiting_payment) or a renewal's addendum (→ renewed).
 */
export async function signOrder(
  tx: Executor,
  deps: RentalDeps & { seal: Awaited<ReturnType<typeof sealOf>> },
  options: {
    orderId: string;
    customerId: string;
    code: string;
    codeTry: Awaited<ReturnType<typeof claimSigningTry>>;
    signature: SignatureInput;
  },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  // The machine is asked first, so a refused state costs no signature.
  const pending = await pendingContractOf(tx, order);
  const signed = await signContract(tx, deps, {
    customerId: options.customerId,
    contractId: pending.contractId,
    code: options.code,
    codeTry: options.codeTry,
    signature: options.signature,
  });
  if (pending.kind === 'renewal') {
    return completeRenewal(tx, deps, { afterSaleId: pending.afterSaleId, contractId: signed.contractId });
  }
  return recordSignature(tx, deps, { orderId: order.id, contractId: signed.contractId, signedAt: signed.signedAt });
}

/**
 * `contracts.contract_signed` for a rental or a renewal: the order moves on unless it already did
 * (signed through POST /v1/rentals/{id}/sign, which moves it in its own transaction) or no longer
 * waits for this contract (cancelled meanwhile, or a newer draft).
 */
export async function onContractSigned(
  tx: Executor,
  deps: RentalDeps,
  payload: { contractId: string; subjectKind: string; subjectId: string; signedAt: string },
): Promise<'moved' | 'skipped'> {
  if (payload.subjectKind === 'renewal') {
    const [renewal] = await tx
      .select()
      .from(rentalAfterSales)
      .where(eq(rentalAfterSales.id, payload.subjectId))
      .for('update');
    if (renewal?.status !== 'open' || renewal.contractId !== payload.contractId) return 'skipped';
    await completeRenewal(tx, deps, { afterSaleId: renewal.id, contractId: payload.contractId });
    return 'moved';
  }
  if (payload.subjectKind !== 'rental') return 'skipped';
  const [order] = await tx.select().from(rentalOrders).where(eq(rentalOrders.id, payload.subjectId)).for('update');
  if (order === undefined || order.status !== 'awaiting_signature' || order.contractId !== payload.contractId) {
    return 'skipped';
  }
  await recordSignature(tx, deps, {
    orderId: order.id,
    contractId: payload.contractId,
    signedAt: new Date(payload.signedAt),
  });
  return 'moved';
}
