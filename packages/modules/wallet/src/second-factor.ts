// The second factor for large withdrawals (≥ ¥5,000) and transfers (≥ ¥2,000), DOMAIN.md §8: an SMS
// step-up code (sms-step-up.ts), or a TOTP code (RFC 6238, the platform's implementation) from an
// authenticator app the customer enrolls here. A TOTP code is accepted one step either side of
// now, and each step only once (no replay).
import type { Executor } from '@zulin/db';
import { decryptPii } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { matchTotp } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { WalletErrors } from './errors';
import { walletSecondFactors } from './schema';
import { type StepUpTry, spendStepUpCode } from './sms-step-up';

/** Whether the customer's authenticator is set up: none, enrolled but not confirmed, or active. */
export async function secondFactorStatus(tx: Executor, customerId: string): Promise<'none' | 'pending' | 'active'> {
  const [row] = await tx
    .select({ status: walletSecondFactors.status })
    .from(walletSecondFactors)
    .where(eq(walletSecondFactors.customerId, customerId));
  return row?.status ?? 'none';
}

/** What a withdrawal or transfer carries as its second factor: a TOTP code, or a counted SMS try. */
export interface SecondFactorProof {
  totpCode?: string | undefined;
  sms?: StepUpTry | undefined;
}

/** Throws unless the proof is a fresh, correct TOTP code of the active factor or a live SMS code. */
export async function requireSecondFactor(
  tx: Executor,
  deps: { clock: Clock; masterKey: Buffer },
  customerId: string,
  proof: SecondFactorProof | undefined,
): Promise<void> {
  if (proof?.sms !== undefined) {
    await spendStepUpCode(tx, deps, customerId, proof.sms);
    return;
  }
  if (proof?.totpCode === undefined) {
    throw WalletErrors.WALLET_SECOND_FACTOR_REQUIRED({
      detail:
        'This amount needs a second factor: send smsCode (request one at POST /v1/wallet/second-factor/sms) or totpCode from your authenticator app.',
      errors: [{ path: '/body/smsCode', message: 'required for this amount', code: 'SECOND_FACTOR_REQUIRED' }],
    });
  }
  await checkCode(tx, deps, customerId, proof.totpCode, { allowPending: false });
}

export async function checkCode(
  tx: Executor,
  deps: { clock: Clock; masterKey: Buffer },
  customerId: string,
  code: string,
  options: { allowPending: boolean },
): Promise<void> {
  const [factor] = await tx
    .select()
    .from(walletSecondFactors)
    .where(eq(walletSecondFactors.customerId, customerId))
    .for('update');
  if (!factor || (factor.status !== 'active' && !options.allowPending)) {
    throw WalletErrors.WALLET_SECOND_FACTOR_NOT_ENROLLED({ detail: 'Enroll at POST /v1/wallet/second-factor.' });
  }
  const secret = await decryptPii(tx, deps.masterKey, factor.secretEnc);
  const matched = await matchTotp({ secret, token: code, now: deps.clock.now(), lastStep: factor.lastStep });
  if (matched === null) {
    throw WalletErrors.WALLET_SECOND_FACTOR_INVALID({
      errors: [{ path: '/body/totpCode', message: 'wrong or already used', code: 'SECOND_FACTOR_INVALID' }],
    });
  }
  await tx.update(walletSecondFactors).set({ lastStep: matched }).where(eq(walletSecondFactors.customerId, customerId));
}
