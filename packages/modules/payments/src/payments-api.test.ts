// Payments' HTTP API: a payer reads their own payment (a stranger gets 404), staff search payments,
// and a refund above ¥500 asked for by one staff member waits for another — the requester may not
// approve it (403 PAYMENTS_REFUND_SAME_STAFF) — and is then sent to the channel by the refund sweep.
import type { AddressInfo } from 'node:net';
import { platformSchema } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { paymentChannelClient } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { deliverSandboxCallbacks, deliverSandboxCallbacksManually } from './deliver-sandbox-callbacks';
import { getPaymentOrder } from './payment-orders';
import { sandboxKeys } from './sandbox-keys';
import { sendApprovedRefunds } from './send-approved-refunds';
import { startPayment } from './start-payment';

describeDb('payments API', (get) => {
  let s: TestServer;
  let creditAccountId: string;
  let n = 0;
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const drain = async () => {
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const deliver = async () =>
    deliverSandboxCallbacks(s.ctx.database.db, {
      clock: s.clock,
      keys: await sandboxKeys(s.ctx.database.db, s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
  const paid = async (customerId: string, channel: 'wechatpay' | 'alipay', amountMinor: number) => {
    const order = await startPayment(
      s.ctx.database,
      { clock: s.clock, client: await paymentChannelClient(s.ctx, channel) },
      {
        customerId,
        amountMinor,
        description: '租金',
        purpose: 'test.payment',
        reference: `ref${n++}`,
        creditAccountId,
      },
    );
    await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${order.cashierUrl?.split('/').at(-1)}/pay`,
    });
    await deliver();
    await drain();
    return getPaymentOrder(s.ctx.database.db, order.id);
  };
  const sweepRefunds = async () =>
    sendApprovedRefunds(s.ctx.database, {
      clock: s.clock,
      clientOf: (channel) => paymentChannelClient(s.ctx, channel),
    });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    // This file counts and steers each callback delivery itself.
    deliverSandboxCallbacksManually(s.ctx);
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  test('a payer reads their own payment; another customer gets 404; staff need payments.read', async () => {
    const owner = await signInTestCustomer(s);
    const stranger = await signInTestCustomer(s);
    const order = await paid(owner.customerId, 'alipay', 12_345);
    const mine = await s.app.inject({ method: 'GET', url: `/v1/payments/${order.id}`, headers: bearer(owner.token) });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: order.id, amountMinor: 12_345, state: 'succeeded', channel: 'alipay' });
    expect(mine.json()).not.toHaveProperty('outTradeNo');
    const theirs = await s.app.inject({
      method: 'GET',
      url: `/v1/payments/${order.id}`,
      headers: bearer(stranger.token),
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('PAYMENTS_ORDER_NOT_FOUND');
    expect((await s.app.inject({ method: 'GET', url: `/v1/payments/${order.id}` })).statusCode).toBe(401);

    const support = await signInTestStaff(s, 'support');
    const detail = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/payments/${order.id}`,
      headers: bearer(support.token),
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().payment).toMatchObject({
      customerId: owner.customerId,
      outTradeNo: order.outTradeNo,
      refundableMinor: 12_345,
    });
    expect(detail.json().changes.map((c: { toState: string }) => c.toState)).toEqual(['pending', 'succeeded']);
    // The payer named masked (not yet verified: the phone alone), and the ¥123.45 posting named by account.
    expect(detail.json().customerLabel).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(detail.json().transfers).toEqual([
      expect.objectContaining({ amountMinor: 12_345, kind: 'posted', creditAccountName: expect.any(String) }),
    ]);
    expect(detail.json().transfers[0].debitAccountName).not.toMatch(/^acc_/);
    const marketing = await signInTestStaff(s, 'marketing');
    const refused = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/payments/${order.id}`,
      headers: bearer(marketing.token),
    });
    expect(refused.statusCode).toBe(403);
  });

  test('staff list payments newest first with filters, page by page', async () => {
    const owner = await signInTestCustomer(s);
    const a = await paid(owner.customerId, 'wechatpay', 100);
    const b = await paid(owner.customerId, 'alipay', 200);
    const c = await paid(owner.customerId, 'wechatpay', 300);
    const finance = await signInTestStaff(s, 'finance');
    const list = (query: string) =>
      s.app.inject({ method: 'GET', url: `/v1/admin/payments?${query}`, headers: bearer(finance.token) });
    const all = await list(`customerId=${owner.customerId}`);
    expect(all.statusCode).toBe(200);
    expect(all.json().data.map((p: { id: string }) => p.id)).toEqual([c.id, b.id, a.id]);
    // The list names the payer masked too, so that a refund's "to" is a person, not an id.
    expect(all.json().data[0].customerLabel).toMatch(/^\d{3}\*{4}\d{4}$/);
    const wechat = await list(`customerId=${owner.customerId}&channel=wechatpay`);
    expect(wechat.json().data.map((p: { amountMinor: number }) => p.amountMinor)).toEqual([300, 100]);
    const first = await list(`customerId=${owner.customerId}&limit=2`);
    expect(first.json().data).toHaveLength(2);
    const second = await list(`customerId=${owner.customerId}&limit=2&cursor=${first.json().nextCursor}`);
    expect(second.json()).toEqual({ data: [expect.objectContaining({ id: a.id })], nextCursor: null });
    const future = await list(`customerId=${owner.customerId}&from=${new Date(Date.now() + 86_400_000).toISOString()}`);
    expect(future.json().data).toEqual([]);
    expect((await list('state=pending&channel=alipay')).statusCode).toBe(200);
    expect((await list('state=nonsense')).statusCode).toBe(422);
    expect((await list('cursor=garbage')).json().code).toBe('VALIDATION_FAILED');
  });

  test('a refund above ¥500: the requester may not approve it (403), a second staff member does, the sweep sends it, the ledger reverses it', async () => {
    const owner = await signInTestCustomer(s);
    const order = await paid(owner.customerId, 'wechatpay', 80_000);
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'wechatpay');
    const clearingBefore = await balance(clearing.id);
    const creditBefore = await balance(creditAccountId);
    const maker = await signInTestStaff(s, 'finance');
    const checker = await signInTestStaff(s, 'finance');
    const ask = (amountMinor: number, token = maker.token) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/payments/${order.id}/refunds`,
        headers: bearer(token),
        payload: { amountMinor, reason: '设备故障' },
      });

    const tooMuch = await ask(80_001);
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().code).toBe('PAYMENTS_REFUND_EXCEEDS_PAID');

    const big = await ask(60_000);
    expect(big.statusCode).toBe(201);
    expect(big.json()).toMatchObject({ state: 'awaiting_approval', amountMinor: 60_000, requestedBy: maker.staffId });
    // What is waiting counts against the payment: only ¥200 more may be asked for.
    expect((await ask(20_001)).json().code).toBe('PAYMENTS_REFUND_EXCEEDS_PAID');

    const queue = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/refunds?state=awaiting_approval',
      headers: bearer(checker.token),
    });
    expect(queue.json().data.map((r: { id: string }) => r.id)).toContain(big.json().id);
    const waiting = queue.json().data.find((r: { id: string }) => r.id === big.json().id);
    expect(waiting).toMatchObject({ requestedBy: maker.staffId, approvedBy: null, approvedByName: null });
    expect(waiting.requestedByName).toMatch(/^t\d+\.finance\./);

    // Nothing is sent while it waits.
    await sweepRefunds();
    expect(await balance(creditAccountId)).toBe(creditBefore);

    const self = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/refunds/${big.json().id}/approve`,
      headers: bearer(maker.token),
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('PAYMENTS_REFUND_SAME_STAFF');

    const support = await signInTestStaff(s, 'support');
    const noPermission = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/refunds/${big.json().id}/approve`,
      headers: bearer(support.token),
    });
    expect(noPermission.statusCode).toBe(403);

    const approved = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/refunds/${big.json().id}/approve`,
      headers: bearer(checker.token),
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', approvedBy: checker.staffId });
    const again = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/refunds/${big.json().id}/reject`,
      headers: bearer(checker.token),
    });
    expect(again.json().code).toBe('PAYMENTS_REFUND_NOT_AWAITING_APPROVAL');

    expect(await sweepRefunds()).toEqual({ sent: 1, succeeded: 1 });
    expect(await balance(creditAccountId)).toBe(creditBefore - 60_000);
    expect(await balance(clearing.id)).toBe(clearingBefore + 60_000);
    expect(await sweepRefunds()).toEqual({ sent: 0, succeeded: 0 });

    // ¥200 left, under the threshold: approved at once, sent by the next sweep.
    const small = await ask(20_000);
    expect(small.json().state).toBe('approved');
    expect(await sweepRefunds()).toEqual({ sent: 1, succeeded: 1 });
    const detail = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/payments/${order.id}`,
      headers: bearer(checker.token),
    });
    expect(detail.json().payment).toMatchObject({ refundedMinor: 80_000, refundableMinor: 0 });
    expect(detail.json().refunds.map((r: { state: string }) => r.state)).toEqual(['succeeded', 'succeeded']);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('a rejected refund moves no money and frees its amount; the same request number answers the same refund', async () => {
    const owner = await signInTestCustomer(s);
    const order = await paid(owner.customerId, 'alipay', 70_000);
    const maker = await signInTestStaff(s, 'finance');
    const checker = await signInTestStaff(s, 'admin');
    const ask = () =>
      s.app.inject({
        method: 'POST',
        url: `/v1/payments/${order.id}/refunds`,
        headers: bearer(maker.token),
        payload: { amountMinor: 50_001, reason: '重复扣款', outRequestNo: 'R-1' },
      });
    const first = await ask();
    expect(first.json().state).toBe('awaiting_approval');
    expect((await ask()).json().id).toBe(first.json().id);
    const rejected = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/refunds/${first.json().id}/reject`,
      headers: bearer(checker.token),
    });
    expect(rejected.json()).toMatchObject({ state: 'rejected', approvedBy: checker.staffId });
    // Maker and checker by name (the test staff have no display name: their username), not by id.
    expect(rejected.json().requestedByName).toMatch(/^t\d+\.finance\./);
    expect(rejected.json().approvedByName).toMatch(/^t\d+\.admin\./);
    expect(await sweepRefunds()).toEqual({ sent: 0, succeeded: 0 });
    const detail = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/payments/${order.id}`,
      headers: bearer(checker.token),
    });
    expect(detail.json().payment).toMatchObject({ refundedMinor: 0, refundableMinor: 70_000 });
    const unknownRefund = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/refunds/prf_nothing/approve',
      headers: bearer(checker.token),
    });
    expect(unknownRefund.statusCode).toBe(404);
  });

  /** GET (no payload) or PUT the payments settings as the given staff member. */
  const settings = (token: string, payload?: unknown) =>
    s.app.inject({
      method: payload === undefined ? 'GET' : 'PUT',
      url: '/v1/admin/payments-settings',
      headers: bearer(token),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  test('the refund approval threshold is a setting: administrators change it (audited), finance may not; refunds follow it', async () => {
    const owner = await signInTestCustomer(s);
    const order = await paid(owner.customerId, 'alipay', 30_000);
    const admin = await signInTestStaff(s, 'admin');
    const finance = await signInTestStaff(s, 'finance');
    expect((await settings(finance.token)).json()).toEqual({
      refundApprovalAboveMinor: 50_000,
      papayNoticeLeadSeconds: 86_400,
      updatedBy: null,
      updatedByName: null,
      updatedAt: null,
    });
    // Those the four-eyes rule controls may not loosen it.
    expect((await settings(finance.token, { refundApprovalAboveMinor: 10_000_000 })).statusCode).toBe(403);
    expect((await settings(admin.token, { refundApprovalAboveMinor: -1 })).statusCode).toBe(422);
    const changed = await settings(admin.token, { refundApprovalAboveMinor: 10_000 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ refundApprovalAboveMinor: 10_000, updatedBy: admin.staffId });
    // Shown by name (the test staff have no display name: their username), not by id.
    expect(changed.json().updatedByName).toMatch(/^t\d+\.admin\./);
    const ask = (amountMinor: number) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/payments/${order.id}/refunds`,
        headers: bearer(finance.token),
        payload: { amountMinor, reason: '退押金' },
      });
    // ¥100 is at the threshold: approved at once; ¥100.01 is above it: it waits.
    expect((await ask(10_000)).json().state).toBe('approved');
    expect((await ask(10_001)).json().state).toBe('awaiting_approval');
    const audit = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/audit-log?action=payments.settings_changed',
      headers: bearer(admin.token),
    });
    expect(audit.body).toContain('payments.settings_changed');
    // Back to the default for the other tests of this file.
    expect((await settings(admin.token, { refundApprovalAboveMinor: 50_000 })).statusCode).toBe(200);
  });

  test('the pre-debit notice lead time is a setting of the same route: 1 to 3 days, administrators only, audited; the threshold is left as it is', async () => {
    const admin = await signInTestStaff(s, 'admin');
    const finance = await signInTestStaff(s, 'finance');
    expect((await settings(finance.token)).json()).toMatchObject({
      refundApprovalAboveMinor: 50_000,
      papayNoticeLeadSeconds: 86_400,
    });
    // Not for finance; out of range (a day less 1 s, three days and 1 s), a fraction, empty or only unknown fields: refused.
    expect((await settings(finance.token, { papayNoticeLeadSeconds: 172_800 })).statusCode).toBe(403);
    for (const bad of [
      { papayNoticeLeadSeconds: 86_399 },
      { papayNoticeLeadSeconds: 259_201 },
      { papayNoticeLeadSeconds: 90_000.5 },
      {},
      { noticeDays: 2 },
    ]) {
      expect((await settings(admin.token, bad)).statusCode, JSON.stringify(bad)).toBe(422);
    }
    expect((await settings(finance.token)).json()).toMatchObject({ papayNoticeLeadSeconds: 86_400 });
    // Two days alone, a second after the threshold's last change: the threshold is unchanged, the change is the last.
    s.clock.advance(1_000);
    const changed = await settings(admin.token, { papayNoticeLeadSeconds: 172_800 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      refundApprovalAboveMinor: 50_000,
      papayNoticeLeadSeconds: 172_800,
      updatedBy: admin.staffId,
      updatedAt: s.clock.now().toISOString(),
    });
    expect((await settings(finance.token)).json()).toMatchObject({ papayNoticeLeadSeconds: 172_800 });
    // Both at once: three days and ¥600.
    const both = await settings(admin.token, { refundApprovalAboveMinor: 60_000, papayNoticeLeadSeconds: 259_200 });
    expect(both.json()).toMatchObject({ refundApprovalAboveMinor: 60_000, papayNoticeLeadSeconds: 259_200 });
    const audit = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/audit-log?action=payments.settings_changed',
      headers: bearer(admin.token),
    });
    const entries = (audit.json() as { data: { targetId: string; detail: unknown }[] }).data;
    expect(entries.filter((e) => e.targetId === 'papay').map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        { before: 86_400, after: 172_800 },
        { before: 172_800, after: 259_200 },
      ]),
    );
    // …and told as the threshold's changes are: an event for each, with who and the new lead time.
    const told = await s.ctx.database.db
      .select()
      .from(platformSchema.outbox)
      .where(eq(platformSchema.outbox.type, 'payments.settings_changed'));
    expect(told.filter((e) => e.aggregateId === 'papay').map((e) => e.payload)).toEqual(
      expect.arrayContaining([
        { changedBy: admin.staffId, papayNoticeLeadSeconds: 172_800 },
        { changedBy: admin.staffId, papayNoticeLeadSeconds: 259_200 },
      ]),
    );
    // Back to the defaults for the other tests of this file.
    expect(
      (await settings(admin.token, { refundApprovalAboveMinor: 50_000, papayNoticeLeadSeconds: 86_400 })).statusCode,
    ).toBe(200);
  });
});
