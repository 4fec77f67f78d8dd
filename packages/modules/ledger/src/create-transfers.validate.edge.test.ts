// The shape checks of createTransfers at their edges (issue #19, mutation run of create-transfers.ts on
// 5 December): every bound accepted at its limit and refused one past it, and the words of each
// refusal (the detail names the leg and the rule an operator must fix). No database: the checks run
// before the first query, so a leg that passes them reaches the executor, which here answers every
// query with `Reached` — "accepted by the checks". Each test names the mutants it kills.
import type { Executor } from '@zulin/db';
import { AdjustableClock, AssertionError } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { createTransfers, type NewTransfer, type ResolvePending, type TransferInput } from './create-transfers';
import { LedgerLimits } from './limits';

class Reached extends Error {}
/** An executor whose every use throws `Reached`: the legs got past validation to the first query. */
const noDatabase = new Proxy({} as Executor, {
  get() {
    throw new Reached('the database was reached');
  },
});
const clock = new AdjustableClock('2026-03-02T02:00:00Z');
const run = (legs: TransferInput[]) => createTransfers(noDatabase, clock, legs);
const accepted = (legs: TransferInput[]) => expect(run(legs)).rejects.toBeInstanceOf(Reached);
const refused = (legs: TransferInput[], detail: string, code = 'LEDGER_TRANSFER_INVALID') =>
  expect(run(legs)).rejects.toMatchObject({ code, detail });

const move = (fields: Partial<NewTransfer> = {}): TransferInput => ({
  id: 'txn_move',
  debitAccountId: 'ldg_acc_a',
  creditAccountId: 'ldg_acc_b',
  amountMinor: 100,
  code: 'test.move',
  ...fields,
});
const post = (fields: Partial<ResolvePending> = {}): TransferInput => ({
  id: 'txn_post',
  kind: 'post_pending',
  pendingId: 'txn_hold',
  ...fields,
});

