// Deposit authorisations end to end: our clients sign the channel's own requests, the sandbox plays
// Alipay fund authorisation and WeChat Pay Score over HTTP with its own keys, and captures post to
// the ledger through the channel's clearing account.
import type { AddressInfo } from 'node:net';
import { describeDb } from '@zulin/db/testing';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { authoriseDeposit } from './authorise-deposit';
import { captureFromAuthorisation } from './capture-from-authorisation';
import { authorisationChannelClient } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { type AuthorisationDeps, getAuthorisation } from './deposit-authorisations';
import { PaymentsLimits } from './limits';
import { releaseAuthorisation } from './release-authorisation';
import { paymentsAuthorisationOperations, paymentsSandboxAuthorisations } from './schema';

describeDb('deposit authorisations through the sandbox', (get) => {
  let s: TestServer;
  let creditAccountId: string;
  let n = 0;
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const deps = async (channel: 'alipay' | 'wechatpay'): Promise<AuthorisationDeps> => ({
    clock: s.clock,
    client: await authorisationChannelClient(s.ctx, channel),
  });
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const authorise = async (channel: 'alipay' | 'wechatpay', amountMinor: number) =>
    authoriseDeposit(s.ctx.database, await deps(channel), {
      customerId: `cus_dep${n}`,
      amountMinor,
      outRequestNo: `rental_${n++}_deposit`,
      description: '押金 iPhone 15',
      reference: `ren_${n}`,
      payerToken: channel === 'alipay' ? '286000000000000001' : 'oSandboxPayer000000000000001',
    });
  const atSandbox = async (outOrderNo: string) => {
    const [row] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxAuthorisations)
      .where(eq(paymentsSandboxAuthorisations.outOrderNo, outOrderNo));
    return row;
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  test('alipay: hold ¥500 of which credit covers ¥200, capture twice, release the rest: settled, ledger moves only the captures', async () => {
    await knobs({ creditAvailableMinor: 20_000 });
    const d = await deps('alipay');
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    const clearingBefore = await balance(clearing.id);
    const creditBefore = await balance(creditAccountId);
    const a = await authorise('alipay', 50_000);
    expect(a).toMatchObject({ state: 'authorised', amountMinor: 50_000, creditMinor: 20_000, fundMinor: 30_000 });
    expect(a.channelAuthNo).toMatch(/^\d{28}$/);
    // Asking again with the same number answers the same hold, without a second freeze.
    const again = await authoriseDeposit(s.ctx.database, d, {
      customerId: a.customerId,
      amountMinor: 50_000,
      outRequestNo: a.outRequestNo,
      description: 'x',
      reference: a.reference,
      payerToken: 'x',
    });
    expect(again.id).toBe(a.id);
    await expect(
      authoriseDeposit(s.ctx.database, d, {
        customerId: a.customerId,
        amountMinor: 50_001,
        outRequestNo: a.outRequestNo,
        description: 'x',
        reference: a.reference,
        payerToken: 'x',
      }),
    ).rejects.toMatchObject({ code: 'PAYMENTS_REQUEST_NUMBER_REUSED' });

    const capture = { authorisationId: a.id, creditAccountId, description: '损坏赔偿' };
    const first = await captureFromAuthorisation(s.ctx.database, d, {
      ...capture,
      outRequestNo: 'cap1',
      amountMinor: 12_345,
    });
    expect(first.authorisation).toMatchObject({ state: 'partially_captured', capturedMinor: 12_345 });
    expect(first.operation).toMatchObject({ state: 'succeeded', transferId: `txn_authcap_${first.operation.id}` });
    const repeated = await captureFromAuthorisation(s.ctx.database, d, {
      ...capture,
      outRequestNo: 'cap1',
      amountMinor: 12_345,
    });
    expect(repeated.operation.id).toBe(first.operation.id);
    await captureFromAuthorisation(s.ctx.database, d, { ...capture, outRequestNo: 'cap2', amountMinor: 1 });
    // More than is left: refused before the channel is asked.
    await expect(
      captureFromAuthorisation(s.ctx.database, d, { ...capture, outRequestNo: 'cap3', amountMinor: 37_655 }),
    ).rejects.toMatchObject({ code: 'PAYMENTS_AUTHORISATION_EXCEEDED' });
    const part = await releaseAuthorisation(s.ctx.database, d, {
      authorisationId: a.id,
      outRequestNo: 'rel1',
      amountMinor: 10_000,
    });
    expect(part.authorisation).toMatchObject({ state: 'partially_captured', releasedMinor: 10_000 });
    const rest = await releaseAuthorisation(s.ctx.database, d, { authorisationId: a.id, outRequestNo: 'rel2' });
    expect(rest.operation.amountMinor).toBe(50_000 - 12_346 - 10_000);
    expect(rest.authorisation).toMatchObject({ state: 'settled', capturedMinor: 12_346, releasedMinor: 37_654 });
    await expect(
      releaseAuthorisation(s.ctx.database, d, { authorisationId: a.id, outRequestNo: 'rel3', amountMinor: 1 }),
    ).rejects.toMatchObject({ code: 'PAYMENTS_AUTHORISATION_NOT_OPEN' });

    expect(await atSandbox(a.outOrderNo)).toMatchObject({
      state: 'finished',
      capturedMinor: 12_346,
      releasedMinor: 37_654,
    });
    expect(await balance(creditAccountId)).toBe(creditBefore + 12_346);
    expect(await balance(clearing.id)).toBe(clearingBefore - 12_346);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('alipay: credit covers the whole hold (CREDIT_AUTH, nothing frozen); released whole it ends released', async () => {
    await knobs({ creditAvailableMinor: 100_000 });
    const d = await deps('alipay');
    const a = await authorise('alipay', 99_999);
    expect(a).toMatchObject({ state: 'authorised', creditMinor: 99_999, fundMinor: 0 });
    const done = await releaseAuthorisation(s.ctx.database, d, { authorisationId: a.id, outRequestNo: 'all' });
    expect(done.authorisation).toMatchObject({ state: 'released', capturedMinor: 0, releasedMinor: 99_999 });
  });

  test('alipay: the payer short of balance for a credit-covered capture: the capture fails, its amount is free again', async () => {
    await knobs({ creditAvailableMinor: 5_000, insufficientFunds: true });
    const d = await deps('alipay');
    const a = await authorise('alipay', 8_000);
    const capture = { authorisationId: a.id, creditAccountId, description: '租金' };
    // 3000 frozen funds cover this one; the next needs credit.
    expect(
      (await captureFromAuthorisation(s.ctx.database, d, { ...capture, outRequestNo: 'c1', amountMinor: 3_000 }))
        .operation.state,
    ).toBe('succeeded');
    const short = await captureFromAuthorisation(s.ctx.database, d, {
      ...capture,
      outRequestNo: 'c2',
      amountMinor: 100,
    });
    expect(short.operation).toMatchObject({
      state: 'failed',
      failureReason: expect.stringContaining('ACQ.BUYER_BALANCE_NOT_ENOUGH'),
    });
    expect(short.authorisation).toMatchObject({ capturedMinor: 3_000, state: 'partially_captured' });
    const rest = await releaseAuthorisation(s.ctx.database, d, { authorisationId: a.id, outRequestNo: 'r' });
    expect(rest.operation.amountMinor).toBe(5_000);
  });

  test('a 5xx at capture leaves the capture unknown with its amount reserved; the retry with the same number completes it once', async () => {
    const d = await deps('alipay');
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    const before = await balance(clearing.id);
    const a = await authorise('alipay', 1_000);
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    const capture = {
      authorisationId: a.id,
      creditAccountId,
      description: '租金',
      outRequestNo: 'c',
      amountMinor: 600,
    };
    const lost = await captureFromAuthorisation(s.ctx.database, d, capture);
    expect(lost.operation.state).toBe('unknown');
    expect(lost.authorisation.capturedMinor).toBe(0);
    // 600 are reserved: only 400 may be released meanwhile.
    await expect(
      releaseAuthorisation(s.ctx.database, d, { authorisationId: a.id, outRequestNo: 'r', amountMinor: 401 }),
    ).rejects.toMatchObject({ code: 'PAYMENTS_AUTHORISATION_EXCEEDED' });
    const retried = await captureFromAuthorisation(s.ctx.database, d, capture);
    expect(retried.operation).toMatchObject({ id: lost.operation.id, state: 'succeeded' });
    expect(retried.authorisation.capturedMinor).toBe(600);
    expect(await balance(clearing.id)).toBe(before - 600);
  });

  test('wechatpay Pay Score: all credit; a partial release is refused; completing with the final amount settles and releases the rest', async () => {
    const d = await deps('wechatpay');
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'wechatpay');
    const before = await balance(clearing.id);
    const a = await authorise('wechatpay', 30_000);
    expect(a).toMatchObject({ state: 'authorised', creditMinor: 30_000, fundMinor: 0 });
    await expect(
      releaseAuthorisation(s.ctx.database, d, { authorisationId: a.id, outRequestNo: 'r', amountMinor: 100 }),
    ).rejects.toMatchObject({ code: 'PAYMENTS_AUTHORISATION_UNSUPPORTED' });
    const done = await captureFromAuthorisation(s.ctx.database, d, {
      authorisationId: a.id,
      outRequestNo: 'final',
      amountMinor: 8_000,
      creditAccountId,
      description: '租金',
    });
    expect(done.authorisation).toMatchObject({ state: 'settled', capturedMinor: 8_000, releasedMinor: 22_000 });
    expect(done.operation.channelTradeNo).toBeTruthy();
    expect(await atSandbox(a.outOrderNo)).toMatchObject({ state: 'finished', capturedMinor: 8_000 });
    expect(await balance(clearing.id)).toBe(before - 8_000);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('wechatpay Pay Score: released whole before any capture is a cancel (REVOKED)', async () => {
    const d = await deps('wechatpay');
    const a = await authorise('wechatpay', 5_000);
    const done = await releaseAuthorisation(s.ctx.database, d, { authorisationId: a.id, outRequestNo: 'cancel' });
    expect(done.authorisation).toMatchObject({ state: 'released', releasedMinor: 5_000 });
    expect(await atSandbox(a.outOrderNo)).toMatchObject({ state: 'revoked' });
  });

  test('property: captures + releases never exceed the hold, the sandbox agrees, the ledger moves exactly the captures and balances', async () => {
    const d = await deps('alipay');
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    const step = fc.record({
      kind: fc.constantFrom('capture' as const, 'release' as const),
      amountMinor: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 5_000 }), fc.constant(10_000)),
      fail: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.array(step, { maxLength: 5 }), async (amount, steps) => {
        await knobs({ failNextCalls: 0, creditAvailableMinor: amount });
        const before = await balance(clearing.id);
        const a = await authorise('alipay', amount);
        let i = 0;
        for (const st of steps) {
          if (st.fail) await knobs({ failNextCalls: 1 });
          const request = { authorisationId: a.id, outRequestNo: `s${i++}`, amountMinor: st.amountMinor };
          await (st.kind === 'capture'
            ? captureFromAuthorisation(s.ctx.database, d, { ...request, creditAccountId, description: 'p' })
            : releaseAuthorisation(s.ctx.database, d, request)
          ).catch((error: { code?: string }) => {
            expect(['PAYMENTS_AUTHORISATION_EXCEEDED', 'PAYMENTS_AUTHORISATION_NOT_OPEN']).toContain(error.code);
          });
          const now = await getAuthorisation(s.ctx.database.db, a.id);
          expect(now.capturedMinor + now.releasedMinor).toBeLessThanOrEqual(now.amountMinor);
          const sandbox = await atSandbox(a.outOrderNo);
          expect(sandbox?.capturedMinor).toBe(now.capturedMinor);
          expect(sandbox?.releasedMinor).toBe(now.releasedMinor);
          expect(await balance(clearing.id)).toBe(before - now.capturedMinor);
        }
        const ops = await s.ctx.database.db
          .select()
          .from(paymentsAuthorisationOperations)
          .where(eq(paymentsAuthorisationOperations.authorisationId, a.id));
        const final = await getAuthorisation(s.ctx.database.db, a.id);
        const sum = (kind: string) =>
          ops.filter((o) => o.kind === kind && o.state === 'succeeded').reduce((t, o) => t + o.amountMinor, 0);
        expect(sum('capture')).toBe(final.capturedMinor);
        expect(sum('release')).toBe(final.releasedMinor);
        await assertLedgerConsistent(s.ctx.database.db);
      }),
      { numRuns: 12 },
    );
  });
});
