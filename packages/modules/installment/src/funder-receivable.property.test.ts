// The funder's own cash (funder-receivable.ts): after any disbursements, collections, cancellations
// before the first period bill and settlements, in any order, a final paid settlement leaves the
// funder's part of 1200 funder receivables and its 2210 payable both at zero; every posting balanced;
// the bank clearing account has received exactly the disbursements (not reversed) less the funder's
// share of the collections. The postings are those of disburse-funded-order.ts (1200 ← 1210),
// record-funder-collection.ts (1210 / 4100 → 2210, split by splitCollection), reverse-funder-
// disbursement.ts (1210 ← 1200), settle-funder.ts (2210 → bank clearing) and the receivable's
// (bank clearing ← 1200, or back when negative: funderReceivableOwedMinor), on an in-memory ledger.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { funderReceivableOwedMinor } from './funder-receivable';
import { funderDisbursementMinor, splitCollection } from './funders-split';

type Account = 1100 | 1200 | 1210 | 2210 | 4100;

class Ledger {
  readonly net = new Map<Account, number>();
  post(debit: Account, credit: Account, amountMinor: number) {
    expect(Number.isSafeInteger(amountMinor) && amountMinor >= 0).toBe(true);
    this.net.set(debit, (this.net.get(debit) ?? 0) + amountMinor);
    this.net.set(credit, (this.net.get(credit) ?? 0) - amountMinor);
  }
  of(account: Account) {
    return this.net.get(account) ?? 0;
  }
  sum() {
    return [...this.net.values()].reduce((a, b) => a + b, 0);
  }
}

interface Order {
  principalMinor: number;
  disbursedMinor: number;
  reversed: boolean;
  collected: { principalMinor: number; interestMinor: number };
  started: boolean;
}

const step = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), principalMinor: fc.integer({ min: 1, max: 100_000_000 }) }),
  fc.record({
    kind: fc.constant('collect' as const),
    pick: fc.nat(),
    principalMinor: fc.integer({ min: 0, max: 10_000_000 }),
    interestMinor: fc.integer({ min: 0, max: 1_000_000 }),
    otherMinor: fc.integer({ min: 0, max: 100_000 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.constant({ kind: 'settle' as const }),
);

function settle(ledger: Ledger, orders: Order[], paid: { receivableMinor: number }) {
  // 2210 → bank clearing: what the funder is owed of the collections.
  const payable = -ledger.of(2210);
  if (payable > 0) ledger.post(2210, 1100, payable);
  // The funder pays for its disbursements (or is paid back a reversed one it had paid for).
  const owed = funderReceivableOwedMinor(
    orders.map((o) => ({ disbursedMinor: o.disbursedMinor, reversed: o.reversed })),
    paid.receivableMinor,
  );
  if (owed > 0) ledger.post(1100, 1200, owed);
  if (owed < 0) ledger.post(1200, 1100, -owed);
  paid.receivableMinor += owed;
}

describe('the funder’s accounts after disbursements, collections and a settlement', () => {
  test('unit: ¥6,000.00 funded 80 % (¥4,800.00), period 1 collected (¥423.47 to the funder), settled: 1200 and 2210 at 0', () => {
    const ledger = new Ledger();
    const shares = { principalShareBps: 8000, interestShareBps: 7500 };
    const disbursed = funderDisbursementMinor(600_000, 8000);
    expect(disbursed).toBe(480_000);
    ledger.post(1200, 1210, disbursed);
    const split = splitCollection(
      shares,
      { principalMinor: 0, interestMinor: 0 },
      { principalMinor: 47_309, interestMinor: 6_000, otherMinor: 0 },
    );
    expect(split.funderPrincipalMinor + split.funderInterestMinor).toBe(42_347);
    ledger.post(1210, 2210, split.funderPrincipalMinor);
    ledger.post(4100, 2210, split.funderInterestMinor);
    const order: Order = {
      principalMinor: 600_000,
      disbursedMinor: disbursed,
      reversed: false,
      collected: { principalMinor: 47_309, interestMinor: 6_000 },
      started: true,
    };
    const paid = { receivableMinor: 0 };
    settle(ledger, [order], paid);
    expect(ledger.of(1200)).toBe(0);
    expect(ledger.of(2210)).toBe(0);
    // The bank: +¥4,800.00 from the funder, −¥423.47 to it.
    expect(ledger.of(1100)).toBe(480_000 - 42_347);
    // A second settlement books nothing more.
    settle(ledger, [order], paid);
    expect(ledger.of(1100)).toBe(480_000 - 42_347);
    expect(paid.receivableMinor).toBe(480_000);
  });

  test('property: any sequence, then a settlement — the funder’s 1200 and 2210 net to zero, the ledger balanced', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(step, { maxLength: 40 }),
        (principalShareBps, interestShareBps, steps) => {
          const shares = { principalShareBps, interestShareBps };
          const ledger = new Ledger();
          const orders: Order[] = [];
          const paid = { receivableMinor: 0 };
          let funderCollected = 0;
          for (const st of steps) {
            if (st.kind === 'order') {
              const disbursedMinor = funderDisbursementMinor(st.principalMinor, principalShareBps);
              if (disbursedMinor > 0) ledger.post(1200, 1210, disbursedMinor);
              orders.push({
                principalMinor: st.principalMinor,
                disbursedMinor,
                reversed: false,
                collected: { principalMinor: 0, interestMinor: 0 },
                started: false,
              });
            } else if (st.kind === 'collect') {
              const open = orders.filter((o) => !o.reversed);
              const o = open[st.pick % Math.max(1, open.length)];
              if (o === undefined) continue;
              const principalMinor = Math.min(st.principalMinor, o.principalMinor - o.collected.principalMinor);
              const split = splitCollection(shares, o.collected, {
                principalMinor,
                interestMinor: st.interestMinor,
                otherMinor: st.otherMinor,
              });
              ledger.post(1210, 2210, split.funderPrincipalMinor);
              ledger.post(4100, 2210, split.funderInterestMinor);
              funderCollected += split.funderPrincipalMinor + split.funderInterestMinor;
              o.collected = {
                principalMinor: o.collected.principalMinor + principalMinor,
                interestMinor: o.collected.interestMinor + st.interestMinor,
              };
              o.started = true;
            } else if (st.kind === 'cancel') {
              // Only an order with nothing collected (before its first period bill) is cancelled.
              const cancellable = orders.filter((o) => !o.reversed && !o.started);
              const o = cancellable[st.pick % Math.max(1, cancellable.length)];
              if (o === undefined) continue;
              if (o.disbursedMinor > 0) ledger.post(1210, 1200, o.disbursedMinor);
              o.reversed = true;
            } else {
              settle(ledger, orders, paid);
              expect(ledger.of(1200)).toBe(0);
              expect(ledger.of(2210)).toBe(0);
            }
            expect(ledger.sum()).toBe(0);
          }
          settle(ledger, orders, paid);
          expect(ledger.of(1200)).toBe(0);
          expect(ledger.of(2210)).toBe(0);
          expect(ledger.sum()).toBe(0);
          const disbursed = orders.reduce((sum, o) => sum + (o.reversed ? 0 : o.disbursedMinor), 0);
          expect(paid.receivableMinor).toBe(disbursed);
          expect(ledger.of(1100)).toBe(disbursed - funderCollected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
