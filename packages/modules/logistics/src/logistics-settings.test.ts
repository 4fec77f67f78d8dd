// The days without a scan before a parcel is flagged are a console setting (docs/logistics.md, "Lost
// parcels"): 5 by default; staff set 3 (audited: who, before/after) and the registered sweep
// `logistics.lost_parcels` then flags a parcel silent for 3 business days (Beijing) — not on day 2 —;
// bad values are refused with a problem document naming the field; only logistics.write may change it.
import { queryRows, runSweep, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { FixedClock } from '@zulin/kernel';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { applyCarrierEvents } from './apply-tracking';
import { logisticsModule } from './module';
import { recordShipment } from './record-shipment';
import { loadShipment } from './shipments';

const address = {
  name: '李四',
  phone: '+8613900139000',
  province: '上海市',
  city: '上海市',
  district: '静安区',
  line: '南京西路 1 号',
};

describeDb('the lost-parcel setting', (get) => {
  let s: TestServer;
  let operator: string;
  const call = (token: string | null, method: 'GET' | 'PUT', payload?: unknown) =>
    s.app.inject({
      method,
      url: '/v1/admin/lost-parcel-settings',
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: token ? bearer(token) : {},
    });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-03-01T02:00:00Z' });
    operator = (await signInTestStaff(s, 'operator')).token;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('default 5; set to 3 (audited); the sweep flags a parcel silent 3 business days, not 2', async () => {
    const shown = await call(operator, 'GET');
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      settings: { suspectedLostAfterDays: 5 },
      defaults: { suspectedLostAfterDays: 5 },
      updatedBy: null,
      updatedAt: null,
    });
    const saved = await call(operator, 'PUT', { suspectedLostAfterDays: 3 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      settings: { suspectedLostAfterDays: 3 },
      updatedAt: '2027-03-01T02:00:00.000Z',
    });
    expect(saved.json().updatedBy).toMatch(/^stf_/);
    expect(saved.json().updatedByName).not.toBeNull();
    expect((await call(operator, 'GET')).json().settings).toEqual({ suspectedLostAfterDays: 3 });
    const audit = await queryRows<{ actor_kind: string; actor_id: string; detail: object }>(
      s.ctx.database.db,
      sql`select actor_kind, actor_id, detail from identity_audit_log where action = 'logistics.settings_changed'`,
    );
    expect(audit).toEqual([
      {
        actor_kind: 'staff',
        actor_id: saved.json().updatedBy,
        detail: {
          changed: ['suspectedLostAfterDays'],
          before: { suspectedLostAfterDays: 5 },
          after: { suspectedLostAfterDays: 3 },
        },
      },
    ]);

    // A parcel collected and last scanned on 1 March 2027, 18:00 Beijing.
    const waybillNo = 'ZS000009001CN';
    const shipment = await transaction(s.ctx.database, (tx) =>
      recordShipment(tx, {
        waybill: {
          carrier: 'sandbox_express',
          waybillNo,
          orderRef: 'rord_setting_3',
          direction: 'outbound',
          sender: address,
          recipient: address,
          parcel: { weightGrams: 500, declaredValueMinor: 599_900, contents: '手机 ×1' },
          remark: '',
          createdAt: '2027-03-01T10:00:00+08:00',
          sortCode: '021-01',
        },
        summary: {
          recipientName: '李*',
          recipientPhone: '139****9000',
          city: '上海市',
          contents: '手机 ×1',
          imei: null,
          unitId: null,
          customerId: null,
        },
        createdBy: null,
        now: s.clock.now(),
      }),
    );
    await transaction(s.ctx.database, (tx) =>
      applyCarrierEvents(tx, {
        carrier: 'sandbox_express',
        now: s.clock.now(),
        events: [
          {
            eventId: `${waybillNo}-1`,
            carrier: 'sandbox_express',
            waybillNo,
            state: 'picked_up',
            carrierCode: 'COLLECTED',
            occurredAt: '2027-03-01T18:00:00+08:00',
            location: '上海市',
            description: { 'zh-CN': '已揽收', en: 'Collected' },
          },
        ],
      }),
    );
    const sweep = logisticsModule.sweeps?.(s.ctx).find((w) => w.name === 'logistics.lost_parcels');
    if (sweep === undefined) throw new Error('logistics has its lost-parcel sweep');
    const run = (iso: string) => runSweep(s.ctx.database.db, new FixedClock(iso), sweep);
    // 3 March 23:59:59 Beijing: 2 days silent — nothing.
    expect(await run('2027-03-03T15:59:59Z')).toEqual({ flagged: 0 });
    // 4 March 00:00 Beijing: 3 business days — flagged (with the default 5 it would wait for the 6th).
    expect(await run('2027-03-03T16:00:00Z')).toEqual({ flagged: 1 });
    expect(await loadShipment(s.ctx.database.db, shipment.id)).toMatchObject({
      state: 'picked_up',
      suspectedLostReason: 'no_scan',
      suspectedLostAt: new Date('2027-03-03T16:00:00Z'),
    });
  });

  test('bad values are a problem document naming the field and change nothing; who may change it', async () => {
    // 422 as every invalid input of the project (docs/modules.md, "Errors"): the schema's own check
    // (VALIDATION_FAILED) or the setting's (LOGISTICS_SETTINGS_INVALID), each naming the field.
    for (const [bad, code, path, message] of [
      [{ suspectedLostAfterDays: 0 }, 'VALIDATION_FAILED', '/body/suspectedLostAfterDays', 'must be >= 1'],
      [{ suspectedLostAfterDays: 31 }, 'VALIDATION_FAILED', '/body/suspectedLostAfterDays', 'must be <= 30'],
      [{ suspectedLostAfterDays: 2.5 }, 'VALIDATION_FAILED', '/body/suspectedLostAfterDays', 'must be integer'],
      [{ suspectedLostAfterDays: '3' }, 'VALIDATION_FAILED', '/body/suspectedLostAfterDays', 'must be integer'],
      [
        { suspectedLostAfterDays: 3, lostAfterHours: 1 },
        'LOGISTICS_SETTINGS_INVALID',
        '/body/lostAfterHours',
        undefined,
      ],
    ] as const) {
      const res = await call(operator, 'PUT', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
      expect(res.json().errors[0]).toMatchObject({ path, ...(message ? { message } : {}) });
    }
    expect((await call(operator, 'GET')).json().settings).toEqual({ suspectedLostAfterDays: 3 });
    const customer = await signInTestCustomer(s);
    expect((await call(customer.token, 'GET')).statusCode).toBe(401);
    const risk = await signInTestStaff(s, 'risk_reviewer');
    expect((await call(risk.token, 'PUT', { suspectedLostAfterDays: 4 })).statusCode).toBe(403);
  });
});
