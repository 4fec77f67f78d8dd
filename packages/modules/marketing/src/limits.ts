// The marketing module's bounds and defaults, named with their units: no literal bound beside the code.
export const MarketingLimits = Object.freeze({
  /** A template's name, in characters. */
  nameLengthMax: 40,
  /** A redeem code, in characters (stored upper case). */
  codeLengthMax: 32,
  /** The largest amount a coupon takes off or its threshold, in 分 (¥100,000). */
  amountMinorMax: 10_000_000,
  /** The largest free rent days a coupon gives. */
  freeDaysMax: 365,
  /** Coupons of one template one customer may hold, at most. */
  perCustomerLimitMax: 100,
  /** A template's total stock, at most. */
  totalStockMax: 10_000_000,
  /** Coupons applied to one order (rental's RentalLimits.discountsMax is the same bound). */
  couponsPerOrderMax: 10,
  /** Coupons a customer's list shows, newest first. */
  myCouponsListMax: 200,
  /** Templates a console page lists. */
  templatesPageMax: 100,
  /** Rent days in a month, for a free-days coupon on a monthly plan. */
  daysPerMonth: 30,
});
