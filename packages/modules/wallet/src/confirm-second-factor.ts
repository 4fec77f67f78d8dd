// Confirms an authenticator app with its first code: the second factor becomes active.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { walletSecondFactors } from './schema';
import { checkCode } from './second-factor';

/** Activates enrollment with a first correct code. */
export async function confirmSecondFactor(
  tx: Executor,
  deps: { clock: Clock; masterKey: Buffer },
  customerId: string,
  code: string,
): Promise<{ status: 'active' }> {
  await checkCode(tx, deps, customerId, code, { allowPending: true });
  await tx
    .update(walletSecondFactors)
    .set({ status: 'active', activatedAt: deps.clock.now() })
    .where(eq(walletSecondFactors.customerId, customerId));
  return { status: 'active' };
}
