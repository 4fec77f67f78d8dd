// Starts enrolling an authenticator app: a new TOTP secret, pending until its first code confirms it.
import type { Executor } from '@zulin/db';
import { encryptPii } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { newTotpSecret, totpUri } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { WalletErrors } from './errors';
import { walletSecondFactors } from './schema';

/** Starts (or restarts, while not yet active) enrollment; returns the secret for the authenticator app. */
export async function enrollSecondFactor(
  tx: Executor,
  deps: { clock: Clock; masterKey: Buffer },
  customerId: string,
): Promise<{ secret: string; otpauthUri: string; status: 'pending' }> {
  const [existing] = await tx.select().from(walletSecondFactors).where(eq(walletSecondFactors.customerId, customerId));
  if (existing?.status === 'active') {
    throw WalletErrors.WALLET_SECOND_FACTOR_INVALID({ detail: 'A second factor is already active.' });
  }
  const secret = newTotpSecret();
  const secretEnc = await encryptPii(tx, deps.masterKey, secret);
  await tx
    .insert(walletSecondFactors)
    .values({ customerId, secretEnc, status: 'pending', createdAt: deps.clock.now() })
    .onConflictDoUpdate({ target: walletSecondFactors.customerId, set: { secretEnc, createdAt: deps.clock.now() } });
  const otpauthUri = totpUri({ issuer: 'Zulin', label: customerId, secret });
  return { secret, otpauthUri, status: 'pending' };
}
