import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatePayment, allocationRank, type OwedLine } from './allocate';
import { billLineKinds } from './schema';

describe('allocatePayment', () => {
  it('pays penalty, then fees, then interest, then principal', () => {
    const lines: OwedLine[] = [
      { position: 0, kind: 'principal', owedMinor: 80_000 },
      { position: 1, kind: 'interest', owedMinor: 5_000 },
      { position: 2, kind: 'fee', owedMinor: 1_000 },
      { position: 3, kind: 'penalty', owedMinor: 320 },
    ];
    expect(allocatePayment(lines, 6_000)).toEqual([
      { position: 3, amountMinor: 320 },
      { position: 2, amountMinor: 1_000 },
      { position: 1, amountMinor: 4_680 },
    ]);
    expect(allocatePayment(lines, 86_320).map((a) => a.amountMinor)).toEqual([320, 1_000, 5_000, 80_000]);
  });

  it('skips lines already paid', () => {
    const lines: OwedLine[] = [
      { position: 0, kind: 'rent', owedMinor: 0 },
      { position: 1, kind: 'rent', owedMinor: 29_900 },
    ];
    expect(allocatePayment(lines, 100)).toEqual([{ position: 1, amountMinor: 100 }]);
  });

  it('refuses more than is owed', () => {
    expect(() => allocatePayment([{ position: 0, kind: 'rent', owedMinor: 100 }], 101)).toThrow(/exceeds/);
  });

  const line = fc.record({
    kind: fc.constantFrom(...billLineKinds),
    owedMinor: fc.integer({ min: 0, max: 10_000_000 }),
  });

  it('always allocates exactly the payment, never more than a line owes, higher ranks first', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }).filter((ls) => ls.some((l) => l.owedMinor > 0)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (raw, share) => {
          const lines = raw.map((l, position) => ({ ...l, position }));
          const owed = lines.reduce((s, l) => s + l.owedMinor, 0);
          const amount = Math.max(1, Math.min(owed, Math.round(owed * share)));
          const allocations = allocatePayment(lines, amount);
          expect(allocations.reduce((s, a) => s + a.amountMinor, 0)).toBe(amount);
          const byPosition = new Map(allocations.map((a) => [a.position, a.amountMinor]));
          for (const l of lines) expect(byPosition.get(l.position) ?? 0).toBeLessThanOrEqual(l.owedMinor);
          // No line of a lower rank gets money while a line of a higher rank still owes some.
          for (const low of lines) {
            if ((byPosition.get(low.position) ?? 0) === 0) continue;
            for (const high of lines) {
              if (allocationRank[high.kind] < allocationRank[low.kind]) {
                expect(byPosition.get(high.position) ?? 0).toBe(high.owedMinor);
              }
            }
          }
        },
      ),
    );
  });
});
