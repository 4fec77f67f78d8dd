// The overdue policy as an operator setting (issue #15): the penalty rate and the delinquency buckets
// are read with orders.read and changed with bills.write (finance), checked field by field, audited
// with before/after. The penalty rate is a term of the contract: an order placed before a change
// keeps its 12.00 %, one placed after carries the new 7.30 % in its contract and accrues at it; the
// buckets in force sort every late order.
import type { AddressInfo } from 'node:net';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestStaff } from '@zulin/identity/testing';
import { assertLedgerConsistent } from '@zulin/ledger';
import { usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createStandardOffer, installmentApiKit } from './testing';

const defaultBuckets = [
  { code: 'M1', minDays: 1, maxDays: 30 },
  { code: 'M2', minDays: 31, maxDays: 60 },
  { code: 'M3', minDays: 61, maxDays: 90 },
  { code: 'M3+', minDays: 91, maxDays: null },
];
const weekly = [
  { code: 'W1', minDays: 1, maxDays: 7 },
  { code: 'W2+', minDays: 8, maxDays: null },
];

describeDb('installment overdue policy', (get) => {
  let s: TestServer;
  let offer: { skuId: string; offerId: string };
  let kit: ReturnType<typeof installmentApiKit>;
  const url = '/v1/admin/installment-overdue-policy';
  const call = (token: string | null, method: 'GET' | 'PUT', path: string, payload?: unknown) =>
    kit.call(token, method, path, payload);
  const later = () => s.clock.set(new Date(s.clock.now().getTime() + 61_000));

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    s.clock.set('2026-06-01T02:00:00Z');
    kit = installmentApiKit(s, { idSequence: 720, name: '赵六', birthYear: '1992' });
    offer = await createStandardOffer(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('read with orders.read, changed by finance only; every bad field named and nothing kept; the change audited', async () => {
    s.clock.set('2026-06-01T02:00:00Z');
    const operator = await signInTestStaff(s, 'operator');
    const finance = await signInTestStaff(s, 'finance');
    const shown = await call(operator.token, 'GET', url);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({
      policy: { penaltyAnnualRateBps: null, delinquencyBuckets: defaultBuckets },
      defaults: { penaltyAnnualRateBps: null, delinquencyBuckets: defaultBuckets },
      penaltyRateForNewOrdersBps: 1200,
      rateCapBps: 1200,
      updatedBy: null,
      updatedByName: null,
      updatedAt: null,
    });
    // The order desk may read it, not change a money rule.
    expect((await call(operator.token, 'PUT', url, { penaltyAnnualRateBps: 730 })).statusCode).toBe(403);

    // Above the cap (12.00 % = 4 × LPR 3.00 %), and buckets with a gap and a closed last one.
    const refused = await call(finance.token, 'PUT', url, {
      penaltyAnnualRateBps: 1201,
      delinquencyBuckets: [
        { code: 'A', minDays: 1, maxDays: 7 },
        { code: 'B', minDays: 9, maxDays: 30 },
      ],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('INSTALLMENT_POLICY_INVALID');
    expect(
      refused
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual([
      '/body/delinquencyBuckets/1/maxDays',
      '/body/delinquencyBuckets/1/minDays',
      '/body/penaltyAnnualRateBps',
    ]);
    const badShape = await call(finance.token, 'PUT', url, { penaltyAnnualRateBps: 7.5 });
    // Not a whole number of bps: refused by the route's schema before anything is read.
    expect([badShape.statusCode, badShape.json().code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(badShape.json().errors.map((e: { path: string }) => e.path)).toContain('/body/penaltyAnnualRateBps');
    expect((await call(operator.token, 'GET', url)).json().updatedBy).toBeNull();

    const saved = await call(finance.token, 'PUT', url, { penaltyAnnualRateBps: 730, delinquencyBuckets: weekly });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      policy: { penaltyAnnualRateBps: 730, delinquencyBuckets: weekly },
      penaltyRateForNewOrdersBps: 730,
      updatedBy: finance.staffId,
      updatedByName: expect.any(String),
      updatedAt: '2026-06-01T02:00:00.000Z',
    });
    const audit = await queryRows<{ detail: { changed: string[]; before: { penaltyAnnualRateBps: number | null } } }>(
      s.ctx.database.db,
      sql`select detail from identity_audit_log where action = 'installment.overdue_policy_changed'`,
    );
    expect(audit.map((a) => [a.detail.changed, a.detail.before.penaltyAnnualRateBps])).toEqual([
      [['penaltyAnnualRateBps', 'delinquencyBuckets'], null],
    ]);
    // Back to the defaults: fields left out take theirs.
    const reset = await call(finance.token, 'PUT', url, {});
    expect(reset.json()).toMatchObject({ policy: { penaltyAnnualRateBps: null }, penaltyRateForNewOrdersBps: 1200 });
  });

  test('an order keeps the penalty rate of its contract; the buckets in force sort every late order', async () => {
    s.clock.set('2026-06-02T02:00:00Z');
    const finance = await signInTestStaff(s, 'finance');
    const before = await kit.activeOrder(await kit.verifiedCustomer(), offer);
    later();
    expect(
      (await call(finance.token, 'PUT', url, { penaltyAnnualRateBps: 730, delinquencyBuckets: weekly })).statusCode,
    ).toBe(200);
    later();
    const afterCustomer = await kit.verifiedCustomer();
    const after = await kit.activeOrder(afterCustomer, offer);

    // The new order's contract states 7.30 %; the customer's order says so too.
    const contract = await call(afterCustomer.token, 'GET', `/v1/contracts/${after.contractId}`);
    expect(contract.json()).toMatchObject({ templateVersion: 2, terms: { penaltyAnnualRateBps: 730 } });
    const own = await call(afterCustomer.token, 'GET', `/v1/installment-orders/${after.id}`);
    expect(own.json().penaltyAnnualRateBps).toBe(730);

    // Period 1 is due 07-02, billed a week before; both unpaid until 07-12: 10 days late.
    s.clock.set('2026-06-25T02:00:00Z');
    await kit.runTickNamed('installment.issue_period_bills');
    s.clock.set('2026-07-12T02:00:00Z');
    await kit.runTickNamed('installment.track_overdue');
    const staff = await signInTestStaff(s, 'operator');
    const detailOf = async (id: string) =>
      (await call(staff.token, 'GET', `/v1/admin/installment-orders/${id}`)).json();
    const [old, fresh] = [await detailOf(before.id), await detailOf(after.id)];
    for (const [d, rateBps] of [
      [old, 1200],
      [fresh, 730],
    ] as const) {
      const principal = d.order.schedule[0].principalMinor;
      // Penalty a year ÷ 365 a day on period 1's principal, for 10 days, rounded once half-up.
      const penalty = Math.floor((principal * 10 * rateBps) / (10_000 * 365) + 0.5);
      expect(d.order.penaltyAnnualRateBps).toBe(rateBps);
      expect(d.overdue).toMatchObject({
        daysPastDue: 10,
        bucket: 'W2+',
        penaltyAnnualRateBps: rateBps,
        penaltyAccruedMinor: penalty,
      });
      expect(d.bucketHistory.map((b: { toBucket: string }) => b.toBucket)).toEqual(['W2+']);
    }
    expect(old.overdue.penaltyAccruedMinor).toBeGreaterThan(fresh.overdue.penaltyAccruedMinor);
    await assertLedgerConsistent(s.ctx.database.db);
  });
  test('a rate saved under a higher cap reads as today’s cap: the policy, new orders and the overdue tick keep working', async () => {
    s.clock.set('2026-07-13T02:00:00Z');
    const operator = await signInTestStaff(s, 'operator');
    // As if saved when the LPR was 3.75 % (cap 15.00 %); the configured cap is now 12.00 % (the default).
    await s.ctx.database.db.execute(sql`
      insert into installment_settings (key, value, updated_by, updated_at)
      values ('overdue_policy', ${JSON.stringify({ penaltyAnnualRateBps: 1500, delinquencyBuckets: weekly })}::jsonb,
              ${operator.staffId}, ${s.clock.now().toISOString()})
      on conflict (key) do update set value = excluded.value`);
    const shown = await call(operator.token, 'GET', url);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      policy: { penaltyAnnualRateBps: 1200, delinquencyBuckets: weekly },
      penaltyRateForNewOrdersBps: 1200,
      rateCapBps: 1200,
    });
    // An order placed now carries the cap in its contract, not the stored 15.00 %.
    const order = await kit.activeOrder(await kit.verifiedCustomer(), offer);
    const detail = (await call(operator.token, 'GET', `/v1/admin/installment-orders/${order.id}`)).json();
    expect(detail.order.penaltyAnnualRateBps).toBe(1200);
    // The daily tick, which reads the buckets in force, runs.
    s.clock.set('2026-07-14T02:00:00Z');
    expect(await kit.runTickNamed('installment.track_overdue')).toMatchObject({ status: 'done' });
  });
});
