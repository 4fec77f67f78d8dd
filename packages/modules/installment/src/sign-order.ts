// Signing an installment order's contract (DOMAIN §6, §9): the order waits in `awaiting_signature`
// after risk approves; the customer signs through the contracts module's own use case (the SMS code
// bound to the document hash, the drawn or typed signature, the sealed PDF), and in the same
// transaction the sale is booked in the ledger and the down-payment bill issued — so a down payment
// can never be paid on an unsigned contract, and activation (activate-order.ts) needs both the
// signature and the down payment. With no down payment the order starts at once. A contract signed
// through the contracts routes instead moves the order on from `contracts.contract_signed`
// (onContractSigned), once.
import { issueBill } from '@zulin/billing';
import { type claimSigningTry, getContract, type SignatureInput, type sealOf, signContract } from '@zulin/contracts';
import { type Executor, emitEvent } from '@zulin/db';
import { today } from '@zulin/kernel';
import { createTransfers, platformAccount } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { activateOrder } from './activate-order';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import { billSourceTypes, type InstallmentOrderRow, loadOrder } from './orders';
import { installmentOrderBills, installmentOrders } from './schema';

/** The order may be signed: the customer's (404 otherwise), awaiting its signature, its contract still a draft. */
function checkAwaitingSignature(order: InstallmentOrderRow): string {
  if (order.status !== 'awaiting_signature' || order.contractId === null) {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_SIGNABLE({ detail: `The order is ${order.status}.` });
  }
  return order.contractId;
}

/** Asked before a code try is counted: a state that cannot be signed costs no try. */
export async function checkOrderSignable(
  db: Executor,
  options: { orderId: string; customerId: string },
): Promise<{ order: InstallmentOrderRow; contractId: string }> {
  const order = await loadOrder(db, options.orderId, { customerId: options.customerId });
  const contractId = checkAwaitingSignature(order);
  const contract = await getContract(db, contractId, options.customerId);
  if (contract.status !== 'draft') {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_SIGNABLE({ detail: `The contract is ${contract.status}.` });
  }
  return { order, contractId };
}

/** Signs the order's contract through the contracts use case and moves the order on, in `tx`. */
export async function signOrder(
  tx: Executor,
  deps: InstallmentDeps & { seal: Awaited<ReturnType<typeof sealOf>> },
  options: {
    orderId: string;
    customerId: string;
    code: string;
    codeTry: Awaited<ReturnType<typeof claimSigningTry>>;
    signature: SignatureInput;
  },
): Promise<InstallmentOrderRow> {
  const order = await loadOrder(tx, options.orderId, { customerId: options.customerId, lock: true });
  const contractId = checkAwaitingSignature(order);
  const signed = await signContract(tx, deps, {
    customerId: options.customerId,
    contractId,
    code: options.code,
    codeTry: options.codeTry,
    signature: options.signature,
  });
  return recordSignature(tx, deps, { order, signedAt: signed.signedAt });
}

/**
 * `contracts.contract_signed` for an installment: the order moves on unless it already did (signed
 * through POST /v1/installment-orders/{id}/sign) or no longer waits for this contract.
 */
export async function onContractSigned(
  tx: Executor,
  deps: InstallmentDeps,
  payload: { contractId: string; subjectKind: string; subjectId: string; signedAt: string },
): Promise<'moved' | 'skipped'> {
  if (payload.subjectKind !== 'installment') return 'skipped';
  const [order] = await tx
    .select()
    .from(installmentOrders)
    .where(eq(installmentOrders.id, payload.subjectId))
    .for('update');
  if (order?.status !== 'awaiting_signature' || order.contractId !== payload.contractId) return 'skipped';
  await recordSignature(tx, deps, { order, signedAt: new Date(payload.signedAt) });
  return 'moved';
}

/**
 * awaiting_signature → awaiting_down_payment (or straight to active with no down payment): the sale
 * is booked and the down-payment bill issued, due the day of signing.
 */
async function recordSignature(
  tx: Executor,
  deps: InstallmentDeps,
  options: { order: InstallmentOrderRow; signedAt: Date },
): Promise<InstallmentOrderRow> {
  const { order } = options;
  const now = deps.clock.now();
  const [signed] = await tx
    .update(installmentOrders)
    .set({ status: 'awaiting_down_payment', signedAt: options.signedAt, updatedAt: now })
    .where(eq(installmentOrders.id, order.id))
    .returning();
  if (!signed) throw new Error('the order exists');
  await emitEvent(tx, now, {
    type: 'installment.order_signed',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: { orderId: order.id, customerId: order.customerId, contractId: order.contractId ?? '' },
  });
  await bookSale(tx, deps, signed);
  if (signed.downPaymentMinor === 0) return activateOrder(tx, deps, signed.id);
  const businessDate = today(deps.clock, deps.timeZone);
  const { bill } = await issueBill(tx, deps, {
    customerId: signed.customerId,
    sourceType: billSourceTypes.down_payment,
    sourceId: signed.id,
    period: 0,
    title: '分期购机首付款',
    dueDate: businessDate,
    lines: [{ kind: 'principal', description: '首付款', amountMinor: signed.downPaymentMinor }],
    issuedBy: 'installment',
  });
  await tx.insert(installmentOrderBills).values({
    orderId: signed.id,
    kind: 'down_payment',
    sequence: 0,
    billId: bill.id,
    amountMinor: signed.downPaymentMinor,
    dueDate: businessDate,
    createdAt: now,
  });
  return signed;
}

/** The transfer id of an order's sale, and of its reversal when the order is cancelled. */
export const saleTransferId = (orderId: string) => `txn_isale_${orderId.slice('iord_'.length)}`;

/**
 * The sale in the ledger: the whole price becomes an installment receivable (1210) against device
 * sales (4050). Billing then moves it to customer receivables bill by bill: the down payment's
 * principal line and each period's principal credit 1210, so 1210 always holds what is financed and
 * not yet billed.
 */
async function bookSale(tx: Executor, deps: Pick<InstallmentDeps, 'clock'>, order: InstallmentOrderRow) {
  const financed = await platformAccount(tx, deps.clock, 'installment_principal');
  const sales = await platformAccount(tx, deps.clock, 'device_sales_revenue');
  await createTransfers(tx, deps.clock, [
    {
      id: saleTransferId(order.id),
      debitAccountId: financed.id,
      creditAccountId: sales.id,
      amountMinor: order.priceMinor,
      currency: 'CNY',
      code: 'installment.sale',
      reference: order.id,
      metadata: { customerId: order.customerId },
    },
  ]);
}
