// A withdrawal whose hold expired before the bank answered fails, and the money returns to the wallet.
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import type { WalletDeps } from './deps';
import { walletWithdrawals } from './schema';
import { markWithdrawal } from './withdrawals';

/** The hold of a withdrawal expired (the bank never answered): the money is back; the withdrawal failed. */
export async function failExpiredWithdrawal(tx: Executor, deps: WalletDeps, withdrawalId: string): Promise<void> {
  const [w] = await tx.select().from(walletWithdrawals).where(eq(walletWithdrawals.id, withdrawalId)).for('update');
  if (w?.status !== 'processing') return;
  await markWithdrawal(tx, deps, w, false, 'hold_expired');
}
