// The wallet module's events (docs/ledger-wallet.md lists what each means). Notification subscribes.
import { defineEvents, type EventPayloads } from '@zulin/db';
import type { DisputeType } from './disputes';

type Money = { customerId: string; amountMinor: number };
type BillSplit = Money & { splitId: string; title: string };

export const WalletEvents = defineEvents({
  'wallet.top_up_succeeded': (p: Money & { topUpId: string }) => p,
  /** The top-up's payment failed or was closed (money a channel took anyway is payments' suspense: its own events say so). */
  'wallet.top_up_failed': (p: Money & { topUpId: string; reason: 'channel_failed' }) => p,
  'wallet.withdrawal_requested': (p: Money & { withdrawalId: string }) => p,
  'wallet.withdrawal_succeeded': (p: Money & { withdrawalId: string; reason: string | null }) => p,
  'wallet.withdrawal_failed': (p: Money & { withdrawalId: string; reason: string | null }) => p,
  /** The bank paid after the hold ended: how much was taken from the wallet again and how much parked in suspense. */
  'wallet.withdrawal_paid_late': (
    p: Money & { withdrawalId: string; fromWalletMinor: number; fromSuspenseMinor: number },
  ) => p,
  /** `customerId` is the sender; a bill split share is a transfer of type `bill_split`. */
  'wallet.transfer_sent': (
    p: Money & {
      walletTransferId: string;
      transferId: string;
      fromCustomerId: string;
      toCustomerId: string;
      type: 'transfer' | 'bill_split';
    },
  ) => p,
  'wallet.bank_card_removed': (p: { bankCardId: string; customerId: string; last4: string }) => p,
  'wallet.cashback_granted': (p: Money & { cashbackId: string }) => p,
  /** amountMinor: the points' cash value (1 point = 1 分). */
  'wallet.points_awarded': (p: Money & { points: number; lotId: string; reason: string }) => p,
  'wallet.points_redeemed': (p: Money & { points: number; transferId: string }) => p,
  'wallet.points_expired': (p: Money & { points: number; lotId: string }) => p,
  'wallet.bill_split_requested': (p: BillSplit & { requesterCustomerId: string }) => p,
  'wallet.bill_split_settled': (p: BillSplit & { requesterCustomerId: string }) => p,
  'wallet.bill_split_expired': (p: BillSplit) => p,
  'wallet.dispute_opened': (
    p: Money & { disputeId: string; type: DisputeType; transferId: string; slaDueAt: string },
  ) => p,
  'wallet.dispute_resolved': (p: {
    disputeId: string;
    customerId: string;
    outcome: 'refund' | 'reversal' | 'rejected';
    /** null when rejected. */
    amountMinor: number | null;
  }) => p,
  'wallet.dispute_sla_breached': (p: { disputeId: string; customerId: string; slaDueAt: string }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof WalletEvents> {}
}
