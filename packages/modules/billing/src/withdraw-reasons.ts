// Why a bill's source withdrew it, as a stable code and its parameters (never a sentence), so that
// the console words it in the reader's language (apps/admin i18n billing.withdrawReasons). Bills
// withdrawn before the codes keep the English their source wrote in `waive_reason`, shown as written.

export const withdrawReasonCodes = [
  /** An installment order cancelled before its down payment was paid in full; params.cause: who or what cancelled it. */
  'installment_order_cancelled',
  /** A rental's buyout, return or renewal the customer abandoned; params.kind: which. */
  'rental_after_sale_abandoned',
] as const;

export type WithdrawReasonCode = (typeof withdrawReasonCodes)[number];

/** What a withdrawal's code is worded with; each value is itself a code the apps word. */
export interface WithdrawReason {
  code: WithdrawReasonCode;
  params?: Record<string, string>;
}
