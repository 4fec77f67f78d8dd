// The contract steps of an order, called by the contracts module's hooks once it lands (its draft
// in placeOrder, its `contracts.contract_signed` event here): an approved order waits for its
// contract, a signed one waits for payment — for the unpaid-order timer, after which the sweep
// (expire-unpaid-orders.ts) cancels it and releases its unit.
import type { Executor } from '@zulin/db';
import type { RentalDeps } from './deps';
import { unpaidOrderDeadline } from './due-timers';
import { loadOrderForUpdate, moveOrder, type OrderRow, systemMover } from './order-store';
import { readRentalTimers } from './rental-settings';

/** approved → awaiting_signature, once the contract is drafted. */
export async function requestSignature(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; contractId: string },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  return moveOrder(tx, {
    order,
    action: 'request_signature',
    by: systemMover,
    now: deps.clock.now(),
    facts: { contract_drafted: true },
    set: { contractId: options.contractId },
    detail: { contractId: options.contractId },
  });
}

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
  const { timers } = await readRentalTimers(tx);
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
