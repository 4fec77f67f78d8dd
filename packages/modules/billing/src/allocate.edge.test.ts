import { AssertionError } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import { allocatePayment, allocationOrder } from './allocate';

// Edges of the bill allocation (DOMAIN §6) for mutants the 2026-12-03 mutation run (issue #19) left alive.
describe('bill allocation at its edges', () => {
  it('within one rank money reaches lines in line order, whatever order they are given in (allocate 31: `a.position - b.position` → `+`)', () => {
    const lines = [
      { position: 3, kind: 'shipping' as const, owedMinor: 1_000 },
      { position: 1, kind: 'fee' as const, owedMinor: 500 },
      { position: 2, kind: 'damage' as const, owedMinor: 800 },
    ];
    expect(allocationOrder(lines).map((l) => l.position)).toEqual([1, 2, 3]);
    // 900 分: all 500 of line 1, then 400 of line 2; line 3 gets nothing.
    expect(allocatePayment(lines, 900)).toEqual([
      { position: 1, amountMinor: 500 },
      { position: 2, amountMinor: 400 },
    ]);
  });

  it('a payment of 0, −1 or 1.5 分 is refused, 1 分 is taken (allocate 36: the guard → true, `&&` → `||`, `> 0` → `>= 0`)', () => {
    const lines = [{ position: 1, kind: 'rent' as const, owedMinor: 100 }];
    for (const amountMinor of [0, -1, 1.5]) {
      expect(() => allocatePayment(lines, amountMinor)).toThrow(AssertionError);
    }
    expect(allocatePayment(lines, 1)).toEqual([{ position: 1, amountMinor: 1 }]);
  });
});
