// The shapes the installment engine works on. Amounts are integers of 分, rates basis points.
import type { BusinessDate } from '@zulin/kernel';

export const installmentMethods = ['equal_installment', 'equal_principal'] as const;
/** 等额本息 (equal installments) or 等额本金 (equal principal). */
export type InstallmentMethod = (typeof installmentMethods)[number];

/** The validated terms of a plan: what an offer and a principal make, and what a contract fixes. */
export interface InstallmentTerms {
  /** The amount financed, after the down payment. */
  principalMinor: number;
  termMonths: number;
  annualRateBps: number;
  method: InstallmentMethod;
  /** A fee of round(P × rate) charged every period; 0 for a plain interest plan. */
  feeRateBpsPerPeriod: number;
  /** The day the loan starts (delivery or signature); due dates keep its day of the month. */
  startDate: BusinessDate;
}

/** One period of a schedule, exactly as API.md's quote lists it. */
export interface ScheduleRow {
  period: number;
  dueDate: BusinessDate;
  principalMinor: number;
  interestMinor: number;
  feeMinor: number;
  paymentMinor: number;
  balanceAfterMinor: number;
}

/**
 * How each period's principal is found, kept with the plan so that a later prepayment can keep it:
 * a level payment M (等额本息 with interest: principal = M − interest) or a level principal p
 * (等额本金, and every plan at rate 0). Either way a period never repays more than the balance and
 * the last period repays the rest.
 */
export type AmortizationRule =
  | { kind: 'level_payment'; installmentMinor: number }
  | { kind: 'level_principal'; principalPerPeriodMinor: number };

/** A partial prepayment applied to a plan: X repaid on the due date of period `afterPeriod`. */
export interface AppliedPrepayment {
  afterPeriod: number;
  principalMinor: number;
  strategy: 'reduce_term' | 'reduce_installment';
}

/**
 * A plan as it stands: its terms, the rule in force, the fee per period and every period from 1 to
 * the last. After a partial prepayment the periods up to k are kept as they were paid and the rest
 * are the rebuilt ones, so the principals of the rows plus the prepaid principal add up to P.
 */
export interface InstallmentPlan {
  terms: InstallmentTerms;
  rule: AmortizationRule;
  periodFeeMinor: number;
  schedule: ScheduleRow[];
  prepayments: AppliedPrepayment[];
}
