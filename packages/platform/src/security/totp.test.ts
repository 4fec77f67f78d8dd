import { expect, test } from 'vitest';
import { matchTotp, newTotpSecret, totpCodeAt, totpStepOf, totpUri } from './totp';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const now = new Date('2026-03-02T02:00:15Z');

test('RFC 6238 test vector: SHA-1, 8 digits truncated to 6 at T = 59 s is 287082', async () => {
  // RFC 6238 appendix B: secret "12345678901234567890" (ASCII) = base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ.
  expect(await totpCodeAt('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', new Date(59_000))).toBe('287082');
});

test('a code matches its own step and one step either side (clock skew), not two', async () => {
  const step = totpStepOf(now);
  const code = await totpCodeAt(secret, now);
  expect(await matchTotp({ secret, token: code, now, lastStep: null })).toBe(step);
  expect(await matchTotp({ secret, token: code, now: new Date(now.getTime() + 30_000), lastStep: null })).toBe(step);
  expect(await matchTotp({ secret, token: code, now: new Date(now.getTime() - 30_000), lastStep: null })).toBe(step);
  const twoStepsLater = new Date(now.getTime() + 60_000);
  if ((await totpCodeAt(secret, twoStepsLater)) !== code) {
    expect(await matchTotp({ secret, token: code, now: twoStepsLater, lastStep: null })).toBeNull();
  }
});

test('a code works once: the step it matched, and any older one, is refused as a replay', async () => {
  const code = await totpCodeAt(secret, now);
  const step = await matchTotp({ secret, token: code, now, lastStep: null });
  expect(step).not.toBeNull();
  expect(await matchTotp({ secret, token: code, now, lastStep: step })).toBeNull();
  const previous = await totpCodeAt(secret, new Date(now.getTime() - 30_000));
  expect(await matchTotp({ secret, token: previous, now, lastStep: step })).toBeNull();
});

test('malformed tokens are refused without an error', async () => {
  for (const token of ['', '12345', '1234567', 'abcdef', '12 456']) {
    expect(await matchTotp({ secret, token, now, lastStep: null })).toBeNull();
  }
});

test('a new secret is base32 of 160 bits and its URI names issuer and account', () => {
  const s = newTotpSecret();
  expect(s).toMatch(/^[A-Z2-7]{32}$/);
  const uri = totpUri({ issuer: 'Zulin', label: 'cus_1', secret: s });
  expect(uri).toContain('otpauth://totp/');
  expect(uri).toContain(`secret=${s}`);
  expect(uri).toContain('issuer=Zulin');
});
