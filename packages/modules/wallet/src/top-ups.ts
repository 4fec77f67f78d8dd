// Top-ups: a payment order at a channel; the channel's confirmed payment credits the wallet once.
// Once is held three ways: the inbox stores a provider event once, the top-up's status is checked
// under a row lock, and the ledger transfer's id is derived from the top-up (a replay is a no-op).
import type { Executor } from '@zulin/db';
import { and, eq } from 'drizzle-orm';
import { WalletErrors } from './errors';
import { type PaymentChannel, sandboxPaymentChannel } from './sandbox-channel';
import { walletTopUps } from './schema';

export type TopUp = typeof walletTopUps.$inferSelect & { cashierUrl: string };

export const channels: Record<string, PaymentChannel> = { sandbox: sandboxPaymentChannel };

export async function getTopUp(tx: Executor, customerId: string, id: string): Promise<TopUp> {
  const [row] = await tx
    .select()
    .from(walletTopUps)
    .where(and(eq(walletTopUps.id, id), eq(walletTopUps.customerId, customerId)));
  if (!row) throw WalletErrors.WALLET_TOP_UP_NOT_FOUND();
  return {
    ...row,
    cashierUrl: sandboxPaymentChannel.createPayment({
      outTradeNo: row.outTradeNo,
      amountMinor: row.amountMinor,
      description: '',
    }).cashierUrl,
  };
}
