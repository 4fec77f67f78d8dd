import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allocatePayment, allocationComponents, type PeriodOwed } from './allocate-payment';
import { InstallmentErrors } from './errors';

// Periods 1 and 2 of the ¥5,999.00 等额本息 plan, both overdue, with their penalty so far.
const owed: PeriodOwed[] = [
  { period: 2, dueDate: '2026-03-15', penaltyMinor: 16, feeMinor: 0, interestMinor: 5_526, principalMinor: 47_774 },
  { period: 1, dueDate: '2026-02-15', penaltyMinor: 493, feeMinor: 0, interestMinor: 5_999, principalMinor: 47_301 },
];

describe('allocation of a payment', () => {
  test('oldest period first, penalty → interest → principal, and what is left goes to the next', () => {
    // Period 1 owes 493 + 5999 + 47301 = 53793; of 60000, 6207 is left for period 2: 16 + 5526 + 665.
    const result = allocatePayment({ owed, amountMinor: 60_000, order: 'oldest_period_first' });
    expect(result.lines).toEqual([
      { period: 1, component: 'penalty', amountMinor: 493 },
      { period: 1, component: 'interest', amountMinor: 5_999 },
      { period: 1, component: 'principal', amountMinor: 47_301 },
      { period: 2, component: 'penalty', amountMinor: 16 },
      { period: 2, component: 'interest', amountMinor: 5_526 },
      { period: 2, component: 'principal', amountMinor: 665 },
    ]);
    expect(result.owedAfter[0]).toMatchObject({ period: 2, penaltyMinor: 0, interestMinor: 0, principalMinor: 47_109 });
    expect([result.appliedMinor, result.unappliedMinor]).toEqual([60_000, 0]);
  });

  test('a partial payment that does not reach the second period', () => {
    // 20000: period 1's penalty 493 and interest 5999, then 13508 of its principal.
    const oldestFirst = allocatePayment({ owed, amountMinor: 20_000, order: 'oldest_period_first' });
    expect(oldestFirst.lines).toEqual([
      { period: 1, component: 'penalty', amountMinor: 493 },
      { period: 1, component: 'interest', amountMinor: 5_999 },
      { period: 1, component: 'principal', amountMinor: 13_508 },
    ]);
    // component_first settles both penalties, then both interests, then principal oldest first:
    // 493 + 16 + 5999 + 5526 = 12034, leaving 7966 for period 1's principal.
    const byComponent = allocatePayment({ owed, amountMinor: 20_000, order: 'component_first' });
    expect(byComponent.lines).toEqual([
      { period: 1, component: 'penalty', amountMinor: 493 },
      { period: 2, component: 'penalty', amountMinor: 16 },
      { period: 1, component: 'interest', amountMinor: 5_999 },
      { period: 2, component: 'interest', amountMinor: 5_526 },
      { period: 1, component: 'principal', amountMinor: 7_966 },
    ]);
  });

  test('fees come after the penalty and before interest', () => {
    const feePlan: PeriodOwed[] = [
      { period: 3, dueDate: '2026-04-30', penaltyMinor: 50, feeMinor: 3_599, interestMinor: 0, principalMinor: 49_992 },
    ];
    expect(allocatePayment({ owed: feePlan, amountMinor: 4_000, order: 'oldest_period_first' }).lines).toEqual([
      { period: 3, component: 'penalty', amountMinor: 50 },
      { period: 3, component: 'fee', amountMinor: 3_599 },
      { period: 3, component: 'principal', amountMinor: 351 },
    ]);
  });

  test('more than is owed leaves the rest unapplied; a payment of 0 or a fraction is refused', () => {
    const all = 53_793 + 53_316;
    const result = allocatePayment({ owed, amountMinor: all + 100, order: 'oldest_period_first' });
    expect([result.appliedMinor, result.unappliedMinor]).toEqual([all, 100]);
    for (const amountMinor of [0, -1, 10.5]) {
      const run = () => allocatePayment({ owed, amountMinor, order: 'oldest_period_first' });
      expect(run).toThrow(expect.objectContaining({ code: InstallmentErrors.INSTALLMENT_PAYMENT_INVALID.code }));
    }
  });

  test('for any dues and payment: parts add up, none exceeds what it owes, earlier is settled before later', () => {
    const dues = fc.array(
      fc.record({
        penaltyMinor: fc.integer({ min: 0, max: 5_000 }),
        feeMinor: fc.integer({ min: 0, max: 5_000 }),
        interestMinor: fc.integer({ min: 0, max: 50_000 }),
        principalMinor: fc.integer({ min: 0, max: 500_000 }),
      }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(dues, fc.integer({ min: 1, max: 2_000_000 }), (parts, amountMinor) => {
        const periods = parts.map((p, i) => ({
          ...p,
          period: i + 1,
          dueDate: `2026-${String(i + 1).padStart(2, '0')}-15`,
        }));
        const result = allocatePayment({ owed: periods, amountMinor, order: 'oldest_period_first' });
        const total = result.lines.reduce((sum, line) => sum + line.amountMinor, 0);
        expect(total).toBe(result.appliedMinor);
        expect(result.appliedMinor + result.unappliedMinor).toBe(amountMinor);
        const rank = (line: { period: number; component: string }) =>
          line.period * 10 + allocationComponents.indexOf(line.component as never);
        // Lines come in strictly increasing (period, component) order, and only the last may be partial.
        for (const [i, line] of result.lines.entries()) {
          const before = periods[line.period - 1];
          const field = `${line.component}Minor` as 'penaltyMinor';
          expect(line.amountMinor).toBeGreaterThan(0);
          expect(line.amountMinor).toBeLessThanOrEqual(before?.[field] ?? 0);
          const next = result.lines[i + 1];
          if (next) {
            expect(rank(next)).toBeGreaterThan(rank(line));
            expect(line.amountMinor).toBe(before?.[field]);
          }
        }
      }),
    );
  });
});
