// Auto-debit agreements end to end against the sandbox's Alipay cycle pay: the payer opens the signed
// sign page and agrees, we learn it by query, charges are recorded in the caller's transaction and
// sent by the sweep, and each outcome — paid, insufficient funds, a 5xx — ends where it should.
import type { AddressInfo } from 'node:net';
import { platformSchema, runSweep } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer } from '@zulin/identity/testing';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
import { runCommand } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { activeAgreementOf } from './active-agreement';
import type { AgreementDeps } from './agreements';
import { agreementChannelClient, configuredPaymentChannel } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { chargeAgreement } from './charge-agreement';
import { PaymentsLimits } from './limits';
import { paymentsModule } from './module';
import { getPaymentOrder } from './payment-orders';
import { recheckPayments } from './recheck-payments';
import { refreshAgreement } from './refresh-agreement';
import { openSignPage, requestAgreement } from './request-agreement';
import { paymentsAgreements, paymentsSandboxTrades } from './schema';
import { sendAgreementCharges } from './send-agreement-charges';
import { retryRequestedUnsigns, unsignAgreement } from './unsign-agreement';

describeDb('auto-debit agreements through the sandbox (Alipay cycle pay)', (get) => {
  let s: TestServer;
  let deps: AgreementDeps;
  let creditAccountId: string;
  let n = 0;
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const signed = async (perChargeMaxMinor: number) => {
    const a = await runCommand(s.ctx.database, (tx) =>
      requestAgreement(tx, deps, {
        customerId: `cus_agr${n}`,
        outRequestNo: `agr_${n++}`,
        perChargeMaxMinor,
        periodDays: 30,
        reference: `ren_${n}`,
      }),
    );
    expect(a.state).toBe('signing');
    // The payer's browser opens the signed page: the sandbox verifies it and shows its sign page.
    const url = new URL((await openSignPage(s.ctx.database, deps, a)).signUrl);
    const page = await s.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(page.statusCode).toBe(302);
    const sandboxId = String(page.headers.location).split('/').at(-1);
    expect((await refreshAgreement(s.ctx.database, deps, a.id)).state).toBe('signing');
    const sign = await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/sign` });
    expect(sign.statusCode).toBe(200);
    const active = await refreshAgreement(s.ctx.database, deps, a.id);
    expect(active).toMatchObject({ state: 'active', channelAgreementNo: expect.stringMatching(/^\d{22}$/) });
    return active;
  };
  const charge = (agreementId: string, amountMinor: number, reference: string) =>
    runCommand(s.ctx.database, (tx) =>
      chargeAgreement(
        tx,
        { clock: s.clock },
        {
          agreementId,
          amountMinor,
          reference,
          purpose: 'billing.bill',
          creditAccountId,
          description: '12月租金',
        },
      ),
    );

  const getAgreementRow = async (id: string) => {
    const [row] = await s.ctx.database.db.select().from(paymentsAgreements).where(eq(paymentsAgreements.id, id));
    return row;
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    deps = { clock: s.clock, client: await agreementChannelClient(s.ctx, 'alipay') };
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  test('signed, charged once per bill and attempt by the sweep, posted through clearing; above the cap refused', async () => {
    const a = await signed(20_000);
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    const before = { clearing: await balance(clearing.id), credit: await balance(creditAccountId) };
    const order = await charge(a.id, 19_999, 'bill_1#1');
    expect(order).toMatchObject({ state: 'created', agreementId: a.id });
    expect((await charge(a.id, 19_999, 'bill_1#1')).id).toBe(order.id);
    await expect(charge(a.id, 20_001, 'bill_2#1')).rejects.toMatchObject({ code: 'PAYMENTS_AGREEMENT_CAP_EXCEEDED' });
    // Alipay cycle pay needs no pre-debit notice: deducted in the run that sends it.
    expect(await sendAgreementCharges(s.ctx.database, deps)).toEqual({
      sent: 1,
      noticed: 0,
      succeeded: 1,
      failed: 0,
      pending: 0,
      unknown: 0,
    });
    expect(await sendAgreementCharges(s.ctx.database, deps)).toMatchObject({ sent: 0 });
    expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('succeeded');
    expect(await balance(creditAccountId)).toBe(before.credit + 19_999);
    expect(await balance(clearing.id)).toBe(before.clearing - 19_999);
    const told = (
      await s.ctx.database.db
        .select()
        .from(platformSchema.outbox)
        .where(eq(platformSchema.outbox.type, 'payments.payment_succeeded'))
    ).filter((e) => (e.payload as { orderId: string }).orderId === order.id);
    expect(told.map((e) => e.payload)).toEqual([
      expect.objectContaining({ purpose: 'billing.bill', reference: 'bill_1#1', amountMinor: 19_999 }),
    ]);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('insufficient funds: the attempt fails with the channel’s reason and posts nothing; the next attempt succeeds', async () => {
    const a = await signed(50_000);
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    const before = await balance(clearing.id);
    await knobs({ insufficientFunds: true });
    const first = await charge(a.id, 3_000, 'bill_9#1');
    expect(await sendAgreementCharges(s.ctx.database, deps)).toMatchObject({ sent: 1, failed: 1 });
    expect(await getPaymentOrder(s.ctx.database.db, first.id)).toMatchObject({
      state: 'failed',
      failureReason: expect.stringContaining('ACQ.BUYER_BALANCE_NOT_ENOUGH'),
    });
    expect(await balance(clearing.id)).toBe(before);
    await knobs({ insufficientFunds: false });
    const second = await charge(a.id, 3_000, 'bill_9#2');
    expect(await sendAgreementCharges(s.ctx.database, deps)).toMatchObject({ sent: 1, succeeded: 1 });
    expect((await getPaymentOrder(s.ctx.database.db, second.id)).state).toBe('succeeded');
    expect(await balance(clearing.id)).toBe(before - 3_000);
  });

  test('a 5xx on every attempt leaves the charge unknown; sent again when due, it is paid once', async () => {
    const a = await signed(10_000);
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    const order = await charge(a.id, 700, 'bill_5#1');
    expect(await sendAgreementCharges(s.ctx.database, deps)).toMatchObject({ sent: 1, unknown: 1 });
    expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('unknown');
    expect(await sendAgreementCharges(s.ctx.database, deps)).toMatchObject({ sent: 0 });
    s.clock.advance(300_000);
    expect(await sendAgreementCharges(s.ctx.database, deps)).toMatchObject({ sent: 1, succeeded: 1 });
    expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('succeeded');
  });

  test('unsigned: the channel stops the agreement and no charge is recorded under it', async () => {
    const a = await signed(10_000);
    expect((await unsignAgreement(s.ctx.database, deps, a.id)).state).toBe('unsigned');
    await expect(charge(a.id, 100, 'bill_7#1')).rejects.toMatchObject({ code: 'PAYMENTS_AGREEMENT_NOT_ACTIVE' });
    expect((await refreshAgreement(s.ctx.database, deps, a.id)).state).toBe('unsigned');
  });

  test('an unsign the channel fails is kept: charges are refused and the recorded one is not sent; once the channel confirms, it is unsigned and the charge fails', async () => {
    const a = await signed(30_000);
    // A charge recorded before the customer asked to end it (the sweep has not sent it yet).
    const before = await charge(a.id, 12_900, 'bill_21#1');
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    await expect(unsignAgreement(s.ctx.database, deps, a.id)).rejects.toMatchObject({
      code: 'PAYMENTS_CHANNEL_UNAVAILABLE',
    });
    const requestedAt = s.clock.now();
    expect(await getAgreementRow(a.id)).toMatchObject({ state: 'active', unsignRequestedAt: requestedAt });
    // Nothing more is charged under it: refused with a stable code, and billing no longer sees it in force.
    await expect(charge(a.id, 12_900, 'bill_22#1')).rejects.toMatchObject({
      code: 'PAYMENTS_AGREEMENT_UNSIGN_REQUESTED',
      status: 409,
    });
    expect(await activeAgreementOf(s.ctx.database.db, a.customerId)).toBeNull();
    // The charge recorded before is left alone by the charge sweep.
    await sendAgreementCharges(s.ctx.database, deps);
    expect((await getPaymentOrder(s.ctx.database.db, before.id)).state).toBe('created');
    // 2 min later the sweep asks the channel again (through the module's `payments.agreements` sweep): it confirms.
    s.clock.advance(120_000);
    const sweep = paymentsModule.sweeps?.(s.ctx).find((w) => w.name === 'payments.agreements');
    if (!sweep) throw new Error('payments declares the agreements sweep');
    expect(await runSweep(s.ctx.database.db, s.clock, sweep)).toMatchObject({ unsignsAsked: 1, unsigned: 1 });
    expect(await getAgreementRow(a.id)).toMatchObject({ state: 'unsigned', unsignRequestedAt: null });
    await sendAgreementCharges(s.ctx.database, deps);
    expect(await getPaymentOrder(s.ctx.database.db, before.id)).toMatchObject({
      state: 'failed',
      failureReason: expect.stringContaining('AGREEMENT_NOT_ACTIVE'),
    });
    await expect(charge(a.id, 12_900, 'bill_22#1')).rejects.toMatchObject({ code: 'PAYMENTS_AGREEMENT_NOT_ACTIVE' });
  });

  test('through the API: the channel times out the customer’s unsign — 503 with the request recorded and shown; asked again, it is ended', async () => {
    const me = await signInTestCustomer(s);
    const a = (
      await s.app.inject({
        method: 'POST',
        url: '/v1/payments/agreements',
        headers: bearer(me.token),
        payload: { channel: 'alipay' },
      })
    ).json();
    const url = new URL(a.signUrl);
    const page = await s.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    const sandboxId = String(page.headers.location).split('/').at(-1);
    await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/sign` });
    const active = (
      await s.app.inject({ method: 'POST', url: `/v1/payments/agreements/${a.id}/refresh`, headers: bearer(me.token) })
    ).json();
    expect(active).toMatchObject({ state: 'active', unsignRequestedAt: null });
    const unsign = () =>
      s.app.inject({ method: 'POST', url: `/v1/payments/agreements/${a.id}/unsign`, headers: bearer(me.token) });
    await knobs({ timeoutNextCalls: 1, timeoutSeconds: 6 });
    const failed = await unsign();
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({
      code: 'PAYMENTS_CHANNEL_UNAVAILABLE',
      detail: expect.stringContaining('recorded'),
    });
    const requestedAt = s.clock.now().toISOString();
    const mine = (
      await s.app.inject({ method: 'GET', url: '/v1/payments/agreements', headers: bearer(me.token) })
    ).json();
    // Still in force at the channel (since it was signed), with my request to end it.
    expect(mine.data).toEqual([
      expect.objectContaining({
        id: a.id,
        state: 'active',
        stateSince: active.stateSince,
        unsignRequestedAt: requestedAt,
      }),
    ]);
    await expect(charge(a.id, 25_900, 'bill_api_unsign#0')).rejects.toMatchObject({
      code: 'PAYMENTS_AGREEMENT_UNSIGN_REQUESTED',
    });
    // The customer asks again (the channel answers now): ended, the request done.
    s.clock.advance(30_000);
    const ended = await unsign();
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ id: a.id, state: 'unsigned', unsignRequestedAt: null });
    expect(
      (await s.app.inject({ method: 'GET', url: `/v1/sandbox/payments/agreements/${sandboxId}` })).json(),
    ).toMatchObject({ status: 'STOP' });
    expect(await retryRequestedUnsigns(s.ctx.database, deps)).toEqual({
      unsignsAsked: 0,
      unsigned: 0,
      unsignsSkipped: 0,
    });
  });

  test('a charge the channel holds for the payer (10003) is pending; the janitor asks about it and completes it once paid', async () => {
    const a = await signed(20_000);
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    const before = await balance(clearing.id);
    await knobs({ chargesWaitForPayer: true });
    const order = await charge(a.id, 4_500, 'bill_11#1');
    expect(await sendAgreementCharges(s.ctx.database, deps)).toMatchObject({ sent: 1, pending: 1 });
    await knobs({ chargesWaitForPayer: false });
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({ state: 'pending' });
    // Not sent again by the agreement sweep; the janitor asks about it on its schedule (5 min).
    expect(await sendAgreementCharges(s.ctx.database, deps)).toMatchObject({ sent: 0 });
    const janitor = () =>
      recheckPayments(s.ctx.database, {
        clock: s.clock,
        channelOf: (channel) => configuredPaymentChannel(s.ctx, channel),
      });
    expect(await janitor()).toMatchObject({ asked: 0 });
    s.clock.advance(300_000);
    expect(await janitor()).toMatchObject({ asked: 1, stillOpen: 1 });
    // The payer pays the waiting trade.
    const [trade] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxTrades)
      .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
    expect(trade?.state).toBe('open');
    const paid = await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${trade?.id}/pay` });
    expect(paid.statusCode).toBe(200);
    s.clock.advance(3_600_000);
    expect(await janitor()).toMatchObject({ asked: 1, settled: 1 });
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({ state: 'succeeded' });
    expect(await balance(clearing.id)).toBe(before - 4_500);
    expect(await janitor()).toMatchObject({ asked: 0 });
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('a customer asks for an agreement through the API, signs it on the sandbox page and learns it is active; another customer gets 404', async () => {
    const me = await signInTestCustomer(s);
    const stranger = await signInTestCustomer(s);
    const ask = () =>
      s.app.inject({
        method: 'POST',
        url: '/v1/payments/agreements',
        headers: bearer(me.token),
        payload: { channel: 'alipay' },
      });
    const asked = await ask();
    expect(asked.statusCode).toBe(201);
    const a = asked.json();
    expect(a).toMatchObject({ state: 'signing', perChargeMaxMinor: 500_000, periodDays: 30, channel: 'alipay' });
    // Asking again while it is being signed answers the same agreement.
    expect((await ask()).json().id).toBe(a.id);
    const refresh = (token: string) =>
      s.app.inject({ method: 'POST', url: `/v1/payments/agreements/${a.id}/refresh`, headers: bearer(token) });
    expect((await refresh(stranger.token)).statusCode).toBe(404);
    expect((await refresh(me.token)).json().state).toBe('signing');
    const url = new URL(a.signUrl);
    const page = await s.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    const sandboxId = String(page.headers.location).split('/').at(-1);
    await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/sign` });
    const active = (await refresh(me.token)).json();
    expect(active).toMatchObject({ id: a.id, state: 'active', signUrl: null });
    // Signed: one live agreement per customer and channel — asking again is refused with a stable code.
    const again = await ask();
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PAYMENTS_AGREEMENT_EXISTS' });
    // My agreements: the active one, since it was signed.
    const mine = (
      await s.app.inject({ method: 'GET', url: '/v1/payments/agreements', headers: bearer(me.token) })
    ).json();
    expect(mine.data).toEqual([expect.objectContaining({ id: a.id, state: 'active', stateSince: expect.any(String) })]);
    expect(
      (await s.app.inject({ method: 'GET', url: '/v1/payments/agreements', headers: bearer(stranger.token) })).json(),
    ).toEqual({ data: [] });
    // Ended by the customer: another's is 404; the channel stops it, and no charge is recorded under it.
    const unsign = (token: string) =>
      s.app.inject({ method: 'POST', url: `/v1/payments/agreements/${a.id}/unsign`, headers: bearer(token) });
    expect((await unsign(stranger.token)).statusCode).toBe(404);
    const ended = await unsign(me.token);
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ id: a.id, state: 'unsigned' });
    const sandboxRow = (
      await s.app.inject({ method: 'GET', url: `/v1/sandbox/payments/agreements/${sandboxId}` })
    ).json();
    expect(sandboxRow).toMatchObject({ status: 'STOP', singleAmountMinor: 500_000 });
    await expect(charge(a.id, 25_900, 'bill_after_unsign#0')).rejects.toMatchObject({
      code: 'PAYMENTS_AGREEMENT_NOT_ACTIVE',
    });
    // Unsigned: the customer may ask for a new one.
    const renewed = await ask();
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json()).toMatchObject({ state: 'signing' });
    expect(renewed.json().id).not.toBe(a.id);
  });

  test('the payer refuses on the sandbox page: the agreement is ended (unsigned), never charged, and a new one may be asked for', async () => {
    const me = await signInTestCustomer(s);
    const ask = () =>
      s.app.inject({
        method: 'POST',
        url: '/v1/payments/agreements',
        headers: bearer(me.token),
        payload: { channel: 'alipay' },
      });
    const a = (await ask()).json();
    const url = new URL(a.signUrl);
    const page = await s.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    const sandboxId = String(page.headers.location).split('/').at(-1);
    // The page shows whom the payer authorises and the cap: ¥5,000.00 a charge.
    const shown = (await s.app.inject({ method: 'GET', url: `/v1/sandbox/payments/agreements/${sandboxId}` })).json();
    expect(shown).toMatchObject({ id: sandboxId, status: 'TEMP', singleAmountMinor: 500_000, channel: 'alipay' });
    const refused = await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/refuse` });
    expect(refused.json()).toMatchObject({ status: 'STOP' });
    // Refused twice or signed after refusing: nothing to act on.
    expect(
      (await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/sign` })).statusCode,
    ).toBe(404);
    const learnt = await s.app.inject({
      method: 'POST',
      url: `/v1/payments/agreements/${a.id}/refresh`,
      headers: bearer(me.token),
    });
    expect(learnt.json()).toMatchObject({ id: a.id, state: 'unsigned', signUrl: null });
    const again = await ask();
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(a.id);
  });

  test('two requests at once for the same customer make one agreement: both are answered it', async () => {
    const me = await signInTestCustomer(s);
    const ask = () =>
      s.app.inject({
        method: 'POST',
        url: '/v1/payments/agreements',
        headers: bearer(me.token),
        payload: { channel: 'alipay' },
      });
    const answers = await Promise.all([ask(), ask(), ask()]);
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const ids = new Set(answers.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    const rows = await s.ctx.database.db
      .select()
      .from(paymentsAgreements)
      .where(eq(paymentsAgreements.customerId, me.customerId));
    expect(rows.map((r) => r.state)).toEqual(['signing']);
  });

  test('a second live agreement for a customer and channel is refused, by the use case and by the database', async () => {
    const a = await signed(10_000);
    const ask = (outRequestNo: string) =>
      runCommand(s.ctx.database, (tx) =>
        requestAgreement(tx, deps, {
          customerId: a.customerId,
          outRequestNo,
          perChargeMaxMinor: 10_000,
          periodDays: 30,
          reference: outRequestNo,
        }),
      );
    await expect(ask(`agr_second_${n++}`)).rejects.toMatchObject({ code: 'PAYMENTS_AGREEMENT_EXISTS' });
    // The same request number still answers the first agreement (idempotent).
    expect((await ask(a.outRequestNo)).id).toBe(a.id);
    // Even a writer that skips the check cannot add a second live one: the partial unique index refuses it.
    await expect(
      s.ctx.database.db.insert(paymentsAgreements).values({
        ...a,
        id: `pag_dup_${n++}`,
        outRequestNo: `agr_dup_${n}`,
        externalAgreementNo: `ZGdup${n}`,
        state: 'signing',
      }),
    ).rejects.toThrow();
    // Ended ones do not count: after unsigning, a new one may be made.
    await unsignAgreement(s.ctx.database, deps, a.id);
    expect((await ask(`agr_third_${n++}`)).state).toBe('signing');
  });
});
