// The trial balance as of a moment equals what the trial balance read at that moment: holds posted,
// voided and expired later count as pending then, reversals and accounts opened later do not count.
import { type Executor, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { AdjustableClock } from '@zulin/kernel';
import { beforeAll, describe, expect, test } from 'vitest';
import { channelClearingAccount, customerAccount, platformAccount } from './chart';
import { createTransfers, type TransferInput } from './create-transfers';
import { ensureChartOfAccounts } from './ensure-chart-of-accounts';
import { expirePendingTransfers } from './expire-pending';
import { inSnapshot } from './snapshot';
import { type TrialBalance, trialBalance, trialBalanceAsOf } from './trial-balance';
import { verifyLedger } from './verify-ledger';

const t0 = '2026-12-01T01:00:00.000Z'; // the chart is opened
const t1 = '2026-12-01T02:00:00.000Z'; // top-ups, a fee and three holds
const t2 = '2026-12-02T03:00:00.000Z'; // the holds posted, voided, expired; a reversal; a new customer
const clock = new AdjustableClock(t0);

describeDb('trial balance as of a moment', (get) => {
  let db: Executor;
  const post = (legs: TransferInput[]) => transaction(db, (tx) => createTransfers(tx, clock, legs));
  const current = () => inSnapshot(db, (tx) => trialBalance(tx, 'CNY'));
  const asOf = (instant: string | Date) => inSnapshot(db, (tx) => trialBalance(tx, 'CNY', { asOf: new Date(instant) }));
  /** The same trial balance with the instant it states taken out, to compare with a current read. */
  const withoutAsOf = (tb: TrialBalance) => ({ ...tb, asOf: null });
  const wallets = (tb: TrialBalance) => tb.accounts.find((line) => line.code === 2500 && line.accountId === null);

  let readAtT0: TrialBalance;
  let readAtT1: TrialBalance;
  let readAtT2: TrialBalance;

  beforeAll(async () => {
    db = get().database.db;
    const accounts = await transaction(db, async (tx) => {
      await ensureChartOfAccounts(tx, clock);
      return {
        clearing: await channelClearingAccount(tx, clock, 'sandbox'),
        fees: await platformAccount(tx, clock, 'fee_revenue'),
        walletA: await customerAccount(tx, clock, 'cus_tb_a', 'wallet'),
        walletB: await customerAccount(tx, clock, 'cus_tb_b', 'wallet'),
      };
    });
    const { clearing, fees, walletA, walletB } = accounts;
    readAtT0 = await current();

    clock.set(t1);
    await post([
      {
        id: 'txn_tb_top_up_a',
        debitAccountId: clearing.id,
        creditAccountId: walletA.id,
        amountMinor: 10_000,
        code: 'wallet.top_up',
      },
    ]);
    await post([
      {
        id: 'txn_tb_top_up_b',
        debitAccountId: clearing.id,
        creditAccountId: walletB.id,
        amountMinor: 25_050,
        code: 'wallet.top_up',
      },
    ]);
    await post([
      {
        id: 'txn_tb_fee_b',
        debitAccountId: walletB.id,
        creditAccountId: fees.id,
        amountMinor: 500,
        code: 'wallet.fee',
      },
    ]);
    // Three holds: one posted in part later, one voided later, one that times out and is expired.
    await post([
      {
        id: 'txn_tb_hold_post',
        kind: 'pending',
        debitAccountId: walletA.id,
        creditAccountId: fees.id,
        amountMinor: 300,
        code: 'wallet.fee_hold',
      },
      {
        id: 'txn_tb_hold_void',
        kind: 'pending',
        debitAccountId: walletB.id,
        creditAccountId: fees.id,
        amountMinor: 1_250,
        code: 'wallet.fee_hold',
      },
      {
        id: 'txn_tb_hold_expire',
        kind: 'pending',
        debitAccountId: walletA.id,
        creditAccountId: fees.id,
        amountMinor: 99,
        code: 'wallet.fee_hold',
        timeoutSeconds: 3_600,
      },
    ]);
    readAtT1 = await current();

    clock.set(t2);
    await post([{ id: 'txn_tb_post', kind: 'post_pending', pendingId: 'txn_tb_hold_post', amountMinor: 200 }]);
    await post([{ id: 'txn_tb_void', kind: 'void_pending', pendingId: 'txn_tb_hold_void' }]);
    expect(await expirePendingTransfers(db, clock)).toEqual({ expired: 1, skipped: 0 });
    await post([
      {
        id: 'txn_tb_fee_b_rev',
        debitAccountId: fees.id,
        creditAccountId: walletB.id,
        amountMinor: 200,
        code: 'wallet.fee_refund',
        reversesId: 'txn_tb_fee_b',
      },
    ]);
    await transaction(db, async (tx) => {
      const walletC = await customerAccount(tx, clock, 'cus_tb_c', 'wallet');
      await createTransfers(tx, clock, [
        {
          id: 'txn_tb_top_up_c',
          debitAccountId: clearing.id,
          creditAccountId: walletC.id,
          amountMinor: 8_800,
          code: 'wallet.top_up',
        },
        {
          id: 'txn_tb_hold_c',
          kind: 'pending',
          debitAccountId: walletC.id,
          creditAccountId: fees.id,
          amountMinor: 700,
          code: 'wallet.fee_hold',
        },
      ]);
    });
    readAtT2 = await current();
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  test('the reads at t1 and t2 are the real numbers of what was recorded', () => {
    expect(readAtT1).toMatchObject({
      asOf: null,
      postedDebitsMinor: 35_550, // ¥100.00 + ¥250.50 top-ups, ¥5.00 fee
      postedCreditsMinor: 35_550,
      pendingDebitsMinor: 1_649, // holds of ¥3.00, ¥12.50 and ¥0.99
      pendingCreditsMinor: 1_649,
      balanced: true,
    });
    expect(wallets(readAtT1)).toMatchObject({
      accountCount: 2,
      debitsPostedMinor: 500,
      creditsPostedMinor: 35_050,
      debitsPendingMinor: 1_649,
      netCreditMinor: 34_550,
    });
    expect(readAtT2).toMatchObject({
      // + ¥2.00 of the first hold posted, the ¥2.00 reversal, customer C's ¥88.00 top-up
      postedDebitsMinor: 44_750,
      postedCreditsMinor: 44_750,
      pendingDebitsMinor: 700, // C's new hold only: the three holds of t1 are resolved
      pendingCreditsMinor: 700,
      balanced: true,
    });
    expect(wallets(readAtT2)).toMatchObject({
      accountCount: 3,
      debitsPostedMinor: 700,
      creditsPostedMinor: 44_050,
      debitsPendingMinor: 700,
    });
  });

  test('as of now it is exactly the trial balance of the current balances', async () => {
    const now = await asOf(clock.now());
    expect(now.asOf).toEqual(new Date(t2));
    expect(withoutAsOf(now)).toEqual(readAtT2);
  });

  test('as of t1 it is exactly what the trial balance read at t1, though every hold was resolved since', async () => {
    expect(withoutAsOf(await asOf(t1))).toEqual(readAtT1);
    // Any moment between t1 and t2 reads the same; the holds count as pending until their resolutions.
    expect(withoutAsOf(await asOf('2026-12-01T15:59:59.999Z'))).toEqual(readAtT1);
    expect(withoutAsOf(await asOf(new Date(new Date(t2).getTime() - 1)))).toEqual(readAtT1);
    expect((await asOf(t1)).asOf).toEqual(new Date(t1));
  });

  test('before the first transfer it is the chart with nothing on it; before the chart, nothing', async () => {
    expect(withoutAsOf(await asOf(new Date(new Date(t1).getTime() - 1)))).toEqual(readAtT0);
    expect(readAtT0.accounts.length).toBeGreaterThan(5);
    expect(readAtT0.postedDebitsMinor).toBe(0);
    const beforeChart = await asOf('2026-11-30T00:00:00Z');
    expect(beforeChart).toMatchObject({ accounts: [], postedDebitsMinor: 0, pendingDebitsMinor: 0, balanced: true });
  });
});

describe('trialBalanceAsOf: what the caller asked, as an instant', () => {
  const zone = 'Asia/Shanghai';
  const evening = { now: new Date('2026-12-05T10:30:00Z'), timeZone: zone }; // 18:30 in Shanghai

  test('nothing is now; today is now; an earlier date is the last millisecond of that day in the zone', () => {
    expect(trialBalanceAsOf(undefined, evening)).toEqual(evening.now);
    expect(trialBalanceAsOf('2026-12-05', evening)).toEqual(evening.now);
    expect(trialBalanceAsOf('2026-12-04', evening)).toEqual(new Date('2026-12-04T15:59:59.999Z'));
    expect(trialBalanceAsOf('2026-02-28', evening)).toEqual(new Date('2026-02-28T15:59:59.999Z'));
  });

  test('just after midnight in Shanghai, still the previous day in UTC, the business date decides', () => {
    const pastMidnight = { now: new Date('2026-12-05T16:30:00Z'), timeZone: zone }; // 00:30 on 12-06
    expect(trialBalanceAsOf('2026-12-06', pastMidnight)).toEqual(pastMidnight.now);
    expect(trialBalanceAsOf('2026-12-05', pastMidnight)).toEqual(new Date('2026-12-05T15:59:59.999Z'));
  });

  test('an ISO instant is itself, in any offset', () => {
    expect(trialBalanceAsOf('2026-12-05T10:00:00+08:00', evening)).toEqual(new Date('2026-12-05T02:00:00Z'));
    expect(trialBalanceAsOf('2026-12-05T10:30:00Z', evening)).toEqual(evening.now);
  });

  test('a later date or instant is refused: that trial balance is not known yet', () => {
    expect(() => trialBalanceAsOf('2026-12-06', evening)).toThrow(
      expect.objectContaining({ code: 'LEDGER_AS_OF_IN_FUTURE' }),
    );
    expect(() => trialBalanceAsOf('2026-12-05T10:30:00.001Z', evening)).toThrow(
      expect.objectContaining({ code: 'LEDGER_AS_OF_IN_FUTURE' }),
    );
  });
});
