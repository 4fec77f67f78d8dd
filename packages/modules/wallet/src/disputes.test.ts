import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WalletLimits } from './limits';
import { walletTestKit } from './testing';

describeDb('dispute SLA escalation', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the daily tick marks open disputes past their SLA as breached exactly once, with an event; the console filters them', async () => {
    const alicePhone = randomTestPhone();
    const bobPhone = randomTestPhone();
    let alice = await signInTestCustomer(s, alicePhone);
    await signInTestCustomer(s, bobPhone);
    await kit.topUp(alice, 10_000);
    const send = async (amountMinor: number) =>
      (await kit.inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: bobPhone, amountMinor })).json().transferId;
    const dispute = async (transferId: string) =>
      (
        await kit.inject(alice, 'POST', '/v1/disputes', { transferId, type: 'charged_twice', description: '扣了两次' })
      ).json();
    const first = await dispute(await send(1_200));
    expect(first).toMatchObject({ status: 'open', breached: false, slaBreachedAt: null });
    s.clock.advance(2 * 86_400_000);
    alice = await signInTestCustomer(s, alicePhone);
    const second = await dispute(await send(800));
    const third = await dispute(await send(500));

    const staff = bearer((await signInTestStaff(s, 'admin')).token);
    const resolved = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/disputes/${third.id}/resolve`,
      headers: staff,
      payload: { outcome: 'rejected', note: 'not a duplicate' },
    });
    expect(resolved.statusCode).toBe(200);

    // One minute before the first SLA: nothing to escalate.
    s.clock.advance((WalletLimits.disputeSlaDays - 2) * 86_400_000 - 60_000);
    expect(await kit.runTick('wallet.dispute_sla')).toMatchObject({ status: 'done', result: { breached: 0 } });
    s.clock.advance(120_000);
    expect(await kit.runTick('wallet.dispute_sla', { force: true })).toMatchObject({ result: { breached: 1 } });
    expect(await kit.runTick('wallet.dispute_sla', { force: true })).toMatchObject({ result: { breached: 0 } });

    const events = await queryRows<{ aggregate_id: string; payload: Record<string, unknown> }>(
      s.ctx.database.db,
      sql`select aggregate_id, payload from outbox where type = 'wallet.dispute_sla_breached'`,
    );
    expect(events).toEqual([
      {
        aggregate_id: first.id,
        payload: { disputeId: first.id, customerId: alice.customerId, slaDueAt: first.slaDueAt },
      },
    ]);

    const staffNow = bearer((await signInTestStaff(s, 'support')).token);
    const list = async (query: string) =>
      (await s.app.inject({ url: `/v1/admin/disputes?${query}`, headers: staffNow })).json().data as {
        id: string;
        breached: boolean;
        slaBreachedAt: string | null;
      }[];
    const breached = await list('breached=true');
    expect(breached.map((d) => d.id)).toEqual([first.id]);
    expect(breached[0]).toMatchObject({ breached: true, slaBreachedAt: s.clock.now().toISOString() });
    expect((await list('status=open&breached=false')).map((d) => d.id)).toEqual([second.id]);
    alice = await signInTestCustomer(s, alicePhone);
    expect((await kit.inject(alice, 'GET', `/v1/disputes/${first.id}`)).json()).toMatchObject({
      breached: true,
      overdue: true,
    });

    // Two days later the second one breaches too; the first is not marked again; the rejected one never.
    s.clock.advance(2 * 86_400_000);
    expect(await kit.runTick('wallet.dispute_sla')).toMatchObject({ result: { breached: 1 } });
    const all = await queryRows<{ aggregate_id: string }>(
      s.ctx.database.db,
      sql`select aggregate_id from outbox where type = 'wallet.dispute_sla_breached' order by aggregate_id`,
    );
    expect(all.map((e) => e.aggregate_id)).toEqual([first.id, second.id].sort());
    const opened = await queryRows<{ payload: Record<string, unknown> }>(
      s.ctx.database.db,
      sql`select payload from outbox where type = 'wallet.dispute_opened' and aggregate_id = ${first.id}`,
    );
    expect(opened[0]?.payload).toMatchObject({ customerId: alice.customerId, amountMinor: 1_200 });
  });
});
