// Withdrawing a charge its source no longer claims (a rental's exit bill when the customer abandons
// the buyout or return before paying it): the whole bill is reversed in the ledger as a waiver with
// the system as the actor — the same postings, status and event as an approved waiver — but only
// while nothing has been paid on it. A channel payment still on its way is applied as any payment on
// a settled bill: to the customer's wallet (pay-bill-by-channel.ts).
import type { Executor } from '@zulin/db';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import { lockBill } from './pay-bill';
import type { BillView } from './read-bills';
import { waiveBill } from './waive-bill';

export async function withdrawBill(
  tx: Executor,
  deps: BillingDeps,
  options: { billId: string; sourceType: string; sourceId: string; reason: string },
): Promise<BillView> {
  const bill = await lockBill(tx, options.billId);
  if (bill.sourceType !== options.sourceType || bill.sourceId !== options.sourceId) {
    throw BillingErrors.BILLING_BILL_NOT_FOUND();
  }
  if (bill.paidMinor > 0 || bill.status === 'paid' || bill.status === 'waived') {
    throw BillingErrors.BILLING_BILL_SETTLED({
      detail: 'Part of this bill is paid or waived; it cannot be withdrawn.',
    });
  }
  const { bill: view } = await waiveBill(tx, deps, {
    billId: bill.id,
    staff: { kind: 'system' },
    reason: options.reason,
    requestId: null,
  });
  return view;
}
