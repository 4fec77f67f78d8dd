import { issueBill } from '@zulin/billing';
import { type EventMap, type EventType, emitEvent, type NewEventOf, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { riskDeps } from './adapters';
import { prepareApplication, recordApplication } from './decide-application';
import { testIdNumber } from './testing';

describeDb('payments move the credit limit by the rule set’s steps', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });
  const drain = async () => {
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
      s.clock.advance(60_000);
    }
  };
  const emit = <T extends EventType>(type: T, aggregateId: string, payload: EventMap[T]) =>
    transaction(s.ctx.database, (tx) =>
      emitEvent(tx, s.clock.now(), { type, aggregateType: 'bill', aggregateId, payload } as NewEventOf<T>),
    );
  const paid = (customerId: string, billId: string, settled = true) =>
    emit('billing.bill_paid', billId, {
      billId,
      customerId,
      title: '租金',
      paymentId: `pay_${billId}_${settled}`,
      method: 'wallet',
      amountMinor: 29_900,
      outstandingMinor: settled ? 0 : 10_000,
      settled,
    });
  const overdue = (customerId: string, billId: string) =>
    emit('billing.bill_overdue', billId, {
      billId,
      customerId,
      title: '租金',
      dueDate: '2026-03-01',
      outstandingMinor: 29_900,
    });

  test('¥15,000 from a 700 score: paid on time → ¥15,200; overdue → ¥14,700; that bill paid late → no raise', async () => {
    const customer = await signInTestCustomer(s, `${randomTestPhone().slice(0, -1)}0`);
    const verified = await s.app.inject({
      method: 'POST',
      url: '/v1/me/identity',
      headers: bearer(customer.token),
      payload: { name: '张三', idNumber: testIdNumber(700, '19900315') },
    });
    expect(verified.statusCode).toBe(200);
    const deps = riskDeps(s.ctx);
    const prepared = await prepareApplication(s.ctx.database.db, deps, {
      customerId: customer.customerId,
      purpose: 'rental',
      deviceFingerprint: `dev-${customer.customerId}`,
      ip: '198.51.100.9',
      address: `上海市浦东新区 ${customer.customerId} 号`,
      orderValueMinor: 500_000,
      depositMinor: 500_000,
      history: { activeOrders: 0, openBalanceMinor: 0, onTimeRateBps: 10_000, maxDaysPastDue: 0 },
    });
    const decided = await transaction(s.ctx.database, (tx) => recordApplication(tx, deps, prepared));
    expect(decided.creditLimitMinor).toBe(1_500_000);

    // The first move's bill is a real one (the card names it by title and due date); the others are
    // ids of no bill (named null).
    const rent = await transaction(s.ctx.database, (tx) =>
      issueBill(
        tx,
        { clock: s.clock, timeZone: s.ctx.config.timeZone },
        {
          customerId: customer.customerId,
          sourceType: 'manual',
          sourceId: `chg_lim_${customer.customerId}`,
          period: 0,
          title: '配件费',
          dueDate: '2026-03-15',
          lines: [{ kind: 'fee', description: '手机壳', amountMinor: 29_900 }],
          issuedBy: 'rental',
        },
      ),
    );
    const bil1 = rent.bill.id;
    s.clock.advance(1_000);
    await paid(customer.customerId, bil1);
    await drain();
    await overdue(customer.customerId, 'bil_lim_2');
    await drain();
    await paid(customer.customerId, 'bil_lim_2');
    // A part payment moves nothing; the same bill paid again (a second event) moves nothing more.
    await paid(customer.customerId, 'bil_lim_3', false);
    await paid(customer.customerId, bil1);
    await drain();

    const staff = await signInTestStaff(s, 'risk_reviewer');
    const limit = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/risk/customers/${customer.customerId}/credit-limit`,
      headers: bearer(staff.token),
    });
    expect(limit.statusCode).toBe(200);
    const body = limit.json();
    expect(body.limitMinor).toBe(1_470_000);
    expect(body.source.kind).toBe('move');
    expect(
      body.moves.map(
        (m: {
          kind: string;
          billId: string;
          billTitle: string | null;
          billDueDate: string | null;
          limitBeforeMinor: number;
          deltaMinor: number;
          limitAfterMinor: number;
        }) => [m.kind, m.billId, m.billTitle, m.billDueDate, m.limitBeforeMinor, m.deltaMinor, m.limitAfterMinor],
      ),
    ).toEqual([
      ['late_payment', 'bil_lim_2', null, null, 1_520_000, -50_000, 1_470_000],
      ['on_time_payment', bil1, '配件费', '2026-03-15', 1_500_000, 20_000, 1_520_000],
    ]);

    // The next decision reads the moved limit, not the score band's ¥15,000: ¥14,700.01 is over it.
    const next = async (orderValueMinor: number) => {
      s.clock.advance(1_000);
      const again = await prepareApplication(s.ctx.database.db, deps, { ...prepared.input, orderValueMinor });
      return transaction(s.ctx.database, (tx) => recordApplication(tx, deps, again));
    };
    const over = await next(1_470_001);
    expect(over).toMatchObject({ outcome: 'review', reasonCodes: ['ORDER_OVER_LIMIT'], creditLimitMinor: 1_470_000 });
    const detail = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/risk/decisions/${over.decisionId}`,
      headers: bearer(staff.token),
    });
    const record = detail.json().record;
    expect(record.facts.limitInForceMinor).toBe(1_470_000);
    expect(record.rules.find((r: { id: string }) => r.id === 'order_within_limit').conditions[0].inputs).toEqual({
      orderValueMinor: 1_470_001,
      creditLimitMinor: 1_470_000,
    });
    // A rejection (here: a third active order) grants nothing and leaves the limit where it was.
    const rejected = await (async () => {
      s.clock.advance(1_000);
      const again = await prepareApplication(s.ctx.database.db, deps, {
        ...prepared.input,
        history: { ...prepared.input.history, activeOrders: 3 },
      });
      return transaction(s.ctx.database, (tx) => recordApplication(tx, deps, again));
    })();
    expect(rejected).toMatchObject({ outcome: 'reject', creditLimitMinor: 0 });
    // A day later (out of the 24 h velocity window), still ¥14,700.
    s.clock.advance(25 * 60 * 60 * 1000);
    expect(await next(1_470_000)).toMatchObject({ outcome: 'approve', creditLimitMinor: 1_470_000 });
  });

  test('a customer without any decision has no limit to move', async () => {
    await paid('cus_no_decision', 'bil_lim_9');
    await drain();
    const staff = await signInTestStaff(s, 'risk_reviewer');
    const limit = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/risk/customers/cus_no_decision/credit-limit',
      headers: bearer(staff.token),
    });
    expect(limit.json()).toMatchObject({ limitMinor: null, source: null, moves: [] });
  });
});
