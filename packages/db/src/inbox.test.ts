import { AdjustableClock, Limits } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { queryRows } from './database';
import { InboxProcessor, receiveInbound } from './inbox';
import { describeDb } from './testing';

const message = (providerEventId: string) => ({
  provider: 'sandboxpay',
  providerEventId,
  eventType: 'payment.succeeded',
  headers: { 'zulin-signature': 't=1,v1=00' },
  body: JSON.stringify({ id: providerEventId, amountMinor: 29900 }),
});

describeDb('inbox', (get) => {
  let clock: AdjustableClock;
  beforeEach(async () => {
    const { db } = get().database;
    clock = new AdjustableClock('2026-03-01T02:00:00Z');
    await db.execute(sql`truncate inbox`);
    await db.execute(sql`drop table if exists test_payments`);
    await db.execute(sql`create table test_payments (provider_event_id text, amount_minor int)`);
  });

  test('the same provider event received twice is stored and applied once', async () => {
    const { db } = get().database;
    expect(await receiveInbound(db, clock.now(), message('evt_1'))).toEqual({ duplicate: false });
    expect(await receiveInbound(db, clock.now(), message('evt_1'))).toEqual({ duplicate: true });
    const processor = new InboxProcessor({
      db,
      clock,
      handlers: {
        async sandboxpay(m, tx) {
          const body = JSON.parse(m.body) as { amountMinor: number };
          await tx.execute(sql`insert into test_payments values (${m.providerEventId}, ${body.amountMinor})`);
        },
      },
    });
    expect(await processor.runOnce()).toEqual({ processed: 1, failed: 0, dead: 0 });
    expect(await processor.runOnce()).toEqual({ processed: 0, failed: 0, dead: 0 });
    expect(await queryRows(db, sql`select * from test_payments`)).toEqual([
      { provider_event_id: 'evt_1', amount_minor: 29900 },
    ]);
  });

  test('a failing handler is retried after its backoff, then dead-lettered at the limit', async () => {
    const { db } = get().database;
    await receiveInbound(db, clock.now(), message('evt_2'));
    let calls = 0;
    const processor = new InboxProcessor({
      db,
      clock,
      handlers: {
        async sandboxpay() {
          calls++;
          throw new Error('order not found yet');
        },
      },
    });
    expect(await processor.runOnce()).toEqual({ processed: 0, failed: 1, dead: 0 });
    expect(await processor.runOnce()).toEqual({ processed: 0, failed: 0, dead: 0 });
    for (let attempt = 2; attempt <= Limits.inboxMaxAttempts; attempt++) {
      clock.advance(Limits.retryBackoffMaxMs);
      await processor.runOnce();
    }
    expect(calls).toBe(Limits.inboxMaxAttempts);
    const [row] = await queryRows<{ status: string; last_error: string }>(
      db,
      sql`select status, last_error from inbox`,
    );
    expect(row).toEqual({ status: 'dead', last_error: 'Error: order not found yet' });
  });
});
