// Points for paying on time (DOMAIN.md §8): a rent or installment bill settled by payment on or before
// its due date earns 1 point per whole yuan paid (100 points = ¥1 off later). Awarded by a subscriber
// of `billing.bill_paid`, once per bill (the points lot is keyed by the bill), so a redelivered event
// awards nothing more. Manual charges (fees, damage) earn nothing.
import type { Executor } from '@zulin/db';
import { businessDateOf } from '@zulin/kernel';
import { awardPoints, WalletLimits } from '@zulin/wallet';
import { eq } from 'drizzle-orm';
import type { BillingDeps } from './deps';
import { billingBills } from './schema';

export const pointsEarningSources = ['rental', 'installment'] as const;

export function onTimePoints(paidMinor: number): number {
  return Math.min(Math.floor(paidMinor / 100), WalletLimits.pointsAwardMax);
}

export async function awardOnTimePoints(
  tx: Executor,
  deps: BillingDeps,
  billId: string,
): Promise<{ points: number; awarded: boolean }> {
  const [bill] = await tx.select().from(billingBills).where(eq(billingBills.id, billId));
  if (bill?.status !== 'paid' || !bill.settledAt) return { points: 0, awarded: false };
  if (!(pointsEarningSources as readonly string[]).includes(bill.sourceType)) return { points: 0, awarded: false };
  if (businessDateOf(bill.settledAt, deps.timeZone) > bill.dueDate) return { points: 0, awarded: false };
  const points = onTimePoints(bill.paidMinor);
  if (points === 0) return { points: 0, awarded: false };
  const { awarded } = await awardPoints(tx, deps, {
    customerId: bill.customerId,
    points,
    reason: `按时支付：${bill.title}`,
    sourceRef: `bill:${bill.id}`,
  });
  return { points, awarded };
}
