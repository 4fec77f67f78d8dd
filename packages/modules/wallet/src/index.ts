// The public face of the wallet module: the only file other modules may import.
export { lockCustomerWallet, pointsAccount, type WalletBalance, walletAccount, walletBalance } from './accounts';
export { awardPoints } from './award-points';
export { type BankAdapter, cardNumberValid, sandboxBankAdapter } from './bank-verification';
export { grantCashback } from './cashback';
export { type WalletType, walletCode, walletTypes } from './codes';
export type { WalletDeps } from './deps';
export { WalletErrors } from './errors';
export { WalletEvents } from './events';
export { WalletLimits } from './limits';
export { walletModule } from './module';
export { type PayFromWallet, payFromWallet } from './pay-from-wallet';
export { minorPerPoint, pointsSummary } from './points';
export { type PointsReasonCode, pointsReasonCodes, pointsReasonOf } from './points-reasons';
export { redeemPoints } from './redeem-points';
export { topUpPurpose } from './top-ups';
