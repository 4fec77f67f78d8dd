// A repeated id at its edges (issue #19, mutation run of create-transfers.ts on 5 December): a
// repeat with the same fields is a replay, one with another field is LEDGER_TRANSFER_ID_CONFLICT
// whose detail names that field — for a transfer, a hold's posting and void, and an expiry. Before,
// the conflict's code was tested but not which field it named, nor the replays of resolutions. Each
// test names the mutants of `differenceFrom` / `replayOrConflict` it kills.
import { type Executor, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { AdjustableClock, newId } from '@zulin/kernel';
import { beforeAll, expect, test } from 'vitest';
import { createTransfers, type TransferInput } from './create-transfers';
import { createTestAccount } from './testing';
import type { Account } from './types';

const clock = new AdjustableClock('2026-03-02T02:00:00Z');

describeDb('ledger: a repeated id at its edges', (get) => {
  let db: Executor;
  const post = (legs: TransferInput[]) => transaction(db, (tx) => createTransfers(tx, clock, legs));
  const account = () => transaction(db, (tx) => createTestAccount(tx, clock));
  /** The repeat is refused, naming the first field that differs. */
  const conflict = (legs: TransferInput[], id: string, field: string) =>
    expect(post(legs)).rejects.toMatchObject({
      code: 'LEDGER_TRANSFER_ID_CONFLICT',
      detail: `Transfer ${id} was recorded with a different ${field}.`,
    });
  const replayed = async (legs: TransferInput[]) => expect((await post(legs)).replayed).toBe(true);

  beforeAll(() => {
    db = get().database.db;
  });

  test('a transfer repeated with one field changed names that field; with the same fields (currency, reference null, effective time as given) it is a replay (kills each returned field name → "", each field test → false, `?? null` → `&&`, the currency and effective-time guards → true)', async () => {
    const [a, b, c] = (await Promise.all([account(), account(), account()])) as [Account, Account, Account];
    const effectiveAt = new Date('2026-03-01T12:00:00Z');
    const id = newId('txn');
    const leg = {
      id,
      kind: 'pending' as const,
      debitAccountId: a.id,
      creditAccountId: b.id,
      amountMinor: 500,
      code: 'test.x',
      timeoutSeconds: 3_600,
      metadata: { note: 'first' },
      effectiveAt,
    };
    await post([leg]);
    await replayed([leg]);
    await replayed([{ ...leg, currency: 'CNY', reference: null }]);
    const { effectiveAt: _given, ...withoutEffectiveAt } = leg;
    await replayed([withoutEffectiveAt]);
    await conflict([{ ...leg, kind: 'posted', timeoutSeconds: undefined }], id, 'kind');
    await conflict([{ ...leg, debitAccountId: c.id }], id, 'debit account');
    await conflict([{ ...leg, creditAccountId: c.id }], id, 'credit account');
    await conflict([{ ...leg, amountMinor: 501 }], id, 'amount');
    await conflict([{ ...leg, currency: 'POINTS' }], id, 'currency');
    await conflict([{ ...leg, code: 'test.y' }], id, 'code');
    await conflict([{ ...leg, reference: 'ref_1' }], id, 'reference');
    await conflict([{ ...leg, timeoutSeconds: 3_601 }], id, 'timeout');
    await conflict([{ ...withoutEffectiveAt, timeoutSeconds: undefined, kind: 'pending' }], id, 'timeout');
    await conflict([{ ...leg, metadata: { note: 'second' } }], id, 'metadata');
    await conflict([{ ...leg, metadata: undefined }], id, 'metadata');
    await conflict([{ ...leg, effectiveAt: new Date(effectiveAt.getTime() + 1) }], id, 'effective time');
  });

  test('a reversal repeated for another original names the reversed transfer (kills `?? null` on reversesId and its field name → "")', async () => {
    const [a, b] = (await Promise.all([account(), account()])) as [Account, Account];
    const [first, second] = [newId('txn'), newId('txn')];
    const charge = (id: string) => ({
      id,
      debitAccountId: a.id,
      creditAccountId: b.id,
      amountMinor: 300,
      code: 'test.charge',
    });
    await post([charge(first), charge(second)]);
    const id = newId('txn');
    const back = {
      id,
      debitAccountId: b.id,
      creditAccountId: a.id,
      amountMinor: 100,
      code: 'test.refund',
      reversesId: first,
    };
    await post([back]);
    await replayed([back]);
    await conflict([{ ...back, reversesId: second }], id, 'reversed transfer');
    const { reversesId: _original, ...notAReversal } = back;
    await conflict([notAReversal], id, 'reversed transfer');
  });

  test('a group repeated in another grouping: the first leg names the linked group, a new first leg is missing from the first group (kills `legs.length > 1` → `>= 1`, the linked-group test → false and both texts → "")', async () => {
    const [a, b] = (await Promise.all([account(), account()])) as [Account, Account];
    const leg = (amountMinor: number) => ({
      id: newId('txn'),
      debitAccountId: a.id,
      creditAccountId: b.id,
      amountMinor,
      code: 'test.x',
    });
    const [one, two] = [leg(1), leg(2)];
    const alone = await post([one]);
    expect(alone.transfers[0]?.linkedGroupId).toBeNull();
    await replayed([one]);
    await conflict([one, two], one.id, 'linked group');
    await conflict([two, one], two.id, 'missing from the first group');
    const [three, four] = [leg(3), leg(4)];
    const group = await post([three, four]);
    expect(group.transfers.map((t) => t.linkedGroupId)).toEqual([three.id, three.id]);
    await replayed([three, four]);
    await conflict([three], three.id, 'linked group');
  });

  test('a posting repeated: the same amount (given or the whole hold), code and reference are a replay; another hold, amount, code, reference, metadata or effective time is named (kills the resolution branch’s tests and names, `void ? 0` → the hold’s amount, the `??` defaults)', async () => {
    const [a, b] = (await Promise.all([account(), account()])) as [Account, Account];
    const hold = async (amountMinor = 5_000) => {
      const id = newId('txn');
      await post([
        {
          id,
          kind: 'pending',
          debitAccountId: a.id,
          creditAccountId: b.id,
          amountMinor,
          code: 'test.hold',
          reference: 'ord_hold',
        },
      ]);
      return id;
    };
    const [h1, h2] = [await hold(), await hold()];
    const id = newId('txn');
    const effectiveAt = new Date('2026-03-01T12:00:00Z');
    const posting = { id, kind: 'post_pending' as const, pendingId: h1, amountMinor: 3_000, effectiveAt };
    await post([posting]);
    await replayed([posting]);
    await replayed([{ ...posting, code: 'test.hold', reference: 'ord_hold' }]);
    await conflict([{ ...posting, pendingId: h2 }], id, 'pending transfer');
    await conflict([{ ...posting, amountMinor: 2_000 }], id, 'amount');
    await conflict([{ ...posting, amountMinor: undefined }], id, 'amount');
    await conflict([{ ...posting, code: 'test.capture' }], id, 'code');
    await conflict([{ ...posting, reference: 'ord_other' }], id, 'reference');
    await conflict([{ ...posting, reference: null }], id, 'reference');
    await conflict([{ ...posting, metadata: { note: 'x' } }], id, 'metadata');
    await conflict([{ ...posting, effectiveAt: new Date(effectiveAt.getTime() - 1) }], id, 'effective time');
    await conflict([{ ...posting, kind: 'void_pending', amountMinor: undefined }], id, 'kind');

    // A whole posting without an amount, and a void: replays as recorded.
    const whole = { id: newId('txn'), kind: 'post_pending' as const, pendingId: h2 };
    await post([whole]);
    await replayed([whole]);
    await replayed([{ ...whole, amountMinor: 5_000 }]);
    const voided = { id: newId('txn'), kind: 'void_pending' as const, pendingId: await hold(700) };
    await post([voided]);
    await replayed([voided]);
  });

  test('an expiry repeated for the same hold is a replay, for another hold it names the pending transfer (kills the expiry’s test → false and its comparison → true)', async () => {
    const [a, b] = (await Promise.all([account(), account()])) as [Account, Account];
    const hold = async () => {
      const id = newId('txn');
      await post([
        {
          id,
          kind: 'pending',
          debitAccountId: a.id,
          creditAccountId: b.id,
          amountMinor: 100,
          code: 'test.hold',
          timeoutSeconds: 60,
        },
      ]);
      return id;
    };
    const [h1, h2] = [await hold(), await hold()];
    clock.advance(61_000);
    const id = newId('txn');
    await post([{ id, kind: 'expire_pending', pendingId: h1 }]);
    await replayed([{ id, kind: 'expire_pending', pendingId: h1 }]);
    await conflict([{ id, kind: 'expire_pending', pendingId: h2 }], id, 'pending transfer');
  });
});
