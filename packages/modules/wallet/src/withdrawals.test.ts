import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { verifyLedger } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sandboxBankAdapter } from './bank-verification';
import { WalletLimits } from './limits';
import { useBankAdapter, walletTestKit } from './testing';

describeDb('a withdrawal whose payout the bank never answers', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the hold expires after 3 days: the withdrawal fails, the money is available again, the ledger verifies', async () => {
    const phone = randomTestPhone();
    let carol = await signInTestCustomer(s, phone);
    await kit.topUp(carol, 10_000);
    const card = (await kit.inject(carol, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' })).json();
    let payoutCalls = 0;
    useBankAdapter(s, {
      verifyCard: sandboxBankAdapter.verifyCard,
      async payout() {
        payoutCalls++;
        throw new Error('ETIMEDOUT: the bank never answered');
      },
    });

    const requested = await kit.inject(carol, 'POST', '/v1/wallet/withdrawals', {
      bankCardId: card.id,
      amountMinor: 3_000,
    });
    expect(requested.statusCode).toBe(201);
    const id = requested.json().id;
    await kit.drain();
    expect(payoutCalls).toBeGreaterThan(0);
    expect((await kit.inject(carol, 'GET', `/v1/wallet/withdrawals/${id}`)).json().status).toBe('processing');
    expect(await kit.wallet(carol)).toMatchObject({
      availableMinor: 7_000,
      postedMinor: 10_000,
      pendingOutMinor: 3_000,
    });

    // One minute before the timeout nothing expires.
    s.clock.advance(WalletLimits.withdrawalHoldSeconds * 1000 - 60_000);
    expect(await kit.runTick('ledger.expire_pending')).toMatchObject({ status: 'done', result: { expired: 0 } });
    s.clock.advance(120_000);
    expect(await kit.runTick('ledger.expire_pending', { force: true })).toMatchObject({
      status: 'done',
      result: { expired: 1 },
    });
    await kit.drain();

    carol = await signInTestCustomer(s, phone); // three days later the first session has expired
    expect((await kit.inject(carol, 'GET', `/v1/wallet/withdrawals/${id}`)).json()).toMatchObject({
      status: 'failed',
      failureReason: 'hold_expired',
    });
    expect(await kit.wallet(carol)).toMatchObject({ availableMinor: 10_000, postedMinor: 10_000, pendingOutMinor: 0 });
    const history = (await kit.inject(carol, 'GET', '/v1/wallet/transactions?type=withdrawal')).json().data;
    // One line for the withdrawal, in its current state: never the hold and its release as two.
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ status: 'released', direction: 'out', amountMinor: 3_000 });
    const verification = await verifyLedger(s.ctx.database.db);
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);

    // The payout delivery, retried later, finds the withdrawal settled and does not ask the bank again.
    const callsBefore = payoutCalls;
    s.clock.advance(2 * 3_600_000);
    await kit.drain();
    expect(payoutCalls).toBe(callsBefore);
    const events = await queryRows<{ type: string; payload: Record<string, unknown> }>(
      s.ctx.database.db,
      sql`select type, payload from outbox where type = 'wallet.withdrawal_failed' and payload->>'withdrawalId' = ${id}`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({ customerId: carol.customerId, amountMinor: 3_000 });

    // A withdrawal that failed before the codes kept English: the app reads the code it words, and the
    // stored text is left as it was.
    carol = await signInTestCustomer(s, phone); // two hours on: a fresh session
    for (const [stored, presented] of [
      ['hold expired', 'hold_expired'],
      ['account frozen', 'account_frozen'],
      ['card reported lost', 'card_reported_lost'],
      ['Error 96: system malfunction', 'declined'],
      ['name_mismatch', 'name_mismatch'],
    ] as const) {
      await s.ctx.database.db.execute(sql`update wallet_withdrawals set failure_reason = ${stored} where id = ${id}`);
      expect((await kit.inject(carol, 'GET', `/v1/wallet/withdrawals/${id}`)).json(), stored).toMatchObject({
        status: 'failed',
        failureReason: presented,
      });
    }
    const [kept] = await queryRows<{ failure_reason: string }>(
      s.ctx.database.db,
      sql`select failure_reason from wallet_withdrawals where id = ${id}`,
    );
    expect(kept?.failure_reason).toBe('name_mismatch');
  });
});
