// What a prepayment or payoff books: the lines the money pays and the periods it changes.
import type { ScheduleRow } from './types';

export const prepaymentStrategies = ['reduce_term', 'reduce_installment', 'payoff'] as const;
export type PrepaymentStrategy = (typeof prepaymentStrategies)[number];

/**
 * One part of the money paid: principal (of a period for a payoff; of the balance for a partial
 * prepayment, period null), interest accrued to a payoff date, the per-period fee of a period in
 * arrears, or the prepay fee. Lines of 0 are left out, since a ledger transfer is always positive.
 */
export interface SettlementLine {
  kind: 'principal' | 'interest' | 'period_fee' | 'prepay_fee';
  period: number | null;
  amountMinor: number;
}

/** A period as it was and as it becomes: `after` null when the period is removed or settled. */
export interface PeriodChange {
  period: number;
  before: ScheduleRow | null;
  after: ScheduleRow | null;
}
