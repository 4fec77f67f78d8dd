import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { luhnCheckDigit } from '@zulin/kernel';
import { signBody } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { mdmDeps } from './adapters';
import { addGeofence } from './add-geofence';
import { answerDeviceCommand } from './answer-device-command';
import { enrolRequestedDevices, releaseDevice, requestEnrolment } from './enrol-on-delivery';
import { mainlandChina } from './geofence';
import { mdmWebhookSecret } from './mdm';
import { deliverSandboxMdmMessages, runSandboxPhones } from './mdm-sandbox';
import { useMdmPoster } from './module';
import { sendDeviceCommands } from './send-device-commands';

let serial = 0;
/** A valid IMEI whose 14th digit picks the sandbox phone's behaviour (9 offline, 8 silent). */
const imeiWith = (fourteenth: string) => {
  serial += 1;
  const body = `35${String(Date.now() % 1e8).padStart(8, '0')}${String(serial).padStart(3, '0')}${fourteenth}`;
  return `${body}${luhnCheckDigit(body)}`;
};

describeDb('risk during the rental: MDM devices, lock and unlock, geofence alerts', (get) => {
  let s: TestServer;
  let admin: { staffId: string; token: string };
  let operator: { staffId: string; token: string };
  let customerId: string;
  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
  /** Moves the clock; staff sign in again, since their tokens expire. */
  const advance = async (ms: number) => {
    s.clock.advance(ms);
    admin = await signInTestStaff(s, 'admin');
  };
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  /** The sandbox MDM's turn: its phones act on their commands, then it posts its messages; we apply them. */
  const mdmRound = async () => {
    await runSandboxPhones(s.ctx.database, s.clock);
    const secret = mdmWebhookSecret(s.ctx.config.masterKey);
    await deliverSandboxMdmMessages(s.ctx.database, {
      clock: s.clock,
      secret,
      post: async ({ headers, body }) => {
        const r = await s.app.inject({ method: 'POST', url: '/v1/webhooks/mdm', headers, payload: body });
        return { status: r.statusCode };
      },
    });
    await drain();
  };
  const enrol = async (imei: string) => {
    const r = await call(admin.token, 'POST', '/v1/admin/risk/devices', { imei, customerId, reference: 'rent_demo_1' });
    expect(r.statusCode).toBe(201);
    return r.json() as { id: string; lockState: string };
  };
  const detail = async (id: string) => (await call(admin.token, 'GET', `/v1/admin/risk/devices/${id}`)).json();
  const report = async (imei: string, lat: number, lng: number) => {
    const r = await call(admin.token, 'POST', `/v1/sandbox/mdm/devices/${imei}`, {
      location: { lat, lng, accuracyM: 25 },
    });
    expect(r.statusCode).toBe(200);
    await mdmRound();
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    useMdmPoster(s.ctx, async () => ({ status: 599 }));
    customerId = (await signInTestCustomer(s, randomTestPhone())).customerId;
    await transaction(s.ctx.database, (tx) =>
      addGeofence(tx, s.clock, { kind: 'system' }, { name: '中国大陆', definition: mainlandChina }),
    );
  });
  // Tests move the clock by minutes and days: staff sign in afresh for each (tokens expire).
  beforeEach(async () => {
    admin = await signInTestStaff(s, 'admin');
    operator = await signInTestStaff(s, 'operator');
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a phone is enrolled by a valid IMEI only, once, and only by staff with risk.devices', async () => {
    const imei = imeiWith('1');
    const bad = `${imei.slice(0, 14)}${(Number(imei[14]) + 1) % 10}`;
    expect((await call(admin.token, 'POST', '/v1/admin/risk/devices', { imei: bad, customerId })).json()).toMatchObject(
      { code: 'RISK_IMEI_INVALID' },
    );
    expect((await call(operator.token, 'POST', '/v1/admin/risk/devices', { imei, customerId })).statusCode).toBe(403);
    const device = await enrol(imei);
    expect(device.lockState).toBe('unlocked');
    const again = await call(admin.token, 'POST', '/v1/admin/risk/devices', { imei, customerId });
    expect(again.json()).toMatchObject({ code: 'RISK_DEVICE_ALREADY_ENROLLED' });
  });

  test('lock: pending → sent → acknowledged; the unlock reverses it; every step audited', async () => {
    const imei = imeiWith('2');
    const device = await enrol(imei);
    const lock = await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/lock`, { reason: 'D+10 逾期' });
    expect(lock.statusCode).toBe(201);
    expect(lock.json()).toMatchObject({ kind: 'lock', status: 'pending', reason: 'D+10 逾期' });
    // One open command per device.
    const second = await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/unlock`, { reason: 'paid' });
    expect(second.json()).toMatchObject({ code: 'RISK_DEVICE_COMMAND_OPEN' });

    expect(await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ sent: 1 });
    expect((await detail(device.id)).commands[0]).toMatchObject({ status: 'sent', attempts: 1 });
    await mdmRound();
    let seen = await detail(device.id);
    expect(seen.device.lockState).toBe('locked');
    expect(seen.commands[0]).toMatchObject({ status: 'acknowledged', failure: null });
    const lockId = seen.commands[0].id;

    const relock = await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/lock`, { reason: 'again' });
    expect(relock.json()).toMatchObject({ code: 'RISK_DEVICE_LOCK_STATE' });
    const unlock = await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/unlock`, { reason: '已还款' });
    expect(unlock.json()).toMatchObject({ kind: 'unlock', status: 'pending', reverses: lockId });
    await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx));
    await mdmRound();
    seen = await detail(device.id);
    expect(seen.device.lockState).toBe('unlocked');
    expect(seen.commands.map((c: { kind: string; status: string }) => `${c.kind}:${c.status}`)).toEqual([
      'unlock:acknowledged',
      'lock:acknowledged',
    ]);

    const audit = await call(admin.token, 'GET', `/v1/admin/audit-log?targetType=risk_device&targetId=${device.id}`);
    expect(audit.statusCode).toBe(200);
    const actions = (audit.json().data as { action: string }[]).map((e) => e.action).reverse();
    expect(actions).toEqual([
      'risk.device_enrolled',
      'risk.device_lock_requested',
      'risk.device_lock_acknowledged',
      'risk.device_unlock_requested',
      'risk.device_unlock_acknowledged',
    ]);
  });

  test('an offline phone: the MDM expires the command after 5 minutes and says device_offline', async () => {
    const device = await enrol(imeiWith('9'));
    await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/lock`, { reason: 'D+10' });
    await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx));
    await mdmRound();
    expect((await detail(device.id)).commands[0]).toMatchObject({ status: 'sent' });
    await advance(5 * 60 * 1000);
    await mdmRound();
    const seen = await detail(device.id);
    expect(seen.commands[0]).toMatchObject({ status: 'failed', failure: 'device_offline' });
    expect(seen.device.lockState).toBe('unlocked');
  });

  test('an MDM that never answers: our sweep fails the command after 15 minutes (timeout)', async () => {
    const device = await enrol(imeiWith('8'));
    await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/lock`, { reason: 'D+10' });
    await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx));
    await advance(14 * 60 * 1000);
    await mdmRound();
    expect(await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ timedOut: 0 });
    await advance(60 * 1000);
    expect(await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ timedOut: 1 });
    expect((await detail(device.id)).commands[0]).toMatchObject({ status: 'failed', failure: 'timeout' });
  });

  test('location reports: inside China no alert; Tokyo raises one alert per device and day, counting the reports', async () => {
    const imei = imeiWith('3');
    const device = await enrol(imei);
    await report(imei, 31.2304, 121.4737);
    let seen = await detail(device.id);
    expect(seen.locations).toHaveLength(1);
    expect(seen.locations[0]).toMatchObject({ lat: 31.2304, lng: 121.4737, inside: true });
    expect(seen.device.lastLocation).toMatchObject({ lat: 31.2304, lng: 121.4737 });

    await report(imei, 35.6762, 139.6503);
    await advance(10 * 60 * 1000);
    await report(imei, 35.69, 139.7);
    const alerts = async () =>
      (
        (await call(admin.token, 'GET', '/v1/admin/risk/alerts?kind=geofence')).json().data as {
          id: string;
          deviceId: string;
          reports: number;
          status: string;
          imei: string;
          latest: { lat: number };
        }[]
      ).filter((a) => a.deviceId === device.id);
    let mine = await alerts();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ reports: 2, status: 'open', imei, latest: { lat: 35.69 } });
    seen = await detail(device.id);
    expect(seen.device.openAlerts).toBe(1);
    expect(seen.locations.map((l: { inside: boolean }) => l.inside)).toEqual([false, false, true]);

    const resolved = await call(admin.token, 'POST', `/v1/admin/risk/alerts/${mine[0]?.id}/resolve`, {
      resolution: '客户出差，已电话确认',
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: '客户出差，已电话确认' });
    expect(
      (await call(admin.token, 'POST', `/v1/admin/risk/alerts/${mine[0]?.id}/resolve`, { resolution: 'x' })).json(),
    ).toMatchObject({ code: 'RISK_ALERT_RESOLVED' });

    await advance(24 * 60 * 60 * 1000);
    await report(imei, 35.6762, 139.6503);
    mine = await alerts();
    expect(mine).toHaveLength(2);
    expect(mine.map((a) => a.status)).toEqual(['open', 'resolved']);
  });

  test('a released phone: its location reports are ignored, its queued lock is cancelled with the release, an unlock still goes', async () => {
    const imei = imeiWith('5');
    const reference = `ord_rel_${imei}`;
    const enrolled = await call(admin.token, 'POST', '/v1/admin/risk/devices', { imei, customerId, reference });
    expect(enrolled.statusCode).toBe(201);
    const device = enrolled.json() as { id: string };
    await report(imei, 31.2304, 121.4737);
    const lock = await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/lock`, { reason: 'D+10 逾期' });
    expect(lock.json()).toMatchObject({ kind: 'lock', status: 'pending' });

    // Bought out before the sweep handed the lock to the MDM: the release calls the lock off.
    expect(
      await transaction(s.ctx.database, (tx) => releaseDevice(tx, s.clock, { reference, reason: 'bought_out' })),
    ).toEqual({ released: 1, cancelled: 0, commandsCancelled: 1 });
    expect(await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ sent: 0, failed: 0 });
    let seen = await detail(device.id);
    expect(seen.commands[0]).toMatchObject({ kind: 'lock', status: 'cancelled', failure: 'device_released' });
    expect(seen.device).toMatchObject({ lockState: 'unlocked', releaseReason: 'bought_out' });
    // The command's end is announced like an answer, so the order's evidence log closes it too.
    const events = await queryRows<{ type: string; status: string; failure: string | null }>(
      s.ctx.database.db,
      sql`select type, payload->>'status' as status, payload->>'failure' as failure from outbox
          where aggregate_id = ${device.id} and type like 'risk.device_command%' order by seq`,
    );
    expect(events).toEqual([
      { type: 'risk.device_command_requested', status: null, failure: null },
      { type: 'risk.device_command_answered', status: 'cancelled', failure: 'device_released' },
    ]);
    expect(seen.device.releasedAt).not.toBeNull();

    // The MDM still reports the phone (it is not told to un-enrol): acknowledged, not stored, no alert.
    await advance(60 * 1000);
    await report(imei, 35.6762, 139.6503);
    seen = await detail(device.id);
    expect(seen.locations).toHaveLength(1);
    expect(seen.device.lastLocation).toMatchObject({ lat: 31.2304, lng: 121.4737 });
    expect(seen.device.openAlerts).toBe(0);
    const alerts = (await call(admin.token, 'GET', '/v1/admin/risk/alerts?kind=geofence')).json().data as {
      deviceId: string;
    }[];
    expect(alerts.filter((a) => a.deviceId === device.id)).toEqual([]);

    const audit = await call(admin.token, 'GET', `/v1/admin/audit-log?targetType=risk_device&targetId=${device.id}`);
    expect((audit.json().data as { action: string }[]).map((e) => e.action).reverse()).toEqual([
      'risk.device_enrolled',
      'risk.device_lock_requested',
      'risk.device_lock_cancelled',
      'risk.device_released',
    ]);
  });

  test('a phone enrolled again for a new rental: the old device is released like any other, its queued lock cancelled', async () => {
    const imei = imeiWith('7');
    const device = (
      await call(admin.token, 'POST', '/v1/admin/risk/devices', { imei, customerId, reference: `ord_old_${imei}` })
    ).json() as { id: string };
    await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/lock`, { reason: 'D+10 逾期' });
    // Its release never came; the phone is delivered for another order and enrolled afresh.
    await transaction(s.ctx.database, (tx) =>
      requestEnrolment(tx, s.clock, { reference: `ord_new_${imei}`, imei, customerId }),
    );
    expect(await enrolRequestedDevices(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ enrolled: 1 });
    expect(await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ sent: 0 });
    const seen = await detail(device.id);
    expect(seen.device).toMatchObject({ releaseReason: 'enrolled_again' });
    expect(seen.commands[0]).toMatchObject({ kind: 'lock', status: 'cancelled', failure: 'device_released' });
    const audit = await call(admin.token, 'GET', `/v1/admin/audit-log?targetType=risk_device&targetId=${device.id}`);
    expect((audit.json().data as { action: string }[]).map((e) => e.action).reverse()).toEqual([
      'risk.device_enrolled',
      'risk.device_lock_requested',
      'risk.device_lock_cancelled',
      'risk.device_released',
    ]);
  });

  test('a lock found pending for a phone released before the release cancelled locks: the sweep cancels it, unsent', async () => {
    const imei = imeiWith('1');
    const device = (
      await call(admin.token, 'POST', '/v1/admin/risk/devices', { imei, customerId, reference: `ord_pre_${imei}` })
    ).json() as { id: string };
    await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/lock`, { reason: 'D+10 逾期' });
    // Released by the code before this rule (device only; its lock left pending).
    await queryRows(
      s.ctx.database.db,
      sql`update risk_devices set released_at = ${s.clock.now()}, release_reason = 'settled' where id = ${device.id}`,
    );
    expect(await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ sent: 0, failed: 0 });
    expect((await detail(device.id)).commands[0]).toMatchObject({ status: 'cancelled', failure: 'device_released' });
    // No longer open: staff may act on the device again (an unlock is refused only by its state).
    const unlock = await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/unlock`, { reason: 'x' });
    expect(unlock.json()).toMatchObject({ code: 'RISK_DEVICE_LOCK_STATE' });
  });

  test('a lock cancelled while the sweep was handing it over, which the MDM then acknowledges: the phone is locked', async () => {
    const imei = imeiWith('2');
    const reference = `ord_race_${imei}`;
    const device = (await call(admin.token, 'POST', '/v1/admin/risk/devices', { imei, customerId, reference })).json();
    const lock = (
      await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/lock`, { reason: 'D+10 逾期' })
    ).json();
    await transaction(s.ctx.database, (tx) => releaseDevice(tx, s.clock, { reference, reason: 'settled' }));
    expect((await detail(device.id)).commands[0]).toMatchObject({ status: 'cancelled' });
    await transaction(s.ctx.database, (tx) =>
      answerDeviceCommand(tx, s.clock, { commandId: lock.id, status: 'acknowledged', deviceId: device.id }),
    );
    const seen = await detail(device.id);
    expect(seen.commands[0]).toMatchObject({ status: 'acknowledged', failure: null });
    expect(seen.device.lockState).toBe('locked');
  });

  test('a phone locked when it is released keeps its queued unlock, which the MDM still gets', async () => {
    const imei = imeiWith('6');
    const reference = `ord_rel_${imei}`;
    const device = (
      await call(admin.token, 'POST', '/v1/admin/risk/devices', { imei, customerId, reference })
    ).json() as { id: string };
    await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/lock`, { reason: 'D+10 逾期' });
    await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx));
    await mdmRound();
    expect((await detail(device.id)).device.lockState).toBe('locked');
    await call(admin.token, 'POST', `/v1/admin/risk/devices/${device.id}/unlock`, { reason: '已买断' });
    expect(
      await transaction(s.ctx.database, (tx) => releaseDevice(tx, s.clock, { reference, reason: 'bought_out' })),
    ).toEqual({ released: 1, cancelled: 0, commandsCancelled: 0 });
    expect(await sendDeviceCommands(s.ctx.database, mdmDeps(s.ctx))).toMatchObject({ sent: 1 });
    await mdmRound();
    const seen = await detail(device.id);
    expect(seen.device.lockState).toBe('unlocked');
    expect(seen.commands.map((c: { kind: string; status: string }) => `${c.kind}:${c.status}`)).toEqual([
      'unlock:acknowledged',
      'lock:acknowledged',
    ]);
  });

  test('the webhook refuses a bad signature and a stale timestamp; a repeated message is applied once', async () => {
    const imei = imeiWith('4');
    const device = await enrol(imei);
    const secret = mdmWebhookSecret(s.ctx.config.masterKey);
    const message = {
      id: `msg_${imei}`,
      type: 'device.location',
      deviceId: `mdmdev_${imei}`,
      occurredAt: s.clock.now().toISOString(),
      location: { lat: 39.9042, lng: 116.4074, accuracyM: 10 },
    };
    const body = JSON.stringify(message);
    const now = Math.floor(s.clock.now().getTime() / 1000);
    const post = (signature: string) =>
      s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/mdm',
        headers: { 'content-type': 'application/json', 'zulin-signature': signature },
        payload: body,
      });
    expect((await post(signBody(Buffer.from('not the secret'), body, now))).json()).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
    });
    expect((await post(signBody(secret, body, now - 301))).json()).toMatchObject({ code: 'WEBHOOK_TIMESTAMP_STALE' });
    expect((await post(signBody(secret, body, now))).statusCode).toBe(200);
    expect((await post(signBody(secret, body, now))).json()).toMatchObject({ duplicate: true });
    await drain();
    expect((await detail(device.id)).locations).toHaveLength(1);
  });

  test('regions: staff add a circle and remove it; a bad polygon names its problem', async () => {
    const bad = await call(admin.token, 'POST', '/v1/admin/risk/geofences', {
      name: 'two points',
      shape: 'polygon',
      points: [
        [30, 120],
        [31, 121],
      ],
    });
    expect(bad.json()).toMatchObject({ code: 'RISK_GEOFENCE_INVALID' });
    const circle = await call(admin.token, 'POST', '/v1/admin/risk/geofences', {
      name: '东京 50 km',
      shape: 'circle',
      centre: [35.6762, 139.6503],
      radiusM: 50_000,
    });
    expect(circle.statusCode).toBe(201);
    expect(circle.json()).toMatchObject({ shape: 'circle', centre: [35.6762, 139.6503], radiusM: 50_000 });
    const list = (await call(admin.token, 'GET', '/v1/admin/risk/geofences')).json().data as { name: string }[];
    expect(list.map((g) => g.name)).toEqual(['中国大陆', '东京 50 km']);
    const removed = await call(admin.token, 'POST', `/v1/admin/risk/geofences/${circle.json().id}/remove`, {
      reason: 'test',
    });
    expect(removed.statusCode).toBe(200);
    expect(((await call(admin.token, 'GET', '/v1/admin/risk/geofences')).json().data as unknown[]).length).toBe(1);
  });
});
