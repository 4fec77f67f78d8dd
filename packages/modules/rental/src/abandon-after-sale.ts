// Abandoning an after-sale action (docs/rental.md, "Abandoning"): the customer drops an open renewal,
// buyout or return before it is executed or paid. The machine decides whether the action may close
// (`abandon_renewal`, `abandon_buyout`, `cancel_return` — the last only before the courier's pick-up);
// the exit bill the action issued is withdrawn through billing (reversed in the ledger) as long as
// nothing is paid on it — a buyout or return whose bill is partly paid stands; a renewal is open only
// until its addendum is signed (signing closes it), and its unsigned addendum is withdrawn with it
// (contracts' withdrawDraft: never signable afterwards). The quote taken stays used.
import { withdrawBill } from '@zulin/billing';
import { withdrawDraft } from '@zulin/contracts';
import type { Executor } from '@zulin/db';
import { checkAllowed, closeAfterSale, openAfterSaleOf } from './after-sales';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { restoreFaultCreditOfExit } from './exit-fault-credit';
import type { OrderAction } from './order-machine';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { rentalExitBillSource } from './read-order-bills';
import { scheduleOf } from './rent-schedule';

export type AbandonableKind = 'renewal' | 'buyout' | 'return';

const abandonAction: Record<AbandonableKind, OrderAction> = {
  renewal: 'abandon_renewal',
  buyout: 'abandon_buyout',
  return: 'cancel_return',
};

export async function abandonAfterSale(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; customerId: string; kind: AbandonableKind },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  const action = abandonAction[options.kind];
  // The machine first: a wrong state, or another kind open, is refused before anything changes.
  if (order.openAfterSale !== options.kind) {
    throw RentalErrors.RENTAL_AFTER_SALE_NOT_OPEN({ detail: `No ${options.kind} is open on this order.` });
  }
  checkAllowed(order, action, 'customer');
  const open = await openAfterSaleOf(tx, order.id, options.kind);
  if (open === undefined) {
    throw RentalErrors.RENTAL_AFTER_SALE_NOT_OPEN({ detail: `No ${options.kind} is open on this order.` });
  }
  if (open.billId !== null) {
    // Refused with billing's BILLING_BILL_SETTLED when anything is paid on it.
    await withdrawBill(tx, deps, {
      billId: open.billId,
      sourceType: rentalExitBillSource,
      sourceId: order.id,
      reason: { code: 'rental_after_sale_abandoned', params: { kind: options.kind } },
      onlyUnpaid: true,
    });
  }
  if (open.contractId !== null) {
    await withdrawDraft(tx, deps, { contractId: open.contractId, reason: `rental_${options.kind}_abandoned` });
  }
  await closeAfterSale(tx, deps, open.id, 'abandoned');
  // The fault credit the exit's quote took off is given back to the rent bills.
  const faultCreditRestoredMinor =
    options.kind === 'renewal' ? 0 : await restoreFaultCreditOfExit(tx, { orderId: order.id, afterSaleId: open.id });
  // A buyout or return stopped the rent billing; dropping it resumes the schedule where it stood.
  const resumes = options.kind !== 'renewal' && order.nextBillDueDate === null;
  return moveOrder(tx, {
    order,
    action,
    by: { actor: 'customer', audit: { kind: 'customer', customerId: order.customerId } },
    now: deps.clock.now(),
    ...(resumes ? { set: { nextBillDueDate: scheduleOf(order)[order.billedThroughPeriod]?.dueDate ?? null } } : {}),
    detail: {
      afterSaleId: open.id,
      kind: options.kind,
      withdrawnBillId: open.billId,
      withdrawnContractId: open.contractId,
      faultCreditRestoredMinor,
    },
  });
}
