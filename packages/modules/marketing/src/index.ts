// The public face of the marketing module: the only file other modules may import.
export { type CouponBases, couponDiscountMinor } from './coupon-discount';
export { MarketingErrors } from './errors';
export { MarketingEvents } from './events';
export { MarketingLimits } from './limits';
export { marketingModule } from './module';
export { type PricedCoupon, priceCoupons } from './price-coupons';
export { redeemCoupon } from './redeem-coupon';
export { returnCoupons } from './return-coupons';
export { useCoupons } from './use-coupons';
