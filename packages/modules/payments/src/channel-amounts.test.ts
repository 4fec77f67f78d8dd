import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToMinor, minorToYuan, yuanToMinor } from './channel-amounts';

const largest = 999_999_999_999_999; // 15 digits of fen: the largest the yuan pattern admits
const amounts = fc.oneof(
  fc.constantFrom(0, 1, 9, 10, 99, 100, 101, 8888, 100_000_000, largest),
  fc.integer({ min: 0, max: largest }),
);

describe('channel amounts', () => {
  it('reads yuan strings exactly, without a float', () => {
    expect(yuanToMinor('0.01')).toBe(1);
    expect(yuanToMinor('0.1')).toBe(10);
    expect(yuanToMinor('88.88')).toBe(8888);
    expect(yuanToMinor('1')).toBe(100);
    expect(yuanToMinor('0')).toBe(0);
    // 0.29 * 100 is 28.999999999999996 as a float; read as text it is 29.
    expect(yuanToMinor('0.29')).toBe(29);
    expect(yuanToMinor('1.15')).toBe(115);
    expect(yuanToMinor('9999999999999.99')).toBe(999_999_999_999_999);
  });

  it('refuses more than two decimals, signs, exponents and other shapes', () => {
    for (const bad of [
      '0.001',
      '1.005',
      '-1.00',
      '+1',
      '1e2',
      ' 1.00',
      '1.00 ',
      '',
      '.5',
      '5.',
      '01.00',
      '1,00',
      'NaN',
      '1000000000000000',
    ]) {
      expect(() => yuanToMinor(bad), bad).toThrowError(expect.objectContaining({ code: 'PAYMENTS_AMOUNT_INVALID' }));
    }
  });

  it('writes minor units as yuan with exactly two decimals', () => {
    expect(minorToYuan(0)).toBe('0.00');
    expect(minorToYuan(1)).toBe('0.01');
    expect(minorToYuan(10)).toBe('0.10');
    expect(minorToYuan(8888)).toBe('88.88');
    expect(() => minorToYuan(-1)).toThrowError(expect.objectContaining({ code: 'PAYMENTS_AMOUNT_INVALID' }));
    expect(() => minorToYuan(1.5)).toThrowError(expect.objectContaining({ code: 'PAYMENTS_AMOUNT_INVALID' }));
  });

  it('round-trips every amount from 0 through 1 fen to the largest', () => {
    fc.assert(
      fc.property(amounts, (minor) => {
        expect(yuanToMinor(minorToYuan(minor))).toBe(minor);
      }),
    );
  });

  it('reads fen digits sent as yuan as a hundred times the amount, so the amount check catches it (seed 003)', () => {
    // An order of ¥88.88 (8888 fen): a channel that writes the fen digits into a yuan field says "8888",
    // which is ¥8,888.00 — 888800 fen, not equal to the order, and refused by the amount check.
    expect(yuanToMinor('8888')).toBe(888_800);
    expect(yuanToMinor('8888')).not.toBe(8888);
  });

  it('reads WeChat fen only as non-negative integers', () => {
    expect(fenToMinor(1)).toBe(1);
    expect(fenToMinor(0)).toBe(0);
    for (const bad of [1.5, -1, '100', null, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => fenToMinor(bad)).toThrowError(expect.objectContaining({ code: 'PAYMENTS_AMOUNT_INVALID' }));
    }
  });
});
