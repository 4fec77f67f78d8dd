import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { verifyLedger } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { walletTestKit } from './testing';

describeDb('a dispute refund above ¥500 needs a second staff member', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  let customer: { customerId: string; token: string };
  let maker: { staffId: string; token: string };
  let checker: { staffId: string; token: string };
  const phone = randomTestPhone();
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
    customer = await signInTestCustomer(s, phone);
    maker = await signInTestStaff(s, 'finance');
    checker = await signInTestStaff(s, 'support');
  });
  afterAll(async () => {
    await s?.close();
  });

  const staffCall = (who: { token: string }, url: string, payload?: object) =>
    s.app.inject({
      method: payload ? 'POST' : 'GET',
      url,
      headers: bearer(who.token),
      ...(payload ? { payload } : {}),
    });
  const openDisputeOnTopUp = async (amountMinor: number) => {
    await kit.topUp(customer, amountMinor);
    const line = (await kit.inject(customer, 'GET', '/v1/wallet/transactions?type=top_up')).json().data[0];
    const opened = await kit.inject(customer, 'POST', '/v1/disputes', {
      transferId: line.id,
      type: 'charged_but_failed',
      description: '银行扣了两次款',
    });
    expect(opened.statusCode).toBe(201);
    return opened.json().id as string;
  };

  test('the console reads the amount, the transaction and the customer masked, not a bare id', async () => {
    const id = await openDisputeOnTopUp(12_000);
    const one = (await staffCall(checker, `/v1/admin/disputes/${id}`)).json();
    const digits = phone.replace(/^\+86/, '');
    expect(one).toMatchObject({
      id,
      customerLabel: `${digits.slice(0, 3)}****${digits.slice(-4)}`,
      transaction: { type: 'top_up', amountMinor: 12_000, direction: 'in' },
      pendingRefund: null,
      approvalAboveMinor: 50_000,
    });
    const list = (await staffCall(checker, '/v1/admin/disputes?status=open')).json().data;
    expect(list.find((d: { id: string }) => d.id === id)).toMatchObject({ transaction: { amountMinor: 12_000 } });
    // ¥120 is under the approval amount: one staff member refunds it at once.
    const refunded = await staffCall(maker, `/v1/admin/disputes/${id}/resolve`, {
      outcome: 'refund',
      note: '核实退款',
    });
    expect(refunded.json()).toMatchObject({ status: 'resolved', resolutionAmountMinor: 12_000, pendingRefund: null });
  });

  test('exactly ¥500 moves at once; ¥500.01 is proposed, nothing moves, and the proposer cannot approve it (403)', async () => {
    const atLimit = await openDisputeOnTopUp(50_000);
    expect(
      (await staffCall(maker, `/v1/admin/disputes/${atLimit}/resolve`, { outcome: 'refund', note: '退款' })).json(),
    ).toMatchObject({ status: 'resolved', resolutionAmountMinor: 50_000 });

    const id = await openDisputeOnTopUp(50_001);
    const before = (await kit.wallet(customer)).availableMinor;
    const proposed = await staffCall(maker, `/v1/admin/disputes/${id}/resolve`, {
      outcome: 'refund',
      note: '多扣退回',
    });
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json()).toMatchObject({
      status: 'open',
      resolutionTransferId: null,
      pendingRefund: { outcome: 'refund', amountMinor: 50_001, note: '多扣退回', proposedBy: maker.staffId },
    });
    expect((await kit.wallet(customer)).availableMinor).toBe(before);

    const own = await staffCall(maker, `/v1/admin/disputes/${id}/approve-refund`, {});
    expect([own.statusCode, own.json().code]).toEqual([403, 'WALLET_DISPUTE_SELF_APPROVAL']);
    const again = await staffCall(checker, `/v1/admin/disputes/${id}/resolve`, { outcome: 'refund', note: '再来' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'WALLET_DISPUTE_APPROVAL_PENDING']);
    expect((await kit.wallet(customer)).availableMinor).toBe(before);

    const approved = await staffCall(checker, `/v1/admin/disputes/${id}/approve-refund`, {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'resolved',
      resolution: 'refund',
      resolutionAmountMinor: 50_001,
      resolutionNote: '多扣退回',
      resolvedBy: checker.staffId,
    });
    expect((await kit.wallet(customer)).availableMinor).toBe(before + 50_001);
    const twice = await staffCall(checker, `/v1/admin/disputes/${id}/approve-refund`, {});
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'WALLET_DISPUTE_NOT_OPEN']);

    const audit = await queryRows<{ action: string; actor_id: string }>(
      s.ctx.database.db,
      sql`select action, actor_id from identity_audit_log where target_id = ${id} order by seq`,
    );
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['wallet.dispute_opened', customer.customerId],
      ['wallet.dispute_refund_proposed', maker.staffId],
      ['wallet.dispute_resolved', checker.staffId],
    ]);
    const verification = await verifyLedger(s.ctx.database.db);
    expect(verification.problems).toEqual([]);
  });

  test("the threshold is payments' refund approval setting, read when the refund is decided", async () => {
    const admin = await signInTestStaff(s, 'admin');
    const lowered = await s.app.inject({
      method: 'PUT',
      url: '/v1/admin/payments-settings',
      headers: bearer(admin.token),
      payload: { refundApprovalAboveMinor: 10_000 },
    });
    expect(lowered.statusCode).toBe(200);
    try {
      // ¥100.00 still moves at once; ¥100.01 now waits for a second person (it moved at ¥500 before).
      const atLimit = await openDisputeOnTopUp(10_000);
      const moved = await staffCall(maker, `/v1/admin/disputes/${atLimit}/resolve`, {
        outcome: 'refund',
        note: '退款',
      });
      expect(moved.json()).toMatchObject({ status: 'resolved', approvalAboveMinor: 10_000 });
      const id = await openDisputeOnTopUp(10_001);
      const before = (await kit.wallet(customer)).availableMinor;
      const proposed = await staffCall(maker, `/v1/admin/disputes/${id}/resolve`, { outcome: 'refund', note: '退款' });
      expect(proposed.json()).toMatchObject({ status: 'open', pendingRefund: { amountMinor: 10_001 } });
      expect((await kit.wallet(customer)).availableMinor).toBe(before);
    } finally {
      await s.app.inject({
        method: 'PUT',
        url: '/v1/admin/payments-settings',
        headers: bearer(admin.token),
        payload: { refundApprovalAboveMinor: 50_000 },
      });
    }
  });

  test('a declined proposal moves nothing and leaves the case open to resolve again', async () => {
    const id = await openDisputeOnTopUp(80_000);
    const before = (await kit.wallet(customer)).availableMinor;
    await staffCall(maker, `/v1/admin/disputes/${id}/resolve`, { outcome: 'refund', note: '退款' });
    const declined = await staffCall(checker, `/v1/admin/disputes/${id}/decline-refund`, { note: '金额不对' });
    expect(declined.json()).toMatchObject({ status: 'open', pendingRefund: null });
    expect((await kit.wallet(customer)).availableMinor).toBe(before);
    const none = await staffCall(checker, `/v1/admin/disputes/${id}/approve-refund`, {});
    expect([none.statusCode, none.json().code]).toEqual([409, 'WALLET_DISPUTE_NO_PROPOSAL']);
    const rejected = await staffCall(checker, `/v1/admin/disputes/${id}/resolve`, {
      outcome: 'rejected',
      note: '不成立',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', resolvedByName: expect.any(String) });
  });
});
