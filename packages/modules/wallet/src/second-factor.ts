// The second factor for large withdrawals (≥ ¥5,000) and transfers (≥ ¥2,000), DOMAIN.md §8: an SMS
// step-up code (sms-step-up.ts), or a TOTP code (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits)
// from an authenticator app the customer enrolls here. A TOTP code is accepted one step either side
// of now, and each step only once (no replay).
import { createHmac, randomBytes } from 'node:crypto';
import type { Executor } from '@zulin/db';
import { decryptPii, encryptPii } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { WalletErrors } from './errors';
import { walletSecondFactors } from './schema';
import { type StepUpTry, spendStepUpCode } from './sms-step-up';

const stepSeconds = 30;
const digits = 6;
const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32[(value << (5 - bits)) & 31];
  return out;
}

function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, '')) {
    value = (value << 5) | base32.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code for one 30-second step (exported for tests and the sandbox). */
export function totpCode(secretBase32: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 15;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function currentStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / stepSeconds);
}

/** Whether the customer's authenticator is set up: none, enrolled but not confirmed, or active. */
export async function secondFactorStatus(tx: Executor, customerId: string): Promise<'none' | 'pending' | 'active'> {
  const [row] = await tx
    .select({ status: walletSecondFactors.status })
    .from(walletSecondFactors)
    .where(eq(walletSecondFactors.customerId, customerId));
  return row?.status ?? 'none';
}

/** Starts (or restarts, while not yet active) enrollment; returns the secret for the authenticator app. */
export async function enrollSecondFactor(
  tx: Executor,
  deps: { clock: Clock; masterKey: Buffer },
  customerId: string,
): Promise<{ secret: string; otpauthUri: string; status: 'pending' | 'active' }> {
  const [existing] = await tx.select().from(walletSecondFactors).where(eq(walletSecondFactors.customerId, customerId));
  if (existing?.status === 'active') {
    throw WalletErrors.WALLET_SECOND_FACTOR_INVALID({ detail: 'A second factor is already active.' });
  }
  const secret = base32Encode(randomBytes(20));
  const secretEnc = await encryptPii(tx, deps.masterKey, secret);
  await tx
    .insert(walletSecondFactors)
    .values({ customerId, secretEnc, status: 'pending', createdAt: deps.clock.now() })
    .onConflictDoUpdate({ target: walletSecondFactors.customerId, set: { secretEnc, createdAt: deps.clock.now() } });
  const otpauthUri = `otpauth://totp/Zulin:${customerId}?secret=${secret}&issuer=Zulin&digits=${digits}&period=${stepSeconds}`;
  return { secret, otpauthUri, status: 'pending' };
}

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

async function checkCode(
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
  const now = currentStep(deps.clock.now());
  const matched = [now - 1, now, now + 1].find((step) => totpCode(secret, step) === code);
  if (matched === undefined || (factor.lastStep !== null && matched <= factor.lastStep)) {
    throw WalletErrors.WALLET_SECOND_FACTOR_INVALID({
      errors: [{ path: '/body/totpCode', message: 'wrong or already used', code: 'SECOND_FACTOR_INVALID' }],
    });
  }
  await tx.update(walletSecondFactors).set({ lastStep: matched }).where(eq(walletSecondFactors.customerId, customerId));
}
