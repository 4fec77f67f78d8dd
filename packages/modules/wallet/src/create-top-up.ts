// Starts a top-up, in the route's command: the top-up and its payment order (state `created`, for the
// customer's wallet account, posted as `wallet.top_up`) are recorded together, with the
// Idempotency-Key's answer. The route submits the order to the channel after the commit.
import type { Executor } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { createPaymentOrder } from '@zulin/payments';
import { walletAccount } from './accounts';
import { walletCode } from './codes';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletTopUps } from './schema';
import { type TopUp, type TopUpChannel, topUpPurpose } from './top-ups';

export async function createTopUp(
  tx: Executor,
  clock: Clock,
  options: { customerId: string; amountMinor: number; channel: TopUpChannel },
): Promise<TopUp> {
  const { customerId, amountMinor, channel } = options;
  if (
    !Number.isSafeInteger(amountMinor) ||
    amountMinor < WalletLimits.topUpMinMinor ||
    amountMinor > WalletLimits.topUpMaxMinor
  ) {
    throw WalletErrors.WALLET_AMOUNT_INVALID({
      detail: `A top-up is from 0.01 to ${WalletLimits.topUpMaxMinor / 100} yuan.`,
      errors: [{ path: '/body/amountMinor', message: 'out of range' }],
    });
  }
  const wallet = await walletAccount(tx, clock, customerId);
  const id = newId('wtu', clock);
  const order = await createPaymentOrder(tx, clock, {
    channel,
    customerId,
    amountMinor,
    description: '钱包充值',
    purpose: topUpPurpose,
    reference: id,
    creditAccountId: wallet.id,
    postingCode: walletCode('top_up'),
  });
  const [row] = await tx
    .insert(walletTopUps)
    .values({
      id,
      customerId,
      channel,
      outTradeNo: order.outTradeNo,
      amountMinor,
      status: 'created',
      paymentId: order.id,
      createdAt: clock.now(),
    })
    .returning();
  assert(row, 'the top-up was inserted');
  return { ...row, cashierUrl: null, paymentState: order.state };
}
