import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, luhnValid } from './luhn';

describe('luhn', () => {
  it('knows real check digits', () => {
    expect(luhnCheckDigit('49015420323751')).toBe(8); // IMEI 490154203237518
    expect(luhnValid('490154203237518')).toBe(true);
    expect(luhnValid('4111111111111111')).toBe(true); // a well-known test card
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('12a4')).toBe(false);
  });

  it('a body with its check digit is valid, and any single changed digit is caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{11,18}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
        const full = `${body}${luhnCheckDigit(body)}`;
        expect(luhnValid(full)).toBe(true);
        const i = at % full.length;
        const changed = `${full.slice(0, i)}${(Number(full[i]) + delta) % 10}${full.slice(i + 1)}`;
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });
});
