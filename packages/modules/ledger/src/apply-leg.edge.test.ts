// applyLeg's own guards, without a database (issue #19, re-measure of apply-leg.ts on 5 December):
// createTransfers validates before it locks, so from outside these guards never fire — here they are
// called directly, as a later caller that skipped the validation would. And an expiry takes nothing
// from its leg: createTransfers' shape checks stop at an expiry's id, so fields a caller put on an
// expire_pending leg reach applyLeg, and must not be recorded. Each test names the mutants it kills.
import { AssertionError } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { type ApplyState, applyLeg, type LockedAccount } from './apply-leg';
import type { TransferInput } from './create-transfers';
import { type Transfer, zeroBalances } from './types';

const now = new Date('2026-03-02T02:00:00Z');
const locked = (id: string, credits = 0): LockedAccount => ({
  id,
  currency: 'CNY',
  debitsMustNotExceedCredits: false,
  creditsMustNotExceedDebits: false,
  before: { ...zeroBalances(), creditsPostedMinor: credits },
  balances: { ...zeroBalances(), creditsPostedMinor: credits },
});
/** A hold of ¥5.00 from a to b, timed out at 02:00 (expirable now), with its own code and reference. */
const hold: Transfer = {
  id: 'txn_hold',
  seq: 1,
  kind: 'pending',
  debitAccountId: 'ldg_a',
  creditAccountId: 'ldg_b',
  amountMinor: 500,
  currency: 'CNY',
  code: 'test.hold',
  reference: 'ord_hold',
  metadata: { from: 'hold' },
  pendingId: null,
  releasedPendingMinor: 0,
  timeoutSeconds: 60,
  timeoutAt: new Date('2026-03-02T01:59:00Z'),
  reversesId: null,
  linkedGroupId: null,
  effectiveAt: new Date('2026-03-02T01:58:00Z'),
  recordedAt: new Date('2026-03-02T01:58:00Z'),
};
const state = (): ApplyState => {
  const a = locked('ldg_a');
  const b = locked('ldg_b');
  a.balances.debitsPendingMinor = a.before.debitsPendingMinor = 500;
  b.balances.creditsPendingMinor = b.before.creditsPendingMinor = 500;
  return {
    accounts: new Map([
      [a.id, a],
      [b.id, b],
    ]),
    referenced: new Map([[hold.id, hold]]),
    resolvedPendingIds: new Set(),
    reversedMinorByOriginal: new Map(),
  };
};
const move = (amountMinor: number): TransferInput => ({
  id: 'txn_move',
  debitAccountId: 'ldg_a',
  creditAccountId: 'ldg_b',
  amountMinor,
  code: 'test.move',
});

describe('applyLeg: its own guards', () => {
  test('an amount that skipped validation — 0, −1, 1.5, 2^53 — is an AssertionError, 1 分 is applied (kills apply-leg 75: the assertion → true, `&&` → `||`, `> 0` → `>= 0`)', () => {
    for (const amountMinor of [0, -1, 1.5, 2 ** 53]) {
      expect(() => applyLeg(state(), move(amountMinor), now)).toThrow(AssertionError);
    }
    const s = state();
    expect(applyLeg(s, move(1), now)).toMatchObject({ kind: 'posted', amountMinor: 1 });
    expect(s.accounts.get('ldg_b')?.balances.creditsPostedMinor).toBe(1);
  });

  test('a resolution of a hold that was not loaded, or of a transfer that is no hold, is an AssertionError (kills apply-leg 136: the assertion → true, `&&` → `||`, the kind test → true)', () => {
    const voidOf = (pendingId: string): TransferInput => ({ id: 'txn_void', kind: 'void_pending', pendingId });
    expect(() => applyLeg(state(), voidOf('txn_unknown'), now)).toThrow(AssertionError);
    const s = state();
    s.referenced.set('txn_posted', { ...hold, id: 'txn_posted', kind: 'posted', timeoutAt: null });
    expect(() => applyLeg(s, voidOf('txn_posted'), now)).toThrow(AssertionError);
  });

  test('an unknown kind is an AssertionError (kills apply-leg 60: `assertNever` removed)', () => {
    expect(() => applyLeg(state(), { ...move(1), kind: 'refund' } as unknown as TransferInput, now)).toThrow(
      AssertionError,
    );
  });

  test('the refusals of a hold’s resolution and of insufficient funds carry a detail naming the transfer and the figures (kills apply-leg 138, 142, 147, 153, 198: `{ detail }` → `{}`)', () => {
    const post = (amountMinor?: number): TransferInput => ({
      id: 'txn_post',
      kind: 'post_pending',
      pendingId: hold.id,
      ...(amountMinor === undefined ? {} : { amountMinor }),
    });
    const early = new Date('2026-03-02T01:58:30Z');
    const resolved = state();
    resolved.resolvedPendingIds.add(hold.id);
    expect(() => applyLeg(resolved, post(), early)).toThrow(
      expect.objectContaining({ code: 'LEDGER_PENDING_ALREADY_RESOLVED', detail: 'txn_hold was already resolved.' }),
    );
    expect(() => applyLeg(state(), { id: 'txn_expiry', kind: 'expire_pending', pendingId: hold.id }, early)).toThrow(
      expect.objectContaining({
        code: 'LEDGER_PENDING_NOT_EXPIRED',
        detail: 'txn_hold times out at 2026-03-02T01:59:00.000Z.',
      }),
    );
    expect(() => applyLeg(state(), post(), now)).toThrow(
      expect.objectContaining({
        code: 'LEDGER_PENDING_EXPIRED',
        detail: 'txn_hold timed out at 2026-03-02T01:59:00.000Z.',
      }),
    );
    expect(() => applyLeg(state(), post(501), early)).toThrow(
      expect.objectContaining({ code: 'LEDGER_POST_EXCEEDS_PENDING', detail: 'txn_post posts 501 of a hold of 500.' }),
    );
    const poor = state();
    const wallet = poor.accounts.get('ldg_a') as LockedAccount;
    wallet.debitsMustNotExceedCredits = true;
    wallet.balances.creditsPostedMinor = wallet.before.creditsPostedMinor = 600;
    expect(() => applyLeg(poor, move(101), now)).toThrow(
      expect.objectContaining({
        code: 'LEDGER_INSUFFICIENT_FUNDS',
        detail: 'txn_move would leave account ldg_a with -1 available.',
      }),
    );
  });

  test('an expiry records the hold’s code and reference, no metadata and the time it ran, whatever its leg carries (kills apply-leg 167: `given = {}` for an expiry → the leg)', () => {
    const leg = {
      id: 'txn_expiry',
      kind: 'expire_pending',
      pendingId: hold.id,
      code: 'test.other',
      reference: 'ord_other',
      metadata: { from: 'leg' },
      effectiveAt: new Date('2026-01-01T00:00:00Z'),
    } as unknown as TransferInput;
    expect(applyLeg(state(), leg, now)).toMatchObject({
      kind: 'expire_pending',
      amountMinor: 0,
      releasedPendingMinor: 500,
      code: 'test.hold',
      reference: 'ord_hold',
      metadata: {},
      effectiveAt: now,
      effectiveAtGiven: false,
    });
  });
});