describe('createTransfers: the shape checks at their edges', () => {
  test('ids: "txn_" then 1–96 letters, digits, - or _, at most 100 in all; the detail names the leg (kills the pattern’s anchors and class, `>` → `>=` on the length, the `||` → `&&`, the leg’s index)', async () => {
    await accepted([move({ id: 'txn_aZ09-_' })]);
    await accepted([move({ id: `txn_${'a'.repeat(LedgerLimits.transferIdLengthMax - 4)}` })]);
    const idRule = 'id must be "txn_" and up to 100 letters, digits, - or _';
    await refused([move({ id: `txn_${'a'.repeat(LedgerLimits.transferIdLengthMax - 3)}` })], `legs[0]: ${idRule}`);
    await refused([move({ id: 'txn_' })], `legs[0]: ${idRule}`);
    await refused([move({ id: 'xtxn_a' })], `legs[0]: ${idRule}`);
    await refused([move({ id: 'txn_a b' })], `legs[0]: ${idRule}`);
    await refused([move({ id: 'txn_a!' })], `legs[0]: ${idRule}`);
    await refused([move({ id: 'TXN_a' })], `legs[0]: ${idRule}`);
    await refused([move({ id: 'txn_one' }), move({ id: 'txn two' })], `legs[1]: ${idRule}`);
  });

  test('codes: "module.kind" in lower case, at most 64 characters; a resolution may leave its code out (kills the pattern’s anchors, classes and groups, `>` → `>=` on the length, `code in leg && code !== undefined` → true)', async () => {
    await accepted([move({ code: 'a' })]);
    await accepted([move({ code: 'wallet_2.top_up.v2' })]);
    await accepted([move({ code: `a.${'b'.repeat(LedgerLimits.codeLengthMax - 2)}` })]);
    await accepted([post()]);
    // A resolution's code given as `undefined` (a caller spreading optional fields) is no code: its
    // check is skipped, not run on undefined (kills create-transfers 143: `&&` → `||`, `!== undefined` → true).
    await accepted([post({ code: undefined })]);
    await accepted([post({ code: 'test.capture' })]);
    const codeRule = 'legs[0]: code must look like "module.kind"';
    await refused([move({ code: `a.${'b'.repeat(LedgerLimits.codeLengthMax - 1)}` })], codeRule);
    for (const code of [
      '',
      'Test.move',
      'test.Move',
      '1test',
      'test.',
      '.test',
      'test..move',
      'test.1',
      'test-move',
      'test move',
      'x test',
    ]) {
      await refused([move({ code })], codeRule);
    }
    await refused([post({ code: 'Test.capture' })], codeRule);
  });

  test('references: null or 1–128 characters (kills `!= null` → true/false, `< 1` → `<= 1`, `>` → `>=`, the `||` → `&&`)', async () => {
    await accepted([move({ reference: null })]);
    await accepted([move({ reference: 'r' })]);
    await accepted([move({ reference: 'r'.repeat(LedgerLimits.referenceLengthMax) })]);
    await accepted([post({ reference: null })]);
    const referenceRule = 'legs[0]: reference must have 1–128 characters';
    await refused([move({ reference: '' })], referenceRule);
    await refused([move({ reference: 'r'.repeat(LedgerLimits.referenceLengthMax + 1) })], referenceRule);
    await refused([post({ reference: '' })], referenceRule);
  });

  test('metadata: at most 4,096 characters of canonical JSON (kills `>` → `>=` and the `!== undefined` test)', async () => {
    // {"n":"…"} is 8 characters around the string.
    await accepted([move({ metadata: { n: 'x'.repeat(LedgerLimits.metadataBytesMax - 8) } })]);
    await accepted([move({ metadata: {} })]);
    await refused(
      [move({ metadata: { n: 'x'.repeat(LedgerLimits.metadataBytesMax - 7) } })],
      'legs[0]: metadata must serialize to at most 4096 bytes',
    );
  });

  test('amounts: 1 分 accepted, 0 and fractions refused, on a resolution too; a void takes none, a posting may (kills `<= 0` → `< 0`, the safe-integer test, `amountMinor !== undefined` → true, the void test → true)', async () => {
    await accepted([move({ amountMinor: 1 })]);
    await accepted([move({ amountMinor: Number.MAX_SAFE_INTEGER })]);
    await accepted([post({ amountMinor: 1 })]);
    await accepted([{ id: 'txn_void', kind: 'void_pending', pendingId: 'txn_hold' }]);
    const amountRule = 'legs[0]: amountMinor must be a positive safe integer';
    await refused([move({ amountMinor: 0 })], amountRule);
    await refused([move({ amountMinor: 2 ** 53 })], amountRule);
    await refused([post({ amountMinor: 0 })], amountRule);
    await refused([post({ amountMinor: 0.5 })], amountRule);
    await refused(
      [{ id: 'txn_void', kind: 'void_pending', pendingId: 'txn_hold', amountMinor: 1 } as TransferInput],
      'legs[0]: a void takes no amount',
    );
  });

  test('a transfer names both accounts and an amount; a resolution and an expiry name neither (kills the early returns of resolutions and expiries, the `in` test and the missing amount)', async () => {
    await accepted([{ id: 'txn_expiry', kind: 'expire_pending', pendingId: 'txn_hold' }]);
    await refused(
      [
        {
          id: 'txn_x',
          kind: 'posted',
          pendingId: 'txn_hold',
          amountMinor: 1,
          code: 'test.x',
        } as unknown as TransferInput,
      ],
      'legs[0]: a transfer names its debit and credit accounts',
    );
    await refused(
      [{ ...move(), amountMinor: undefined } as unknown as TransferInput],
      'legs[0]: amountMinor is required',
    );
    await refused(
      [move({ creditAccountId: 'ldg_acc_a' })],
      'legs[0]: debit and credit are both ldg_acc_a',
      'LEDGER_ACCOUNTS_SAME',
    );
  });

  test('timeouts: 1 s to 366 days, whole seconds, on a hold only; a reversal is never a hold (kills `>= 1` → `> 1`, `<=` → `<`, the integer test, the kind test, each `&&` → `||`)', async () => {
    const hold = (timeoutSeconds?: number) => move({ kind: 'pending', timeoutSeconds });
    await accepted([hold(1)]);
    await accepted([hold(LedgerLimits.pendingTimeoutSecondsMax)]);
    await accepted([hold()]);
    const timeoutRule = 'legs[0]: timeoutSeconds is a positive integer of seconds, on a pending transfer only';
    await refused([hold(0)], timeoutRule);
    await refused([hold(1.5)], timeoutRule);
    await refused([hold(LedgerLimits.pendingTimeoutSecondsMax + 1)], timeoutRule);
    await refused([move({ timeoutSeconds: 60 })], timeoutRule);
    await accepted([move({ reversesId: 'txn_original' })]);
    await refused([move({ kind: 'pending', reversesId: 'txn_original' })], 'legs[0]: a reversal is a posted transfer');
  });

  test('a group: 1 to 1,000 legs with distinct ids (kills `>= 1` → `> 1`, `<=` → `<`, `!==` → `===` on the id count)', async () => {
    const legs = (n: number) => Array.from({ length: n }, (_, i) => move({ id: `txn_leg_${i}` }));
    await accepted(legs(1));
    await accepted(legs(LedgerLimits.transferBatchMax));
    await expect(run([])).rejects.toBeInstanceOf(AssertionError);
    await expect(run(legs(LedgerLimits.transferBatchMax + 1))).rejects.toBeInstanceOf(AssertionError);
    await refused([move({ id: 'txn_same' }), move({ id: 'txn_same' })], 'two legs of one group share an id');
  });
});
