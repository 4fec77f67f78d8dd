import { expect, test } from 'vitest';
import { checkTimestamp, safeEqual, signBody, verifySignature } from './webhook-signature';

const secret = Buffer.from('whsec_test');
const body = Buffer.from('{"id":"evt_1","type":"payment.succeeded"}');
const now = new Date('2026-03-02T02:00:00Z');
const t = Math.floor(now.getTime() / 1000);

const code = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

test('a signature over the body verifies; one changed byte does not', () => {
  const header = signBody(secret, body, t);
  expect(code(() => verifySignature(secret, body, header, now))).toBe('ok');
  const tampered = Buffer.from(body);
  tampered[2] = 0x49;
  expect(code(() => verifySignature(secret, tampered, header, now))).toBe('WEBHOOK_SIGNATURE_INVALID');
  expect(code(() => verifySignature(Buffer.from('other'), body, header, now))).toBe('WEBHOOK_SIGNATURE_INVALID');
});

test('the timestamp may be 300 s off either way, not 301 s', () => {
  for (const skew of [-300, 300]) {
    expect(code(() => verifySignature(secret, body, signBody(secret, body, t + skew), now))).toBe('ok');
  }
  for (const skew of [-301, 301]) {
    expect(code(() => verifySignature(secret, body, signBody(secret, body, t + skew), now))).toBe(
      'WEBHOOK_TIMESTAMP_STALE',
    );
  }
  expect(code(() => checkTimestamp(Number.NaN, now))).toBe('WEBHOOK_SIGNATURE_INVALID');
});

test('missing and malformed headers are refused with their own codes', () => {
  expect(code(() => verifySignature(secret, body, undefined, now))).toBe('WEBHOOK_SIGNATURE_MISSING');
  for (const header of ['t=abc,v1=00', `t=${t}`, `v1=${'0'.repeat(64)}`, `t=1e9,v1=${'0'.repeat(64)}`]) {
    expect(code(() => verifySignature(secret, body, header, now))).toBe('WEBHOOK_SIGNATURE_INVALID');
  }
});

test('safeEqual compares in constant time and treats different lengths as unequal', () => {
  expect(safeEqual('abc', 'abc')).toBe(true);
  expect(safeEqual('abc', 'abd')).toBe(false);
  expect(safeEqual('abc', 'abcd')).toBe(false);
});
