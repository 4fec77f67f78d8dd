import { AppError, Limits } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  purgeExpiredIdempotencyKeys,
  releaseIdempotencyKey,
} from './idempotency';
import { describeDb } from './testing';

const t0 = new Date('2026-03-01T02:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describeDb('idempotency store', (get) => {
  beforeEach(async () => {
    await get().database.db.execute(sql`truncate idempotency_keys`);
  });

  test('the first request claims the key and a replay gets its stored response', async () => {
    const { db } = get().database;
    const claim = { scope: 'cus_1', key: 'k-1', requestHash: 'h1', token: 't1', now: t0 };
    expect(await claimIdempotencyKey(db, claim)).toEqual({ kind: 'claimed' });
    await completeIdempotencyKey(
      db,
      { scope: 'cus_1', key: 'k-1', token: 't1' },
      {
        status: 201,
        body: '{"id":"ord_1"}',
        contentType: 'application/json',
      },
    );
    expect(await claimIdempotencyKey(db, { ...claim, now: later(60_000) })).toEqual({
      kind: 'replay',
      status: 201,
      body: '{"id":"ord_1"}',
      contentType: 'application/json',
    });
  });

  test('the same key with a different request is refused with 409', async () => {
    const { db } = get().database;
    await claimIdempotencyKey(db, { scope: 'cus_1', key: 'k-2', requestHash: 'h1', token: 't1', now: t0 });
    await completeIdempotencyKey(
      db,
      { scope: 'cus_1', key: 'k-2', token: 't1' },
      { status: 201, body: '{}', contentType: null },
    );
    const reuse = claimIdempotencyKey(db, { scope: 'cus_1', key: 'k-2', requestHash: 'h2', token: 't1', now: t0 });
    await expect(reuse).rejects.toBeInstanceOf(AppError);
    await expect(reuse).rejects.toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  test('a concurrent duplicate is refused with 409 until the first finishes', async () => {
    const { db } = get().database;
    await claimIdempotencyKey(db, { scope: 'cus_1', key: 'k-3', requestHash: 'h1', token: 't1', now: t0 });
    await expect(
      claimIdempotencyKey(db, { scope: 'cus_1', key: 'k-3', requestHash: 'h1', token: 't1', now: later(100) }),
    ).rejects.toMatchObject({ status: 409, code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS' });
  });

  test('keys are scoped to their owner', async () => {
    const { db } = get().database;
    await claimIdempotencyKey(db, { scope: 'cus_1', key: 'shared', requestHash: 'h1', token: 't1', now: t0 });
    expect(
      await claimIdempotencyKey(db, { scope: 'cus_2', key: 'shared', requestHash: 'h9', token: 't1', now: t0 }),
    ).toEqual({
      kind: 'claimed',
    });
  });

  test('a released key (server error) can be retried, and an expired key is claimed anew', async () => {
    const { db } = get().database;
    await claimIdempotencyKey(db, { scope: 's', key: 'k-4', requestHash: 'h1', token: 't1', now: t0 });
    await releaseIdempotencyKey(db, { scope: 's', key: 'k-4', token: 't1' });
    expect(await claimIdempotencyKey(db, { scope: 's', key: 'k-4', requestHash: 'h1', token: 't1', now: t0 })).toEqual({
      kind: 'claimed',
    });
    await completeIdempotencyKey(
      db,
      { scope: 's', key: 'k-4', token: 't1' },
      { status: 200, body: '1', contentType: null },
    );
    const afterTtl = later(Limits.idempotencyTtlMs + 1);
    expect(
      await claimIdempotencyKey(db, { scope: 's', key: 'k-4', requestHash: 'h2', token: 't1', now: afterTtl }),
    ).toEqual({
      kind: 'claimed',
    });
  });

  test('only the holder of a claim records the answer: a claim taken over after a crash is not completed by the old one', async () => {
    const { db } = get().database;
    const stale = later(2 * Limits.httpRequestTimeoutMs);
    await claimIdempotencyKey(db, { scope: 's', key: 'k-5', requestHash: 'h1', token: 'first', now: t0 });
    // The first holder looks dead; a retry takes the key over.
    expect(
      await claimIdempotencyKey(db, { scope: 's', key: 'k-5', requestHash: 'h1', token: 'second', now: stale }),
    ).toEqual({ kind: 'claimed' });
    const answer = { status: 201, body: '{"n":1}', contentType: null };
    expect(await completeIdempotencyKey(db, { scope: 's', key: 'k-5', token: 'first' }, answer)).toBe(false);
    expect(await completeIdempotencyKey(db, { scope: 's', key: 'k-5', token: 'second' }, answer)).toBe(true);
    // Completed: a later retry is answered from the store, nobody runs the command again.
    expect(
      await claimIdempotencyKey(db, { scope: 's', key: 'k-5', requestHash: 'h1', token: 'third', now: stale }),
    ).toEqual({ kind: 'replay', ...answer });
  });

  test('the purge deletes only keys past their 24 h', async () => {
    const { db } = get().database;
    await claimIdempotencyKey(db, { scope: 's', key: 'old', requestHash: 'h', token: 't1', now: t0 });
    await claimIdempotencyKey(db, {
      scope: 's',
      key: 'new',
      requestHash: 'h',
      token: 't1',
      now: later(Limits.idempotencyTtlMs),
    });
    expect(await purgeExpiredIdempotencyKeys(db, later(Limits.idempotencyTtlMs + 1))).toBe(1);
  });
});
