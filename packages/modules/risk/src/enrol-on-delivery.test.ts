// Enrolment on delivery and release on return (risk's side): the request recorded in the delivery's
// transaction, the sweep that enrols after commit, the release that frees the IMEI for the phone's
// next rental, and an MDM that cannot be reached (production without a provider) giving up after
// `mdmEnrolAttempts` runs.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { luhnCheckDigit } from '@zulin/kernel';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mdmDeps } from './adapters';
import { enrolRequestedDevices, releaseDevice, requestEnrolment } from './enrol-on-delivery';
import { RiskLimits } from './limits';
import { unconfiguredMdm } from './mdm';

let serial = 0;
const imei = () => {
  serial += 1;
  const body = `35${String(Date.now() % 1e8).padStart(8, '0')}${String(serial).padStart(3, '0')}1`;
  return `${body}${luhnCheckDigit(body)}`;
};

describeDb('risk: phones enrolled on delivery, released on return', (get) => {
  let s: TestServer;
  let customerId: string;
  let other: string;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    customerId = (await signInTestCustomer(s, randomTestPhone())).customerId;
    other = (await signInTestCustomer(s, randomTestPhone())).customerId;
  });
  afterAll(async () => {
    await s?.close();
  });
  const db = () => s.ctx.database.db;
  const request = (input: { reference: string; imei: string; customerId: string }) =>
    transaction(s.ctx.database, (tx) => requestEnrolment(tx, s.clock, input));
  const release = (reference: string, reason: string) =>
    transaction(s.ctx.database, (tx) => releaseDevice(tx, s.clock, { reference, reason }));
  const devices = (phone: string) =>
    queryRows<{ reference: string; customer_id: string; released: boolean; release_reason: string | null }>(
      db(),
      sql`select reference, customer_id, released_at is not null as released, release_reason
          from risk_devices where imei = ${phone} order by enrolled_at, id`,
    );

  test('one request per order, enrolled once; released; the same phone rented again is enrolled afresh', async () => {
    const phone = imei();
    expect(await request({ reference: 'ord_a', imei: phone, customerId })).toBe('requested');
    expect(await request({ reference: 'ord_a', imei: phone, customerId })).toBe('already_requested');
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ enrolled: 1 });
    expect(await devices(phone)).toEqual([
      { reference: 'ord_a', customer_id: customerId, released: false, release_reason: null },
    ]);
    expect(await release('ord_a', 'inspecting')).toEqual({ released: 1, cancelled: 0, commandsCancelled: 0 });
    expect(await release('ord_a', 'settled')).toEqual({ released: 0, cancelled: 0, commandsCancelled: 0 });

    // Rented again to someone else: a second device row for the IMEI, the first one kept as history.
    expect(await request({ reference: 'ord_b', imei: phone, customerId: other })).toBe('requested');
    s.clock.advance(1_000);
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ enrolled: 1 });
    expect(await devices(phone)).toEqual([
      { reference: 'ord_a', customer_id: customerId, released: true, release_reason: 'inspecting' },
      { reference: 'ord_b', customer_id: other, released: false, release_reason: null },
    ]);
  });

  test('a release before the sweep calls the enrolment off; a bad IMEI is recorded as failed at once', async () => {
    const phone = imei();
    await request({ reference: 'ord_c', imei: phone, customerId });
    expect(await release('ord_c', 'bought_out')).toEqual({ released: 0, cancelled: 1, commandsCancelled: 0 });
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ enrolled: 0 });
    expect(await devices(phone)).toEqual([]);
    expect(await request({ reference: 'ord_d', imei: '123456789012345', customerId })).toBe('invalid_imei');
    const [row] = await queryRows<{ status: string; failure: string }>(
      db(),
      sql`select status, failure from risk_device_enrolments where reference = 'ord_d'`,
    );
    expect(row).toEqual({ status: 'failed', failure: 'invalid_imei' });
  });

  test('a swap: the order’s second phone is a second request; releasing one IMEI leaves the other monitored', async () => {
    const faulty = imei();
    const replacement = imei();
    await request({ reference: 'ord_s', imei: faulty, customerId });
    await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx));
    expect(await request({ reference: 'ord_s', imei: replacement, customerId })).toBe('requested');
    expect(await request({ reference: 'ord_s', imei: replacement, customerId })).toBe('already_requested');
    const swap = () =>
      transaction(s.ctx.database, (tx) =>
        releaseDevice(tx, s.clock, { reference: 'ord_s', imei: faulty, reason: 'swapped' }),
      );
    expect(await swap()).toEqual({ released: 1, cancelled: 0, commandsCancelled: 0 });
    expect(await swap()).toEqual({ released: 0, cancelled: 0, commandsCancelled: 0 });
    s.clock.advance(1_000);
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ enrolled: 1 });
    expect([...(await devices(faulty)), ...(await devices(replacement))]).toEqual([
      { reference: 'ord_s', customer_id: customerId, released: true, release_reason: 'swapped' },
      { reference: 'ord_s', customer_id: customerId, released: false, release_reason: null },
    ]);
    // The order ends: whatever of it is still monitored is released.
    expect(await release('ord_s', 'settled')).toEqual({ released: 1, cancelled: 0, commandsCancelled: 0 });
  });

  test('a swap back to a phone the order already had: its finished request is opened again, once', async () => {
    const first = imei();
    const second = imei();
    const swapTo = (from: string, to: string) =>
      transaction(s.ctx.database, async (tx) => {
        await releaseDevice(tx, s.clock, { reference: 'ord_t', imei: from, reason: 'swapped' });
        return requestEnrolment(tx, s.clock, { reference: 'ord_t', imei: to, customerId, again: true });
      });
    await request({ reference: 'ord_t', imei: first, customerId });
    await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx));
    expect(await swapTo(first, second)).toBe('requested');
    s.clock.advance(1_000);
    await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx));
    // The first phone, repaired, goes back to the same customer.
    expect(await swapTo(second, first)).toBe('requested');
    s.clock.advance(1_000);
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ enrolled: 1 });
    expect(await devices(first)).toEqual([
      { reference: 'ord_t', customer_id: customerId, released: true, release_reason: 'swapped' },
      { reference: 'ord_t', customer_id: customerId, released: false, release_reason: null },
    ]);
    // Monitored again: a repeat changes nothing (no second enrolment of the same phone).
    expect(
      await transaction(s.ctx.database, (tx) =>
        requestEnrolment(tx, s.clock, { reference: 'ord_t', imei: first, customerId, again: true }),
      ),
    ).toBe('already_requested');
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ enrolled: 0 });
  });

  test('an MDM that refuses (no provider configured) is tried on each run, then given up and audited', async () => {
    const phone = imei();
    await request({ reference: 'ord_e', imei: phone, customerId });
    const refusing = { ...mdmDeps(s.ctx), mdm: unconfiguredMdm };
    for (let run = 1; run < RiskLimits.mdmEnrolAttempts; run++) {
      expect(await enrolRequestedDevices(s.ctx.database, refusing)).toMatchObject({ enrolled: 0, failed: 0 });
    }
    expect(await enrolRequestedDevices(s.ctx.database, refusing)).toMatchObject({ enrolled: 0, failed: 1 });
    const [row] = await queryRows<{ status: string; failure: string; attempts: number; id: string }>(
      db(),
      sql`select id, status, failure, attempts from risk_device_enrolments where reference = 'ord_e'`,
    );
    expect(row).toMatchObject({
      status: 'failed',
      failure: 'RISK_MDM_UNAVAILABLE',
      attempts: RiskLimits.mdmEnrolAttempts,
    });
    const audit = await queryRows<{ action: string }>(
      db(),
      sql`select action from identity_audit_log where target_id = ${row?.id ?? ''}`,
    );
    expect(audit).toEqual([{ action: 'risk.device_enrolment_failed' }]);
    // Later runs leave it alone.
    expect(await enrolRequestedDevices(s.ctx.database, refusing)).toEqual({ enrolled: 0, failed: 0, retry: 0 });
  });
});
