// How a payment on an installment order settles what is owed (DOMAIN §6): penalty → fees →
// interest → principal, oldest period first, across periods; a part never exceeds what it owes.
import { assert, assertNonNegativeMinor, type BusinessDate, compareDates, sumMinor } from '@zulin/kernel';
import { InstallmentErrors } from './errors';
import { isIntegerIn } from './field-problems';
import { InstallmentLimits } from './limits';
import type { AllocationOrder } from './policy';

export const allocationComponents = ['penalty', 'fee', 'interest', 'principal'] as const;
export type AllocationComponent = (typeof allocationComponents)[number];

/** What one period still owes, component by component. */
export interface PeriodOwed {
  period: number;
  dueDate: BusinessDate;
  penaltyMinor: number;
  feeMinor: number;
  interestMinor: number;
  principalMinor: number;
}

export interface AllocationLine {
  period: number;
  component: AllocationComponent;
  amountMinor: number;
}

export interface PaymentAllocation {
  lines: AllocationLine[];
  appliedMinor: number;
  /** What is left of the payment once everything owed is settled (for the wallet, or a refund). */
  unappliedMinor: number;
  /** The periods as they stand after the payment, in the order they were given. */
  owedAfter: PeriodOwed[];
}

export interface AllocatePaymentOptions {
  owed: readonly PeriodOwed[];
  amountMinor: number;
  order: AllocationOrder;
}

const fieldOf = {
  penalty: 'penaltyMinor',
  fee: 'feeMinor',
  interest: 'interestMinor',
  principal: 'principalMinor',
} as const satisfies Record<AllocationComponent, keyof PeriodOwed>;

export function allocatePayment({ owed, amountMinor, order }: AllocatePaymentOptions): PaymentAllocation {
  if (!isIntegerIn(amountMinor, 1, InstallmentLimits.principalMinorMax)) {
    throw InstallmentErrors.INSTALLMENT_PAYMENT_INVALID({
      detail: 'A payment is a positive whole number of 分',
      errors: [{ path: '/body/amountMinor', message: `must be 1 to ${InstallmentLimits.principalMinorMax}` }],
    });
  }
  assertOwed(owed);
  const oldestFirst = [...owed].sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.period - b.period);
  const slots =
    order === 'oldest_period_first'
      ? oldestFirst.flatMap((p) => allocationComponents.map((component) => ({ period: p, component })))
      : allocationComponents.flatMap((component) => oldestFirst.map((p) => ({ period: p, component })));
  const after = new Map(owed.map((p) => [p.period, { ...p }]));
  const lines: AllocationLine[] = [];
  let leftMinor = amountMinor;
  for (const { period, component } of slots) {
    if (leftMinor === 0) break;
    const current = after.get(period.period);
    assert(current !== undefined, 'every slot belongs to a given period');
    const partMinor = Math.min(leftMinor, current[fieldOf[component]]);
    if (partMinor === 0) continue;
    current[fieldOf[component]] -= partMinor;
    leftMinor -= partMinor;
    lines.push({ period: period.period, component, amountMinor: partMinor });
  }
  const appliedMinor = amountMinor - leftMinor;
  assert(sumMinor(lines.map((line) => line.amountMinor)) === appliedMinor, 'the lines add up to what was applied');
  return { lines, appliedMinor, unappliedMinor: leftMinor, owedAfter: owed.map((p) => after.get(p.period) ?? p) };
}

function assertOwed(owed: readonly PeriodOwed[]): void {
  assert(
    owed.length <= InstallmentLimits.allocationPeriodsMax,
    `at most ${InstallmentLimits.allocationPeriodsMax} periods`,
  );
  const periods = new Set<number>();
  for (const p of owed) {
    assert(!periods.has(p.period), `period ${p.period} is listed once`);
    periods.add(p.period);
    for (const component of allocationComponents) assertNonNegativeMinor(p[fieldOf[component]], fieldOf[component]);
  }
}
