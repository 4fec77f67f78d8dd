// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) over otplib, the
// one implementation staff login and the wallet's second factor share. A code is accepted within a
// tolerance either side of now, and each time step only once: the caller stores the step a code
// matched and passes it back as `lastStep`, so the same code (or an older one) never works twice.
import { assert } from '@zulin/kernel';
import { generate, generateSecret, generateURI, verify } from 'otplib';

export const totpStepSeconds = 30;
export const totpDigits = 6;
/** How far a code may be from now: one step either side absorbs a phone's clock drift. */
export const totpToleranceSeconds = 30;

/** A new random secret in base32 (160 bits), for an authenticator app. */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The `otpauth://` link an authenticator app reads (as a QR code or typed). */
export function totpUri(input: { issuer: string; label: string; secret: string }): string {
  return generateURI({ issuer: input.issuer, label: input.label, secret: input.secret });
}

export function totpStepOf(now: Date): number {
  return Math.floor(now.getTime() / 1000 / totpStepSeconds);
}

/**
 * The time step a code matched, or null when it is wrong, outside the tolerance, or for a step at
 * or before `lastStep` (already used).
 */
export async function matchTotp(input: {
  secret: string;
  token: string;
  now: Date;
  lastStep: number | null;
}): Promise<number | null> {
  if (!/^[0-9]{6}$/.test(input.token)) return null;
  const epoch = Math.floor(input.now.getTime() / 1000);
  const result = await verify({
    secret: input.secret,
    token: input.token,
    epoch,
    epochTolerance: totpToleranceSeconds,
  });
  if (!result.valid) return null;
  const step = Math.floor(epoch / totpStepSeconds) + result.delta;
  if (input.lastStep !== null && step <= input.lastStep) return null;
  return step;
}

/** The code of the step containing `at` — what an authenticator app shows then (sandbox and tests). */
export async function totpCodeAt(secret: string, at: Date): Promise<string> {
  const code = await generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
  assert(/^[0-9]{6}$/.test(code), 'a TOTP code is 6 digits');
  return code;
}
