// The public face of the installment module: the only file other modules may import. Phase 1 is the
// pure money engine (no routes, no tables): schedules, disclosure, prepayment, overdue and the cap.

export {
  type AmortizeOptions,
  amortize,
  levelPaymentMinor,
  levelPrincipalMinor,
  monthlyRateOf,
} from './amortize';
export { buildPlan, periodFeeOf, ruleFor } from './build-plan';
export { InstallmentErrors } from './errors';
export { InstallmentLimits } from './limits';
export { accruedInterestMinor, type InterestAccrual, type PayoffQuote } from './pay-off';
export { assertPlan, balanceAfterPeriod, dueDateOfPeriod, lastPeriodOf } from './plan-state';
export {
  type DisclosedRates,
  discloseRates,
  type InstallmentQuote,
  quoteInstallment,
  summarizePlan,
} from './quote-installment';
export { type PrepayQuoteInput, quotePrepayment, validatePrepayQuoteInput } from './quote-prepayment';
export type { PartialStrategy } from './rebuild-schedule';
export {
  type PartialPrepaymentQuote,
  type PartialPrepaymentRequest,
  type PartialPrepaymentSettlement,
  type PayoffRequest,
  type PayoffSettlement,
  type PrepaymentRequest,
  type PrepaymentSettlement,
  type SettlePrepaymentOptions,
  settlePrepayment,
} from './settle-prepayment';
export {
  type PeriodChange,
  type PrepaymentStrategy,
  prepaymentStrategies,
  type SettlementLine,
} from './settlement-types';
export {
  type AmortizationRule,
  type AppliedPrepayment,
  type InstallmentMethod,
  type InstallmentPlan,
  type InstallmentTerms,
  installmentMethods,
  type ScheduleRow,
} from './types';
export { checkTerms, type InstallmentTermsInput, validateTerms } from './validate-terms';
