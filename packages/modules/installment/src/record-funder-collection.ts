// Splits one collection on a funded order (a payment on its period, prepayment or payoff bill) between
// the funder and the platform, in the ledger: the funder's share of principal 1210 → its payable 2210
// (billing moved the whole principal line out of 1210 when the bill was issued; the funder's part of it
// was the funder's, sold at disbursement) and its share of interest 4200 → 2210 (interest revenue that
// is the funder's). Fees and penalty, and every rounding remainder, stay the platform's
// (funders-split.ts). Runs in the delivery's transaction of billing's `billing.bill_paid`, once per
// payment (the payment id is the row's key and the transfers' ids).
import { getBill } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import { businessDateOf, type Clock } from '@zulin/kernel';
import { createTransfers, platformAccount } from '@zulin/ledger';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { disburseFundedOrder } from './disburse-funded-order';
import { type FunderCollectionRow, fundedBillKinds, loadFunder } from './funders';
import { splitCollection } from './funders-split';
import { loadOrder } from './orders';
import { installmentFunderCollections, installmentOrderBills } from './schema';

export const splitTransferId = (paymentId: string, part: 'principal' | 'interest') =>
  `txn_fsplit_${paymentId}_${part === 'principal' ? 'p' : 'i'}`;

export async function recordFunderCollection(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  options: { billId: string; paymentId: string },
): Promise<FunderCollectionRow | null> {
  const [link] = await tx
    .select()
    .from(installmentOrderBills)
    .where(
      and(eq(installmentOrderBills.billId, options.billId), inArray(installmentOrderBills.kind, [...fundedBillKinds])),
    );
  if (!link) return null;
  const order = await loadOrder(tx, link.orderId, { lock: true });
  // An order assigned before it started is disbursed when it starts; should this payment be delivered
  // first, the disbursement is booked now (idempotent), so a split never precedes it.
  const assigned = await disburseFundedOrder(tx, deps, order);
  if (!assigned) return null;
  const [done] = await tx
    .select()
    .from(installmentFunderCollections)
    .where(eq(installmentFunderCollections.paymentId, options.paymentId));
  if (done) return done;
  const bill = await getBill(tx, deps, options.billId);
  const payment = bill.payments.find((p) => p.id === options.paymentId);
  if (!payment) throw new Error(`payment ${options.paymentId} of bill ${options.billId} is missing`);
  const kindAt = new Map(bill.lines.map((l) => [l.position, l.kind]));
  let principalMinor = 0;
  let interestMinor = 0;
  let otherMinor = 0;
  for (const a of payment.allocations) {
    const kind = kindAt.get(a.position);
    if (kind === 'principal') principalMinor += a.amountMinor;
    else if (kind === 'interest') interestMinor += a.amountMinor;
    else otherMinor += a.amountMinor;
  }
  const [before] = await tx
    .select({
      principal: sql<number>`coalesce(sum(${installmentFunderCollections.principalMinor}), 0)::bigint`,
      interest: sql<number>`coalesce(sum(${installmentFunderCollections.interestMinor}), 0)::bigint`,
    })
    .from(installmentFunderCollections)
    .where(eq(installmentFunderCollections.orderId, order.id));
  const split = splitCollection(
    { principalShareBps: assigned.principalShareBps, interestShareBps: assigned.interestShareBps },
    { principalMinor: Number(before?.principal ?? 0), interestMinor: Number(before?.interest ?? 0) },
    { principalMinor, interestMinor, otherMinor },
  );
  const funder = await loadFunder(tx, assigned.funderId);
  const legs = [];
  const metadata = { funderId: funder.id, orderId: order.id, paymentId: payment.id };
  if (split.funderPrincipalMinor > 0) {
    const financed = await platformAccount(tx, deps.clock, 'installment_principal');
    legs.push({
      id: splitTransferId(payment.id, 'principal'),
      debitAccountId: financed.id,
      creditAccountId: funder.payableAccountId,
      amountMinor: split.funderPrincipalMinor,
      currency: 'CNY' as const,
      code: 'installment.funder_principal',
      reference: bill.id,
      metadata,
    });
  }
  if (split.funderInterestMinor > 0) {
    const interest = await platformAccount(tx, deps.clock, 'installment_interest_revenue');
    legs.push({
      id: splitTransferId(payment.id, 'interest'),
      debitAccountId: interest.id,
      creditAccountId: funder.payableAccountId,
      amountMinor: split.funderInterestMinor,
      currency: 'CNY' as const,
      code: 'installment.funder_interest',
      reference: bill.id,
      metadata,
    });
  }
  if (legs.length > 0) await createTransfers(tx, deps.clock, legs);
  const [row] = await tx
    .insert(installmentFunderCollections)
    .values({
      paymentId: payment.id,
      orderId: order.id,
      funderId: funder.id,
      billId: bill.id,
      billKind: link.kind,
      sequence: link.sequence,
      collectedMinor: payment.amountMinor,
      principalMinor,
      interestMinor,
      otherMinor,
      funderPrincipalMinor: split.funderPrincipalMinor,
      funderInterestMinor: split.funderInterestMinor,
      funderShareMinor: split.funderShareMinor,
      platformShareMinor: split.platformShareMinor,
      collectedOn: businessDateOf(payment.createdAt, deps.timeZone),
      createdAt: deps.clock.now(),
    })
    .returning();
  return row ?? null;
}
