// A settlement run for one funder (maker): what its payable 2210 holds now is paid to its bank account
// — 2210 → the bank channel's clearing account (the account wallet withdrawals pay out through), code
// `installment.funder_settlement`, reference the settlement. The maker confirms the amount the console
// showed (a changed balance is refused, not silently paid) and types the bank transfer's reference.
// Above the approval threshold (payments' refund approval setting, the one threshold for money staff
// send out) the amount is only held (a pending transfer) until a second staff member approves it
// (approve-funder-settlement.ts); at or below it, it is posted at once, and with it the funder pays for
// its disbursements (bank clearing ← 1200, funder-receivable.ts). Audited.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, type Clock, newId, today } from '@zulin/kernel';
import { createTransfers } from '@zulin/ledger';
import { InstallmentErrors } from './errors';
import { bookFunderReceivablePayment } from './funder-receivable';
import {
  type FunderSettlementView,
  lockFunder,
  presentSettlement,
  settlementPreview,
  settlementTransferId,
} from './funder-settlements';
import { installmentFunderSettlements } from './schema';

export async function settleFunder(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  options: {
    funderId: string;
    /** The amount the maker saw and confirms. */
    amountMinor: number;
    bankReference: string;
    staff: StaffPrincipal;
    /** Settlements of more than this wait for a second staff member. */
    approvalAboveMinor: number;
  },
): Promise<FunderSettlementView> {
  assert(Number.isSafeInteger(options.approvalAboveMinor) && options.approvalAboveMinor >= 0, 'a checked setting');
  await lockFunder(tx, options.funderId);
  const preview = await settlementPreview(tx, deps, options.funderId);
  if (preview.pendingSettlementId !== null) {
    throw InstallmentErrors.INSTALLMENT_SETTLEMENT_PENDING({ detail: `Settlement ${preview.pendingSettlementId}.` });
  }
  if (preview.amountMinor <= 0) throw InstallmentErrors.INSTALLMENT_SETTLEMENT_NOTHING_OWED();
  if (options.amountMinor !== preview.amountMinor) {
    throw InstallmentErrors.INSTALLMENT_SETTLEMENT_AMOUNT_CHANGED({
      detail: `The funder is owed ${preview.amountMinor} 分 now, not ${options.amountMinor}.`,
      errors: [{ path: '/body/amountMinor', message: `now ${preview.amountMinor}`, code: 'changed' }],
    });
  }
  const bankReference = options.bankReference.trim();
  const needsApproval = preview.amountMinor > options.approvalAboveMinor;
  const id = newId('fst', deps.clock);
  const transferId = settlementTransferId(id);
  await createTransfers(tx, deps.clock, [
    {
      id: transferId,
      kind: needsApproval ? 'pending' : 'posted',
      debitAccountId: preview.from.accountId,
      creditAccountId: preview.to.accountId,
      amountMinor: preview.amountMinor,
      currency: 'CNY',
      code: 'installment.funder_settlement',
      reference: id,
      metadata: {
        funderId: options.funderId,
        bankReference,
        periodFrom: preview.periodFrom,
        periodTo: preview.periodTo,
      },
    },
  ]);
  const now = deps.clock.now();
  const [row] = await tx
    .insert(installmentFunderSettlements)
    .values({
      id,
      funderId: options.funderId,
      periodFrom: preview.periodFrom,
      periodTo: preview.periodTo,
      amountMinor: preview.amountMinor,
      bankReference,
      status: needsApproval ? 'pending_approval' : 'paid',
      transferId,
      requestedBy: options.staff.staffId,
      requestedAt: now,
      paidOn: needsApproval ? null : today(deps.clock, deps.timeZone),
    })
    .returning();
  assert(row, 'the settlement was inserted');
  // Paid at once: the funder pays for its disbursements with it (funder-receivable.ts).
  const receivablePaidMinor = needsApproval
    ? 0
    : await bookFunderReceivablePayment(tx, deps, { id, funderId: options.funderId, transferId });
  await recordAudit(tx, {
    actor: options.staff,
    action: needsApproval ? 'installment.funder_settlement_proposed' : 'installment.funder_settlement_paid',
    targetType: 'installment_funder',
    targetId: options.funderId,
    detail: {
      settlementId: id,
      amountMinor: preview.amountMinor,
      bankReference,
      periodFrom: preview.periodFrom,
      periodTo: preview.periodTo,
      approvalAboveMinor: options.approvalAboveMinor,
      receivablePaidMinor,
    },
    at: now,
  });
  return presentSettlement(row);
}
