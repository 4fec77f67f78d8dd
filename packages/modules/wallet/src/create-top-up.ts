// Starts a top-up: a payment order at the channel, and the cashier link the customer pays at.
import type { Executor } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { walletAccount } from './accounts';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletTopUps } from './schema';
import { channels, type TopUp } from './top-ups';

export async function createTopUp(
  tx: Executor,
  clock: Clock,
  options: { customerId: string; amountMinor: number; channel?: string },
): Promise<TopUp> {
  const { customerId, amountMinor } = options;
  if (amountMinor < WalletLimits.topUpMinMinor || amountMinor > WalletLimits.topUpMaxMinor) {
    throw WalletErrors.WALLET_AMOUNT_INVALID({
      detail: `A top-up is from 0.01 to ${WalletLimits.topUpMaxMinor / 100} yuan.`,
      errors: [{ path: '/body/amountMinor', message: 'out of range' }],
    });
  }
  const channel = channels[options.channel ?? 'sandbox'];
  assert(channel, 'the route allows known channels only');
  await walletAccount(tx, clock, customerId);
  const id = newId('wtu', clock);
  const outTradeNo = `ZL${id.slice(4)}`;
  const { cashierUrl } = channel.createPayment({ outTradeNo, amountMinor, description: 'Zulin wallet top-up' });
  const [row] = await tx
    .insert(walletTopUps)
    .values({
      id,
      customerId,
      channel: channel.name,
      outTradeNo,
      amountMinor,
      status: 'created',
      createdAt: clock.now(),
    })
    .returning();
  assert(row, 'the top-up was inserted');
  return { ...row, cashierUrl };
}
