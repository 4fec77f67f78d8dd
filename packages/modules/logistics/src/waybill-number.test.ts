import { isAppError } from '@zulin/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isS10Number, parseS10Number, s10CheckDigit, s10Number } from './waybill-number';

describe('S10 waybill numbers', () => {
  it('computes the UPU check digit: 47312482 → 9 (weights 8 6 4 2 3 5 9 7, 11 − 200 mod 11)', () => {
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(isS10Number('RR473124829GB')).toBe(true);
    expect(isS10Number('RR473124828GB')).toBe(false);
  });

  it('writes 10 as 0 and 11 as 5', () => {
    expect(s10CheckDigit('00000008')).toBe(0); // 8 × 7 = 56, 56 mod 11 = 1, 11 − 1 = 10
    expect(s10CheckDigit('00000000')).toBe(5); // 0 mod 11 = 0, 11 − 0 = 11
  });

  it('numbers parcels of a service in sequence', () => {
    expect(s10Number({ service: 'ZS', serial: 1 })).toBe('ZS000000014CN');
    expect(s10Number({ service: 'ZS', serial: 99_999_999 })).toMatch(/^ZS99999999[0-9]CN$/);
    expect(() => s10Number({ service: 'ZS', serial: 100_000_000 })).toThrow(/out of range/);
  });

  it('reads a scanned number, refusing another service or a wrong check digit', () => {
    expect(parseS10Number(' zs000000014cn ', 'ZS')).toBe('ZS000000014CN');
    for (const bad of ['ZS000000015CN', 'ZT000000014CN', 'ZS00000001CN', 42]) {
      try {
        parseS10Number(bad, 'ZS');
        expect.unreachable();
      } catch (e) {
        expect(isAppError(e) && e.code).toBe('LOGISTICS_WAYBILL_INVALID');
      }
    }
  });

  it('accepts every number it issues and refuses it with any other check digit', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(0, 1, 8, 99_999_999), fc.integer({ min: 0, max: 99_999_999 })),
        fc.integer({ min: 1, max: 9 }),
        (serial, shift) => {
          const number = s10Number({ service: 'ZS', serial });
          expect(isS10Number(number, 'ZS')).toBe(true);
          const check = Number(number[10]);
          const wrong = `${number.slice(0, 10)}${(check + shift) % 10}${number.slice(11)}`;
          expect(isS10Number(wrong, 'ZS')).toBe(false);
        },
      ),
    );
  });
});
