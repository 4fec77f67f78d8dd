// The transfer codes the wallet writes to the ledger, and the transaction types customers see.
export const walletTypes = [
  'top_up',
  'withdrawal',
  'transfer',
  'bill_split',
  'points_redemption',
  'cashback',
  'dispute_refund',
  'dispute_reversal',
  'bill_payment',
] as const;
export type WalletType = (typeof walletTypes)[number];

export function walletCode(type: WalletType): string {
  return `wallet.${type}`;
}

/** Points codes on the POINTS accounts. */
export const pointsCodes = {
  earn: 'points.earn',
  redeem: 'points.redeem',
  expire: 'points.expire',
} as const;
