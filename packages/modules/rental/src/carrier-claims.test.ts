// A carrier claim from filing to its end, over HTTP (carrier-claims.ts). The claim is filed as
// confirm-return-lost.ts files it (its own test drives a real lost return; here the claim's life is
// the subject): ¥5,799.03 for a phone SF Express lost on 12 March 2027. SF pays ¥3,000.00 on the 20th;
// the rest, ¥2,799.03, is written off once a second person approves. Every step is checked on the
// claim, its payments, the audit log, the outbox and the ledger (1400 receivable, 4500 compensation,
// bank clearing 1100, write-offs 5200).
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fileCarrierClaim, recordClaimPayment } from './carrier-claims';
import { rentalDeps } from './module';
import { rentalCarrierClaims } from './schema';

describeDb('carrier claims: booked when filed, paid in part, the rest written off by two people', (get) => {
  let s: TestServer;
  let warehouse: { staffId: string; token: string };
  let financeA: { staffId: string; token: string };
  let financeB: { staffId: string; token: string };
  const db = () => s.ctx.database.db;
  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object, key?: string) =>
    s.app.inject({
      method,
      url,
      headers: { ...bearer(token), ...(key ? { 'idempotency-key': key } : {}) },
      ...(payload ? { payload } : {}),
    });
  /** Moves the clock and signs everyone in again (a staff session does not last days). */
  const at = async (iso: string) => {
    s.clock.set(iso);
    [warehouse, financeA, financeB] = [
      await signInTestStaff(s, 'warehouse'),
      await signInTestStaff(s, 'finance'),
      await signInTestStaff(s, 'finance'),
    ];
  };
  const file = (n: number, amountMinor: number) =>
    transaction(s.ctx.database, (tx) =>
      fileCarrierClaim(tx, rentalDeps(s.ctx), {
        orderId: `ren_claimtest${n}`,
        shipmentId: `shp_claimtest${n}`,
        direction: 'return',
        carrier: 'sf',
        waybillNo: `SF10000000${n}`,
        unitId: null,
        imei: `35000000000000${n}`,
        amountMinor,
        residualValueMinor: amountMinor,
        declaredValueMinor: 599_900,
        reason: '快递公司确认退货包裹在转运中心遗失',
        lostOn: '2027-03-12',
        filedBy: warehouse.staffId,
        filedAt: s.clock.now(),
      }),
    );
  const account = async (code: number) => {
    const tb = await trialBalance(db(), 'CNY');
    const lines = tb.accounts.filter((l) => l.code === code);
    return {
      debits: lines.reduce((sum, l) => sum + l.debitsPostedMinor, 0),
      credits: lines.reduce((sum, l) => sum + l.creditsPostedMinor, 0),
    };
  };
  const changes = async (claimId: string) =>
    (
      await queryRows<{ payload: { from: string; to: string } }>(
        db(),
        sql`select payload from outbox where type = 'rental.carrier_claim_changed' and payload->>'claimId' = ${claimId} order by seq`,
      )
    ).map((r) => `${r.payload.from}→${r.payload.to}`);

  let claimId = '';

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-03-12T04:00:00Z' });
    await at('2027-03-12T04:00:00Z');
  });
  afterAll(async () => {
    await s?.close();
  });

  test('filed: the carrier owes ¥5,799.03, booked at once (1400 debit, 4500 credit); listed for the desk', async () => {
    const claim = await file(1, 579_903);
    claimId = claim.id;
    expect(claim).toMatchObject({ state: 'filed', paidMinor: 0, writtenOffMinor: 0 });
    expect(claim.bookedTransferId).toMatch(/^txn_rccb_/);
    expect(await account(1400)).toEqual({ debits: 579_903, credits: 0 });
    expect(await account(4500)).toEqual({ debits: 0, credits: 579_903 });

    const list = await call(warehouse.token, 'GET', '/v1/admin/carrier-claims?state=filed');
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toHaveLength(1);
    expect(list.json().data[0]).toMatchObject({
      id: claimId,
      state: 'filed',
      amountMinor: 579_903,
      outstandingMinor: 579_903,
      carrier: 'sf',
      filedByName: expect.stringContaining('warehouse'),
      writeOff: null,
      decision: null,
    });
    expect((await call(warehouse.token, 'GET', '/v1/admin/carrier-claims?state=paid')).json().data).toEqual([]);
    expect((await call(warehouse.token, 'GET', '/v1/admin/carrier-claims/rccl_nope')).json().code).toBe(
      'RENTAL_CLAIM_NOT_FOUND',
    );
    // The desk reads claims; recording money is finance's (ledger.write).
    const refused = await call(warehouse.token, 'POST', `/v1/admin/carrier-claims/${claimId}/payments`, {
      amountMinor: 100,
      reference: 'X',
      receivedOn: '2027-03-12',
    });
    expect(refused.statusCode).toBe(403);
  });

  test('SF pays ¥3,000.00 on the 20th: bank clearing debited, ¥2,799.03 still owed; the same payment never twice', async () => {
    await at('2027-03-21T02:00:00Z');
    const body = { amountMinor: 300_000, reference: 'SF-PAY-20270320-01', receivedOn: '2027-03-20' };
    const paid = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/payments`, body, 'pay-1');
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({
      claim: { state: 'filed', paidMinor: 300_000, outstandingMinor: 279_903, closedAt: null },
      payments: [{ amountMinor: 300_000, reference: 'SF-PAY-20270320-01', receivedOn: '2027-03-20' }],
      paymentChannel: 'bank',
    });
    expect(paid.json().payments[0].recordedByName).toContain('finance');
    // The same request again (same key): the same answer, still one payment.
    const replay = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/payments`, body, 'pay-1');
    expect(replay.json()).toEqual(paid.json());
    // The same bank reference under another key: refused, nothing moves.
    const twice = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/payments`, body, 'pay-2');
    expect(twice.json()).toMatchObject({ status: 409, code: 'RENTAL_CLAIM_PAYMENT_DUPLICATE' });
    expect(await account(1100)).toEqual({ debits: 300_000, credits: 0 });
    expect(await account(1400)).toEqual({ debits: 579_903, credits: 300_000 });

    // More than owed by 1 分, before the loss, after today: refused at the edge.
    const more = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/payments`, {
      amountMinor: 279_904,
      reference: 'SF-PAY-2',
      receivedOn: '2027-03-21',
    });
    expect(more.statusCode).toBe(422);
    expect(more.json()).toMatchObject({
      code: 'RENTAL_CLAIM_PAYMENT_TOO_LARGE',
      errors: [{ path: '/body/amountMinor', message: 'at most 279903' }],
    });
    for (const receivedOn of ['2027-03-11', '2027-03-22']) {
      const wrong = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/payments`, {
        amountMinor: 100,
        reference: 'SF-PAY-3',
        receivedOn,
      });
      expect(wrong.json().code).toBe('RENTAL_CLAIM_PAYMENT_DATE_INVALID');
    }
    const blank = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/payments`, {
      amountMinor: 100,
      reference: '   ',
      receivedOn: '2027-03-21',
    });
    expect(blank.statusCode).toBe(422);
    // The first day (the loss) and today are both accepted: 1 分 each.
    for (const [reference, receivedOn] of [
      ['SF-PAY-EDGE-1', '2027-03-12'],
      ['SF-PAY-EDGE-2', '2027-03-21'],
    ] as const) {
      const edge = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/payments`, {
        amountMinor: 1,
        reference,
        receivedOn,
      });
      expect(edge.statusCode).toBe(200);
    }
    const after = (await call(warehouse.token, 'GET', `/v1/admin/carrier-claims/${claimId}`)).json();
    expect(after.claim).toMatchObject({ paidMinor: 300_002, outstandingMinor: 279_901 });
    expect(after.payments.map((p: { reference: string }) => p.reference)).toEqual([
      'SF-PAY-20270320-01',
      'SF-PAY-EDGE-1',
      'SF-PAY-EDGE-2',
    ]);
    await assertLedgerConsistent(db());
  });

  test('the rest is written off only by a second person: asked, self-approval refused, rejected, asked again, approved', async () => {
    const asked = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/write-off`, {
      reason: '顺丰按保价条款只赔付 ¥3,000.02，其余拒赔',
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.json().claim).toMatchObject({
      state: 'write_off_requested',
      outstandingMinor: 279_901,
      writeOff: { reason: '顺丰按保价条款只赔付 ¥3,000.02，其余拒赔', requestedBy: financeA.staffId },
    });
    // While it is being decided, no payment and no second request.
    const paying = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/payments`, {
      amountMinor: 100,
      reference: 'SF-PAY-4',
      receivedOn: '2027-03-21',
    });
    expect(paying.json().code).toBe('RENTAL_CLAIM_NOT_OPEN');
    const again = await call(financeB.token, 'POST', `/v1/admin/carrier-claims/${claimId}/write-off`, {
      reason: '再次申请',
    });
    expect(again.json().code).toBe('RENTAL_CLAIM_NOT_OPEN');
    // Nobody approves their own request; the warehouse may not decide at all.
    const self = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/write-off/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('RENTAL_CLAIM_WRITE_OFF_SELF_APPROVAL');
    expect(
      (await call(warehouse.token, 'POST', `/v1/admin/carrier-claims/${claimId}/write-off/approve`, {})).statusCode,
    ).toBe(403);
    // Rejected: filed again, the carrier chased further; nothing booked.
    const rejected = await call(financeB.token, 'POST', `/v1/admin/carrier-claims/${claimId}/write-off/reject`, {
      note: '先向顺丰申诉一次',
    });
    expect(rejected.json().claim).toMatchObject({
      state: 'filed',
      writtenOffMinor: 0,
      writeOff: null,
      decision: { decidedBy: financeB.staffId, note: '先向顺丰申诉一次' },
    });
    expect(await account(5200)).toEqual({ debits: 0, credits: 0 });

    await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claimId}/write-off`, { reason: '申诉被驳回' });
    const approved = await call(financeB.token, 'POST', `/v1/admin/carrier-claims/${claimId}/write-off/approve`, {
      note: '同意核销',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().claim).toMatchObject({
      state: 'written_off',
      paidMinor: 300_002,
      writtenOffMinor: 279_901,
      outstandingMinor: 0,
      decision: { decidedBy: financeB.staffId, note: '同意核销' },
    });
    expect(approved.json().claim.closedAt).not.toBeNull();
    // The receivable is cleared: ¥3,000.02 paid + ¥2,799.01 written off = ¥5,799.03.
    expect(await account(1400)).toEqual({ debits: 579_903, credits: 579_903 });
    expect(await account(5200)).toEqual({ debits: 279_901, credits: 0 });
    expect(await account(4500)).toEqual({ debits: 0, credits: 579_903 });
    await assertLedgerConsistent(db());
    // Final: no second approval, no payment.
    const twice = await call(financeB.token, 'POST', `/v1/admin/carrier-claims/${claimId}/write-off/approve`, {});
    expect(twice.json().code).toBe('RENTAL_CLAIM_WRITE_OFF_NOT_REQUESTED');

    expect(await changes(claimId)).toEqual([
      'filed→filed',
      'filed→filed',
      'filed→filed',
      'filed→write_off_requested',
      'write_off_requested→filed',
      'filed→write_off_requested',
      'write_off_requested→written_off',
    ]);
    const audit = await queryRows<{ action: string }>(
      db(),
      sql`select action from identity_audit_log where detail->>'claimId' = ${claimId} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'rental.carrier_claim_payment_recorded',
      'rental.carrier_claim_payment_recorded',
      'rental.carrier_claim_payment_recorded',
      'rental.carrier_claim_write_off_requested',
      'rental.carrier_claim_write_off_rejected',
      'rental.carrier_claim_write_off_requested',
      'rental.carrier_claim_written_off',
    ]);
  });

  test('paid in full in one payment: paid and closed; a claim filed before claims were booked is booked first', async () => {
    const claim = await file(2, 120_000);
    const full = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claim.id}/payments`, {
      amountMinor: 120_000,
      reference: 'ZTO-1',
      receivedOn: '2027-03-21',
    });
    expect(full.json().claim).toMatchObject({ state: 'paid', paidMinor: 120_000, outstandingMinor: 0 });
    expect(full.json().claim.closedAt).not.toBeNull();
    const late = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${claim.id}/write-off`, {
      reason: '已付清',
    });
    expect(late.json().code).toBe('RENTAL_CLAIM_NOT_OPEN');

    // A claim filed before this change has no booking: its first step books it, then pays.
    const before1400 = await account(1400);
    const [unbooked] = await db()
      .insert(rentalCarrierClaims)
      .values({
        id: 'rccl_legacy1',
        orderId: 'ren_legacy1',
        shipmentId: 'shp_legacy1',
        carrier: 'yto',
        waybillNo: 'YT1000000001',
        state: 'filed',
        amountMinor: 50_000,
        residualValueMinor: 50_000,
        declaredValueMinor: 50_000,
        reason: '迁移前登记的索赔',
        lostOn: '2027-03-12',
        filedBy: warehouse.staffId,
        filedAt: s.clock.now(),
      })
      .returning();
    expect(unbooked?.bookedTransferId).toBeNull();
    const paid = await call(financeA.token, 'POST', `/v1/admin/carrier-claims/${unbooked?.id}/payments`, {
      amountMinor: 20_000,
      reference: 'YTO-1',
      receivedOn: '2027-03-21',
    });
    expect(paid.json().claim.bookedTransferId).toMatch(/^txn_rccb_/);
    expect(await account(1400)).toEqual({
      debits: before1400.debits + 50_000,
      credits: before1400.credits + 20_000,
    });
    await assertLedgerConsistent(db());
  });

  test('a failure after the payment in the same transaction leaves the claim, its payments and the ledger as they were', async () => {
    const claim = await file(4, 80_000);
    const tbBefore = await trialBalance(db(), 'CNY');
    await expect(
      transaction(s.ctx.database, async (tx) => {
        await recordClaimPayment(tx, rentalDeps(s.ctx), {
          claimId: claim.id,
          amountMinor: 80_000,
          reference: 'JD-1',
          receivedOn: '2027-03-21',
          staff: {
            kind: 'staff',
            staffId: financeA.staffId,
            username: 'finance-a',
            role: 'finance',
            permissions: new Set(),
          },
        });
        throw new Error('boom after the payment');
      }),
    ).rejects.toThrow('boom after the payment');
    const now = (await call(warehouse.token, 'GET', `/v1/admin/carrier-claims/${claim.id}`)).json();
    expect(now).toMatchObject({ claim: { state: 'filed', paidMinor: 0 }, payments: [] });
    const tbAfter = await trialBalance(db(), 'CNY');
    expect(tbAfter.postedDebitsMinor).toBe(tbBefore.postedDebitsMinor);
  });

  test('the list pages newest first and filters by state; a forged cursor is a 422', async () => {
    const first = (await call(warehouse.token, 'GET', '/v1/admin/carrier-claims?limit=2')).json();
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = (
      await call(warehouse.token, 'GET', `/v1/admin/carrier-claims?limit=100&cursor=${first.nextCursor}`)
    ).json();
    const ids = [...first.data, ...rest.data].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(claimId);
    const written = (await call(warehouse.token, 'GET', '/v1/admin/carrier-claims?state=written_off')).json();
    expect(written.data.map((c: { id: string }) => c.id)).toEqual([claimId]);
    expect((await call(warehouse.token, 'GET', '/v1/admin/carrier-claims?cursor=bm9wZQ')).statusCode).toBe(422);
  });

  test('the list filters by carrier and by the day lost, both ends included; a reversed range is a 422', async () => {
    const other = await transaction(s.ctx.database, (tx) =>
      fileCarrierClaim(tx, rentalDeps(s.ctx), {
        orderId: 'ren_claimtest9',
        shipmentId: 'shp_claimtest9',
        direction: 'return',
        carrier: 'jd',
        waybillNo: 'JDVA0000000009',
        unitId: null,
        imei: null,
        amountMinor: 100,
        residualValueMinor: 100,
        declaredValueMinor: 100,
        reason: '京东物流确认包裹遗失',
        lostOn: '2027-03-14',
        filedBy: warehouse.staffId,
        filedAt: s.clock.now(),
      }),
    );
    const ids = async (query: string) =>
      (await call(warehouse.token, 'GET', `/v1/admin/carrier-claims?limit=100&${query}`))
        .json()
        .data.map((c: { id: string }) => c.id);
    expect(await ids('carrier=jd')).toEqual([other.id]);
    expect(await ids('carrier=sf')).not.toContain(other.id);
    expect(await ids('carrier=sf')).toContain(claimId);
    expect(await ids('lostFrom=2027-03-14')).toEqual([other.id]);
    expect(await ids('lostTo=2027-03-13')).not.toContain(other.id);
    expect(await ids('lostFrom=2027-03-12&lostTo=2027-03-12')).toContain(claimId);
    expect(await ids('lostFrom=2027-03-12&lostTo=2027-03-12')).not.toContain(other.id);
    expect(await ids('carrier=sf&lostFrom=2027-03-13')).toEqual([]);
    // Claims filed here name no real order: no customer to show.
    const listed = (await call(warehouse.token, 'GET', '/v1/admin/carrier-claims?carrier=jd')).json().data[0];
    expect(listed.customer).toBeNull();
    const reversed = await call(
      warehouse.token,
      'GET',
      '/v1/admin/carrier-claims?lostFrom=2027-03-14&lostTo=2027-03-13',
    );
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors).toEqual([
      expect.objectContaining({ path: '/query/lostTo', code: 'DATE_RANGE_INVALID' }),
    ]);
    expect((await call(warehouse.token, 'GET', '/v1/admin/carrier-claims?carrier=SF%20Express')).json()).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
    });
  });
});
