// The wallet hold as a deposit instrument (wallet-holds.ts): a ledger hold on the customer's wallet,
// captured into the capture's account through customer deposits held, released by voiding; refused
// and nothing written when the wallet is short. Real numbers; a property over captures and releases.
import { describeDb } from '@zulin/db/testing';
import {
  assertLedgerConsistent,
  channelClearingAccount,
  createTransfers,
  customerAccount,
  getBalances,
  platformAccount,
  trialBalance,
} from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { authoriseDeposit } from './authorise-deposit';
import { captureFromAuthorisation } from './capture-from-authorisation';
import { authorisationChannelClient } from './channel-client-of';
import type { AuthorisationDeps } from './deposit-authorisations';
import { releaseAuthorisation } from './release-authorisation';
import { paymentsAuthorisations } from './schema';

describeDb('deposit held on the wallet balance', (get) => {
  let s: TestServer;
  let n = 0;
  const deps = async (): Promise<AuthorisationDeps> => ({
    clock: s.clock,
    client: await authorisationChannelClient(s.ctx, 'wallet'),
  });
  const posted = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const wallet = async (customerId: string) => {
    const account = await customerAccount(s.ctx.database.db, s.clock, customerId, 'wallet');
    const b = (await getBalances(s.ctx.database.db, [account.id])).get(account.id);
    const postedMinor = (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
    return { postedMinor, availableMinor: postedMinor - (b?.debitsPendingMinor ?? 0) };
  };
  /** A customer whose wallet was topped up with `minor` (a posted transfer from the sandbox channel's clearing). */
  const fundedCustomer = async (minor: number) => {
    n += 1;
    const customerId = `cus_walhold${n}_${Date.now()}`;
    const account = await customerAccount(s.ctx.database.db, s.clock, customerId, 'wallet');
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'sandbox');
    if (minor > 0) {
      await createTransfers(s.ctx.database.db, s.clock, [
        {
          id: `txn_walholdtest_topup_${customerId}`,
          debitAccountId: clearing.id,
          creditAccountId: account.id,
          amountMinor: minor,
          code: 'wallet.top_up',
        },
      ]);
    }
    return customerId;
  };
  const hold = async (customerId: string, amountMinor: number, outRequestNo = `rord_${customerId}_dep0`) =>
    authoriseDeposit(s.ctx.database, await deps(), {
      customerId,
      amountMinor,
      outRequestNo,
      description: '手机租赁押金',
      reference: `rord_${customerId}`,
      payerToken: '',
    });
  const transferCount = async () => {
    const rows = await s.ctx.database.db.execute(sql`select count(*)::int as n from ledger_transfers`);
    return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
  };
  const balanced = async () => {
    await assertLedgerConsistent(s.ctx.database.db);
    const tb = await trialBalance(s.ctx.database.db, 'CNY');
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('¥1,500.00 held of ¥2,000.00 in the wallet; ¥320.00 captured; ¥1,180.00 released', async () => {
    const customerId = await fundedCustomer(200_000);
    const fee = (await platformAccount(s.ctx.database.db, s.clock, 'fee_revenue')).id;
    const held = (await platformAccount(s.ctx.database.db, s.clock, 'customer_deposits_held')).id;
    const feeBefore = await posted(fee);

    const a = await hold(customerId, 150_000);
    expect(a).toMatchObject({ channel: 'wallet', state: 'authorised', amountMinor: 150_000, fundMinor: 150_000 });
    expect(a.creditMinor).toBe(0);
    // The available balance drops at once; nothing has left the wallet yet.
    expect(await wallet(customerId)).toEqual({ postedMinor: 200_000, availableMinor: 50_000 });
    await balanced();

    const captured = await captureFromAuthorisation(s.ctx.database, await deps(), {
      authorisationId: a.id,
      outRequestNo: 'inspcap',
      amountMinor: 32_000,
      creditAccountId: fee,
      description: '手机归还检测损坏费',
    });
    expect(captured.operation).toMatchObject({ state: 'succeeded', amountMinor: 32_000 });
    expect(captured.authorisation).toMatchObject({ state: 'partially_captured', capturedMinor: 32_000 });
    expect(await wallet(customerId)).toEqual({ postedMinor: 168_000, availableMinor: 50_000 });
    expect((await posted(fee)) - feeBefore).toBe(32_000);
    await balanced();

    // The same capture asked again answers the same operation and moves nothing.
    const again = await captureFromAuthorisation(s.ctx.database, await deps(), {
      authorisationId: a.id,
      outRequestNo: 'inspcap',
      amountMinor: 32_000,
      creditAccountId: fee,
      description: '手机归还检测损坏费',
    });
    expect(again.operation.id).toBe(captured.operation.id);
    expect((await posted(fee)) - feeBefore).toBe(32_000);

    const released = await releaseAuthorisation(s.ctx.database, await deps(), {
      authorisationId: a.id,
      outRequestNo: 'insprel0',
    });
    expect(released.operation).toMatchObject({ state: 'succeeded', amountMinor: 118_000 });
    expect(released.authorisation).toMatchObject({ state: 'settled', capturedMinor: 32_000, releasedMinor: 118_000 });
    expect(await wallet(customerId)).toEqual({ postedMinor: 168_000, availableMinor: 168_000 });
    // Customer deposits held only passes the captured money through.
    expect(await posted(held)).toBe(0);
    await balanced();
  });

  test('a whole hold released (cancelled before shipping) gives everything back', async () => {
    const customerId = await fundedCustomer(150_000);
    const a = await hold(customerId, 150_000);
    expect(await wallet(customerId)).toEqual({ postedMinor: 150_000, availableMinor: 0 });
    const released = await releaseAuthorisation(s.ctx.database, await deps(), {
      authorisationId: a.id,
      outRequestNo: 'release',
    });
    expect(released.authorisation).toMatchObject({ state: 'released', releasedMinor: 150_000, capturedMinor: 0 });
    expect(await wallet(customerId)).toEqual({ postedMinor: 150_000, availableMinor: 150_000 });
    await balanced();
  });

  test('a short wallet is refused with the amounts, and nothing is written', async () => {
    const customerId = await fundedCustomer(100_000);
    const before = await transferCount();
    const refused = await hold(customerId, 150_000).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'PAYMENTS_WALLET_BALANCE_INSUFFICIENT', status: 422 });
    expect((refused as Error).message).toContain('100000 fen available');
    expect((refused as Error).message).toContain('needs 150000 fen');
    expect(await transferCount()).toBe(before);
    const rows = await s.ctx.database.db
      .select()
      .from(paymentsAuthorisations)
      .where(eq(paymentsAuthorisations.customerId, customerId));
    expect(rows).toEqual([]);
    expect(await wallet(customerId)).toEqual({ postedMinor: 100_000, availableMinor: 100_000 });
  });

  test('the same request number answers the same hold, once', async () => {
    const customerId = await fundedCustomer(200_000);
    const first = await hold(customerId, 150_000);
    const second = await hold(customerId, 150_000);
    expect(second.id).toBe(first.id);
    expect(await wallet(customerId)).toEqual({ postedMinor: 200_000, availableMinor: 50_000 });
    await expect(hold(customerId, 140_000)).rejects.toMatchObject({ code: 'PAYMENTS_REQUEST_NUMBER_REUSED' });
  });

  test('property: wallet + captured + still held stays what the wallet had, and the ledger verifies', async () => {
    const fee = (await platformAccount(s.ctx.database.db, s.clock, 'fee_revenue')).id;
    const step = fc.record({
      kind: fc.constantFrom('capture' as const, 'release' as const),
      amountMinor: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 60_000 }), fc.constant(200_000)),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 150_000 }),
        fc.array(step, { maxLength: 5 }),
        async (amount, steps) => {
          const start = 150_000;
          const customerId = await fundedCustomer(start);
          const a = await hold(customerId, amount);
          let i = 0;
          for (const { kind, amountMinor } of steps) {
            const left = amount - (await current(a.id)).capturedMinor - (await current(a.id)).releasedMinor;
            const request = { authorisationId: a.id, outRequestNo: `op${i++}`, amountMinor };
            const run =
              kind === 'capture'
                ? captureFromAuthorisation(s.ctx.database, await deps(), {
                    ...request,
                    creditAccountId: fee,
                    description: '损坏费',
                  })
                : releaseAuthorisation(s.ctx.database, await deps(), request);
            if (left === 0) await expect(run).rejects.toMatchObject({ code: 'PAYMENTS_AUTHORISATION_NOT_OPEN' });
            else if (amountMinor > left)
              await expect(run).rejects.toMatchObject({ code: 'PAYMENTS_AUTHORISATION_EXCEEDED' });
            else await run;
            const now = await current(a.id);
            const stillHeld = now.amountMinor - now.capturedMinor - now.releasedMinor;
            const w = await wallet(customerId);
            expect(w.postedMinor + now.capturedMinor).toBe(start);
            expect(w.availableMinor + stillHeld + now.capturedMinor).toBe(start);
          }
          await balanced();
        },
      ),
      { numRuns: 12 },
    );
  });

  const current = async (id: string) => {
    const [row] = await s.ctx.database.db
      .select()
      .from(paymentsAuthorisations)
      .where(eq(paymentsAuthorisations.id, id));
    if (row === undefined) throw new Error('authorisation gone');
    return row;
  };
});
