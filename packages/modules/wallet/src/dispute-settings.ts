// The one operator setting of dispute handling: the refund above which a second staff member must
// approve (maker–checker, as for waivers). Read from the environment at start, checked, documented
// in README.md (Configuration) and docs/wallet.md.
import { WalletLimits } from './limits';

export const DISPUTE_APPROVAL_ENV = 'ZULIN_DISPUTE_REFUND_APPROVAL_ABOVE_YUAN';

/** In 分: a refund or reversal of more than this waits for a second staff member; 0: every one does. */
export function disputeApprovalAboveMinor(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[DISPUTE_APPROVAL_ENV]?.trim();
  if (!text) return WalletLimits.disputeApprovalAboveMinor;
  if (!/^\d{1,9}$/.test(text)) {
    throw new Error(
      `${DISPUTE_APPROVAL_ENV} must be a whole number of yuan (0: every refund is approved), got "${text}"`,
    );
  }
  return Number(text) * 100;
}
