// The public face of the installment module: the only file other modules may import: the pure money
// engine (schedules, disclosure, prepayment, overdue, the cap) and the server module.

export {
  type AccruedPenalty,
  type AccruePenaltyOptions,
  accruePenalty,
  type PrincipalPayment,
} from './accrue-penalty';
export {
  type AllocatePaymentOptions,
  type AllocationComponent,
  type AllocationLine,
  allocatePayment,
  allocationComponents,
  type PaymentAllocation,
  type PeriodOwed,
} from './allocate-payment';
export {
  type AmortizeOptions,
  amortize,
  levelPaymentMinor,
  levelPrincipalMinor,
  monthlyRateOf,
} from './amortize';
export { buildPlan, periodFeeOf, ruleFor } from './build-plan';
export { type CancelReason, type CancelReasonCode, cancelReasonCodes, readCancelReason } from './cancel-reasons';
export { checkRateCap, type OfferPricing, offerAnnualisedRates } from './check-rate-cap';
export {
  bucketFor,
  checkBuckets,
  type DelinquencyBucket,
  daysPastDue,
  defaultDelinquencyBuckets,
} from './delinquency-buckets';
export { type InstallmentDeps, installmentDeps } from './deps';
export { InstallmentErrors } from './errors';
export { InstallmentEvents } from './events';
export { FieldProblems, isIntegerIn } from './field-problems';
export { InstallmentLimits } from './limits';
export { formatBpsAsPercent, type Locale, rateAboveCapText } from './messages';
export { installmentModule } from './module';
export { accruedInterestMinor, type InterestAccrual, type PayoffQuote } from './pay-off';
export { assertPlan, balanceAfterPeriod, dueDateOfPeriod, lastPeriodOf } from './plan-state';
export {
  type AllocationOrder,
  allocationOrders,
  defaultInstallmentPolicy,
  type InstallmentPolicy,
  penaltyAnnualRateBpsOf,
  penaltyDailyRateBps,
  rateCapBps,
  validatePolicy,
} from './policy';
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
