import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { accruePenalty } from './accrue-penalty';
import { defaultInstallmentPolicy, penaltyAnnualRateBpsOf } from './policy';

// The default penalty rate is the cap: 4 × 3.00 % = 12 % a year, 12 %/365 a day.
const rateBps = penaltyAnnualRateBpsOf(defaultInstallmentPolicy);
const period = { dueDate: '2026-02-15', principalMinor: 49_992, penaltyAnnualRateBps: rateBps };

describe('penalty interest on an overdue period', () => {
  test('30 days on the whole principal', () => {
    // 49992 × 1200 × 30 / (10000 × 365) = 1,799,712,000 / 3,650,000 = 493.07 → 493
    expect(rateBps).toBe(1200);
    expect(accruePenalty({ ...period, asOfDate: '2026-03-17', principalPayments: [] })).toEqual({
      penaltyMinor: 493,
      daysPastDue: 30,
      principalDaysMinor: 49_992 * 30,
    });
  });

  test('nothing when paid on the due date, one day when paid the day after', () => {
    const paidOn = (date: string) =>
      accruePenalty({ ...period, asOfDate: '2026-03-17', principalPayments: [{ date, amountMinor: 49_992 }] });
    expect(paidOn('2026-02-15').penaltyMinor).toBe(0);
    // 49992 × 1200 × 1 / 3,650,000 = 16.44 → 16
    expect(paidOn('2026-02-16').penaltyMinor).toBe(16);
    expect(accruePenalty({ ...period, asOfDate: '2026-02-10', principalPayments: [] }).penaltyMinor).toBe(0);
  });

  test('a partial payment lowers the base from its date on, and the total is rounded once', () => {
    // 10 days on 49992, then 20 days on 29992: 499,920 + 599,840 = 1,099,760 分·days
    // × 1200 / 3,650,000 = 361.56 → 362 (rounding each stretch would give 164 + 197 = 361).
    const result = accruePenalty({
      ...period,
      asOfDate: '2026-03-17',
      principalPayments: [
        { date: '2026-04-01', amountMinor: 29_992 }, // after asOfDate: not yet made
        { date: '2026-02-25', amountMinor: 20_000 },
      ],
    });
    expect(result).toEqual({ penaltyMinor: 362, daysPastDue: 30, principalDaysMinor: 1_099_760 });
  });

  test('the daily tick can post today’s total minus what is posted: the totals never fall', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 1200 }),
        fc.array(fc.record({ day: fc.integer({ min: -5, max: 60 }), share: fc.integer({ min: 0, max: 100 }) }), {
          maxLength: 5,
        }),
        (principalMinor, penaltyAnnualRateBps, raw) => {
          let leftMinor = principalMinor;
          const principalPayments = raw.map(({ day, share }) => {
            const amountMinor = Math.floor((leftMinor * share) / 100);
            leftMinor -= amountMinor;
            const date = new Date(Date.UTC(2026, 1, 15 + day)).toISOString().slice(0, 10);
            return { date, amountMinor };
          });
          let previous = 0;
          for (let day = 0; day <= 60; day += 6) {
            const asOfDate = new Date(Date.UTC(2026, 1, 15 + day)).toISOString().slice(0, 10);
            const { penaltyMinor } = accruePenalty({
              ...period,
              principalMinor,
              penaltyAnnualRateBps,
              asOfDate,
              principalPayments,
            });
            expect(penaltyMinor).toBeGreaterThanOrEqual(previous);
            // Never more than the whole principal for every day at the rate.
            expect(penaltyMinor).toBeLessThanOrEqual(
              Math.round((principalMinor * penaltyAnnualRateBps * day) / 3_650_000) + 1,
            );
            previous = penaltyMinor;
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
