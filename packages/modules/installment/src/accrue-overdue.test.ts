// Penalty interest billed (issue #15): the overdue tick books the engine's accrued penalty into the
// overdue period's own bill as a `penalty` line (customer receivables ← 4400 penalty revenue), payments
// take it first, and it stops growing once the period's principal is paid. Real bills through billing,
// real payments from the wallet, on PGlite and PostgreSQL.
import { getBill, issueBill, payBillFromWallet } from '@zulin/billing';
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer } from '@zulin/identity/testing';
import { addDays, type BusinessDate, sumMinor } from '@zulin/kernel';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bookPeriodPenalty, penaltyDue, principalPaymentsOf } from './accrue-overdue';
import { accruePenalty } from './accrue-penalty';

describeDb('overdue penalty billed', (get) => {
  let s: TestServer;
  let sequence = 0;
  const deps = () => ({ clock: s.clock, timeZone: s.ctx.config.timeZone });
  const setDay = (date: BusinessDate) => s.clock.set(`${date}T02:00:00Z`);
  const net = async (code: number) => {
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    const line = tb.accounts.find((a) => a.code === code);
    return line ? line.creditsPostedMinor - line.debitsPostedMinor : 0;
  };
  /** A period bill as the installment module issues it (principal and interest), due on `dueDate`. */
  const periodBill = async (customerId: string, dueDate: BusinessDate, principalMinor: number, interestMinor = 0) => {
    setDay(dueDate);
    sequence += 1;
    const { bill } = await transaction(s.ctx.database, (tx) =>
      issueBill(tx, deps(), {
        customerId,
        sourceType: 'installment',
        sourceId: `ino_penaltytest${sequence}`,
        period: 1,
        title: '分期还款 第 1/12 期',
        dueDate,
        lines: [
          { kind: 'principal', description: '第 1 期本金', amountMinor: principalMinor },
          ...(interestMinor > 0
            ? [{ kind: 'interest' as const, description: '第 1 期利息', amountMinor: interestMinor }]
            : []),
        ],
        issuedBy: 'installment',
      }),
    );
    return bill;
  };
  /** The tick's work for one bill on a day. */
  const book = (billId: string, asOfDate: BusinessDate, penaltyAnnualRateBps: number) =>
    transaction(s.ctx.database, async (tx) => {
      setDay(asOfDate);
      const bill = await getBill(tx, deps(), billId);
      return bookPeriodPenalty(tx, deps(), { bill, period: 1, asOfDate, penaltyAnnualRateBps });
    });
  const customer = async (fundMinor: number) => {
    const { customerId } = await signInTestCustomer(s);
    if (fundMinor > 0) {
      const account = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customerId));
      await fundTestAccount(s.ctx.database.db, s.clock, account.id, fundMinor);
    }
    return customerId;
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2026-03-01T02:00:00Z' });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('¥1,000.00 overdue 10 days at 0.05 %/day is ¥5.00, booked as a penalty line to 4400 and paid first', async () => {
    const customerId = await customer(200_000);
    const bill = await periodBill(customerId, '2026-03-10', 100_000, 1_000);
    const penaltyBefore = await net(4400);
    // 0.05 % a day = 1825 bps a year: 100,000 × 10 × 1825 / (10,000 × 365) = 500.
    expect(await book(bill.id, '2026-03-20', 1825)).toBe(500);
    // The same day again books nothing.
    expect(await book(bill.id, '2026-03-20', 1825)).toBe(0);
    // One more day: 100,000 × 11 × 1825 / 3,650,000 = 550, so 50 more on the same line.
    expect(await book(bill.id, '2026-03-21', 1825)).toBe(50);
    const charged = await transaction(s.ctx.database, (tx) => getBill(tx, deps(), bill.id));
    expect(charged.amountMinor).toBe(100_000 + 1_000 + 550);
    expect(charged.lines.filter((l) => l.kind === 'penalty')).toEqual([
      expect.objectContaining({ description: '第 1 期逾期罚息', amountMinor: 550, paidMinor: 0 }),
    ]);
    expect((await net(4400)) - penaltyBefore).toBe(550);

    // ¥6.00 paid on day 11 goes to the penalty (5.50) first, then 0.50 to the interest.
    const { bill: afterPart } = await transaction(s.ctx.database, (tx) =>
      payBillFromWallet(tx, deps(), { billId: bill.id, customerId, amountMinor: 600 }),
    );
    expect(afterPart.lines.map((l) => [l.kind, l.paidMinor])).toEqual([
      ['principal', 0],
      ['interest', 50],
      ['penalty', 550],
    ]);
    // The principal is still unpaid: day 12 accrues 50 more on the penalty line.
    expect(await book(bill.id, '2026-03-22', 1825)).toBe(50);
    // Paid in full on day 12: the bill closes and nothing more is ever booked.
    await transaction(s.ctx.database, (tx) => payBillFromWallet(tx, deps(), { billId: bill.id, customerId }));
    expect(await book(bill.id, '2026-04-30', 1825)).toBe(0);
    const paid = await transaction(s.ctx.database, (tx) => getBill(tx, deps(), bill.id));
    expect(paid).toMatchObject({ status: 'paid', amountMinor: 101_600, paidMinor: 101_600, outstandingMinor: 0 });
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  });

  test('at the default rate (the cap, 12 %): ¥1,000.00 overdue 10 days is ¥3.29', async () => {
    const customerId = await customer(0);
    const bill = await periodBill(customerId, '2026-04-10', 100_000);
    // 100,000 × 10 × 1200 / 3,650,000 = 328.77 → 329.
    expect(await book(bill.id, '2026-04-20', 1200)).toBe(329);
    // Not yet due, or due today: nothing.
    const fresh = await periodBill(customerId, '2026-04-25', 100_000);
    expect(await book(fresh.id, '2026-04-25', 1200)).toBe(0);
  });

  test('property: any payment sequence keeps the bill = payments + outstanding, the booked penalty = the engine’s, and none accrues once the principal is paid', async () => {
    let start = '2026-06-01' as BusinessDate;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 1200 }),
        fc.array(
          fc.record({
            days: fc.integer({ min: 0, max: 31 }),
            pay: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        async (principalMinor, interestMinor, rateBps, steps) => {
          start = addDays(start, 200);
          const customerId = await customer(3_000_000);
          const bill = await periodBill(customerId, start, principalMinor, interestMinor);
          let day = start;
          let principalPaidOn: BusinessDate | null = null;
          let penaltyAtPrincipalPaid = 0;
          for (const step of steps) {
            day = addDays(day, step.days);
            await book(bill.id, day, rateBps);
            const now = await transaction(s.ctx.database, (tx) => getBill(tx, deps(), bill.id));
            const owed = now.outstandingMinor;
            const amount = step.pay === 1 ? owed : Math.floor(owed * step.pay);
            if (amount > 0) {
              await transaction(s.ctx.database, (tx) =>
                payBillFromWallet(tx, deps(), { billId: bill.id, customerId, amountMinor: amount }),
              );
            }
            const after = await transaction(s.ctx.database, (tx) => getBill(tx, deps(), bill.id));
            // The bill's total = what was paid (every payment fully allocated) + waived + outstanding.
            const allocated = sumMinor(after.payments.flatMap((p) => p.allocations.map((a) => a.amountMinor)));
            expect(allocated).toBe(sumMinor(after.payments.map((p) => p.amountMinor)));
            expect(after.amountMinor).toBe(allocated + after.waivedMinor + after.outstandingMinor);
            expect(after.amountMinor).toBe(sumMinor(after.lines.map((l) => l.amountMinor)));
            expect(after.lines.every((l) => l.paidMinor <= l.amountMinor)).toBe(true);
            const penalty = sumMinor(after.lines.filter((l) => l.kind === 'penalty').map((l) => l.amountMinor));
            const principalLine = after.lines.find((l) => l.kind === 'principal');
            if (principalPaidOn === null && principalLine?.outstandingMinor === 0) {
              principalPaidOn = day;
              penaltyAtPrincipalPaid = penalty;
            }
            if (principalPaidOn !== null) expect(penalty).toBe(penaltyAtPrincipalPaid);
            else {
              // What is booked is the engine's whole figure to this day, rounded once.
              const engine = accruePenalty({
                dueDate: start,
                asOfDate: day,
                principalMinor,
                principalPayments: principalPaymentsOf(after, s.ctx.config.timeZone),
                penaltyAnnualRateBps: rateBps,
              }).penaltyMinor;
              expect(penalty).toBe(engine);
              expect(penaltyDue(after, day, rateBps, s.ctx.config.timeZone).toBookMinor).toBe(0);
            }
          }
          // Long after, the tick books nothing on a paid principal.
          if (principalPaidOn !== null) expect(await book(bill.id, addDays(day, 60), rateBps)).toBe(0);
        },
      ),
      { numRuns: 15 },
    );
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  }, 120_000);
});
