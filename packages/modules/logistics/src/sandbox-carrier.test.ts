import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdjustableClock, isAppError } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import { beijingDate } from './beijing-time';
import type { Address, CreateWaybillRequest } from './carrier';
import { SandboxCarrier, sandboxPlan } from './sandbox-carrier';
import { sandboxHeaders, sandboxPushRequest } from './sandbox-wire';
import { applyTrackingEvent, deliveredAt, newShipmentTrack } from './shipment-states';
import { memoryReplayGuard, memorySandboxStore } from './testing';
import { s10Number } from './waybill-number';

const secret = Buffer.from('sandbox-express-webhook-secret-32b');
const warehouse: Address = {
  name: '北京仓',
  phone: '+8613800138000',
  province: '北京市',
  city: '北京市',
  district: '大兴区',
  line: '亦庄经济开发区科创十三街 18 号',
};
const customer: Address = {
  name: '张三丰',
  phone: '+8613912345678',
  province: '广东省',
  city: '深圳市',
  district: '南山区',
  line: '高新南一道 9 号 1802 室',
};
const bj = (s: string) => new Date(`${s}+08:00`);

function setUp() {
  const store = memorySandboxStore();
  const carrier = new SandboxCarrier({ secret, store });
  const ship = (remark = '', more: Partial<CreateWaybillRequest> = {}) =>
    carrier.createWaybill({
      orderRef: 'ord_test',
      direction: 'outbound',
      sender: warehouse,
      recipient: customer,
      parcel: { weightGrams: 650, declaredValueMinor: 799_900, contents: '手机 ×1' },
      remark,
      now: bj('2027-03-01T09:00:00'),
      ...more,
    });
  return { store, carrier, ship };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return isAppError(e) ? e.code : String(e);
  }
  return 'accepted';
}

describe('the sandbox courier', () => {
  it('issues S10 waybills in sequence with a sort code for the destination', async () => {
    const { ship } = setUp();
    const first = await ship();
    const second = await ship();
    expect([first.waybillNo, second.waybillNo]).toEqual(['ZS000000014CN', 'ZS000000028CN']);
    expect(first.sortCode).toMatch(/^020-[0-9]{2}$/);
    expect(first.createdAt).toBe('2027-03-01T09:00:00+08:00');
  });

  it('refuses an incomplete address or a parcel it cannot carry, naming the fields', async () => {
    const { ship } = setUp();
    expect(await codeOf(ship('', { recipient: { ...customer, phone: '12345', line: '' } }))).toBe(
      'LOGISTICS_ADDRESS_INVALID',
    );
    expect(await codeOf(ship('', { parcel: { weightGrams: 0, declaredValueMinor: -1, contents: '' } }))).toBe(
      'LOGISTICS_PARCEL_INVALID',
    );
  });

  it('books hour-long pick-up windows between 09:00 and 19:00, up to 3 days ahead', async () => {
    const { carrier, ship } = setUp();
    const { waybillNo } = await ship();
    const now = bj('2027-03-01T09:30:00');
    const book = (windowStart: string) => carrier.bookPickup({ waybillNo, windowStart, now });
    expect(await book('2027-03-01T10:00:00+08:00')).toMatchObject({
      windowStart: '2027-03-01T10:00:00+08:00',
      windowEnd: '2027-03-01T11:00:00+08:00',
    });
    for (const bad of [
      '2027-03-01T09:00:00+08:00',
      '2027-03-01T10:30:00+08:00',
      '2027-03-01T19:00:00+08:00',
      '2027-03-05T10:00:00+08:00',
      'soon',
    ]) {
      expect(await codeOf(book(bad)), bad).toBe('LOGISTICS_PICKUP_WINDOW_INVALID');
    }
  });

  it('tells a parcel’s journey like a national courier: collected, hubs, out for delivery, signed', async () => {
    const { carrier, ship } = setUp();
    const { waybillNo } = await ship();
    await carrier.bookPickup({ waybillNo, windowStart: '2027-03-01T10:00:00+08:00', now: bj('2027-03-01T09:30:00') });
    expect(await carrier.track(waybillNo, bj('2027-03-01T10:19:59'))).toEqual([]);
    const all = await carrier.track(waybillNo, bj('2027-03-10T00:00:00'));
    expect(all.map((e) => [e.carrierCode, e.state, e.occurredAt, e.location])).toEqual([
      ['COLLECTED', 'picked_up', '2027-03-01T10:20:00+08:00', '北京市'],
      ['DEPARTED', 'in_transit', '2027-03-01T13:20:00+08:00', '北京市'],
      ['ARRIVED', 'in_transit', '2027-03-03T05:31:00+08:00', '深圳市'],
      ['DELIVERING', 'out_for_delivery', '2027-03-03T08:31:00+08:00', '深圳市'],
      ['SIGNED', 'delivered', '2027-03-03T10:06:00+08:00', '深圳市'],
    ]);
    expect(all.at(-1)?.description).toEqual({
      'zh-CN': '【深圳市】快件已签收，签收人：本人',
      en: 'Delivered and signed for in 深圳市',
    });
    let track = newShipmentTrack();
    for (const e of all) track = applyTrackingEvent(track, e).track;
    expect(track.state).toBe('delivered');
    // Signed for on 03-03 (Beijing): the rental's rent starts on 03-04.
    expect(beijingDate(new Date(deliveredAt(track) ?? ''))).toBe('2027-03-03');
  });

  it('obeys the knobs: a failed first delivery, a refusal, a delay, a lost parcel', async () => {
    const { carrier, ship } = setUp();
    const journey = async (remark: string) => {
      const { waybillNo } = await ship(remark);
      await carrier.bookPickup({ waybillNo, windowStart: '2027-03-01T10:00:00+08:00', now: bj('2027-03-01T09:30:00') });
      return (await carrier.track(waybillNo, bj('2027-04-01T00:00:00'))).map(
        (e) => `${e.carrierCode}@${e.occurredAt.slice(5, 16)}${e.exceptionReason ? `:${e.exceptionReason}` : ''}`,
      );
    };
    // Parcel serials 1–4: the jitter minute is the serial (mod 37).
    expect(await journey('#fail-once')).toEqual([
      'COLLECTED@03-01T10:20',
      'DEPARTED@03-01T13:20',
      'ARRIVED@03-03T05:31',
      'DELIVERING@03-03T08:31',
      'FAILED@03-03T11:01:recipient_unreachable',
      'DELIVERING@03-04T08:31',
      'SIGNED@03-04T10:06',
    ]);
    expect(await journey('#refuse')).toEqual([
      'COLLECTED@03-01T10:20',
      'DEPARTED@03-01T13:20',
      'ARRIVED@03-03T05:32',
      'DELIVERING@03-03T08:32',
      'FAILED@03-03T10:02:refused',
      'RETURNING@03-04T06:02',
      'RETURNED@03-06T15:02',
    ]);
    expect(await journey('#delay=2')).toEqual([
      'COLLECTED@03-01T10:20',
      'DEPARTED@03-01T13:20',
      'DELAYED@03-02T07:03:delayed',
      'ARRIVED@03-05T05:33',
      'DELIVERING@03-05T08:33',
      'SIGNED@03-05T10:08',
    ]);
    expect(await journey('#lose')).toEqual(['COLLECTED@03-01T10:20', 'DEPARTED@03-01T13:20', 'LOST@03-04T13:20:lost']);
  });

  it('cancels before the courier collects, and not after', async () => {
    const { carrier, ship, store } = setUp();
    const early = await ship();
    await carrier.bookPickup({
      waybillNo: early.waybillNo,
      windowStart: '2027-03-01T10:00:00+08:00',
      now: bj('2027-03-01T09:30:00'),
    });
    await carrier.cancel(early.waybillNo, bj('2027-03-01T10:10:00'));
    expect(sandboxPlan((await store.get(early.waybillNo)) ?? expect.unreachable())).toEqual([]);
    expect(
      await codeOf(
        carrier.bookPickup({
          waybillNo: early.waybillNo,
          windowStart: '2027-03-01T11:00:00+08:00',
          now: bj('2027-03-01T10:15:00'),
        }),
      ),
    ).toBe('LOGISTICS_CANCEL_TOO_LATE');
    const late = await ship();
    await carrier.bookPickup({
      waybillNo: late.waybillNo,
      windowStart: '2027-03-01T10:00:00+08:00',
      now: bj('2027-03-01T09:30:00'),
    });
    expect(await codeOf(carrier.cancel(late.waybillNo, bj('2027-03-01T10:30:00')))).toBe('LOGISTICS_CANCEL_TOO_LATE');
    expect(await codeOf(carrier.track(s10Number({ service: 'ZS', serial: 99 }), bj('2027-03-01T10:30:00')))).toBe(
      'LOGISTICS_WAYBILL_NOT_FOUND',
    );
    expect(await codeOf(carrier.track('ZS000000099CN', bj('2027-03-01T10:30:00')))).toBe('LOGISTICS_WAYBILL_INVALID');
  });
});

describe('the sandbox courier’s webhook', () => {
  async function pushed() {
    const { carrier, ship, store } = setUp();
    const { waybillNo } = await ship();
    await carrier.bookPickup({ waybillNo, windowStart: '2027-03-01T10:00:00+08:00', now: bj('2027-03-01T09:30:00') });
    const events = sandboxPlan((await store.get(waybillNo)) ?? expect.unreachable()).slice(0, 2);
    const clock = new AdjustableClock(bj('2027-03-01T13:21:00'));
    const request = sandboxPushRequest({ secret, events, now: clock.now(), nonce: 'n0nce00000000001' });
    return { carrier, clock, request, guard: memoryReplayGuard(clock) };
  }

  it('verifies a signed push and reads its scans', async () => {
    const { carrier, clock, request, guard } = await pushed();
    const verified = await carrier.verifyWebhook(
      { headers: request.headers, rawBody: Buffer.from(request.body), now: clock.now() },
      guard,
    );
    expect(verified.deliveryId).toBe('push_n0nce00000000001');
    expect(verified.events.map((e) => [e.state, e.occurredAt])).toEqual([
      ['picked_up', '2027-03-01T10:20:00+08:00'],
      ['in_transit', '2027-03-01T13:20:00+08:00'],
    ]);
  });

  it('refuses a replay, a changed body, a stale timestamp and missing headers', async () => {
    const { carrier, clock, request, guard } = await pushed();
    const verify = (headers: Record<string, string>, body: string, now = clock.now()) =>
      codeOf(carrier.verifyWebhook({ headers, rawBody: Buffer.from(body), now }, guard));
    expect(await verify(request.headers, request.body)).toBe('accepted');
    expect(await verify(request.headers, request.body)).toBe('LOGISTICS_WEBHOOK_REPLAYED');
    expect(await verify(request.headers, request.body.replace('COLLECTED', 'SIGNED'))).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
    const later = new Date(clock.now().getTime() + 301_000);
    expect(await verify(request.headers, request.body, later)).toBe('WEBHOOK_TIMESTAMP_STALE');
    const { [sandboxHeaders.signature]: _, ...unsigned } = request.headers;
    expect(await verify(unsigned, request.body)).toBe('WEBHOOK_SIGNATURE_MISSING');
    const otherSecret = sandboxPushRequest({
      secret: Buffer.from('another secret'),
      events: [],
      now: clock.now(),
      nonce: 'n0nce00000000002',
    });
    expect(await verify(otherSecret.headers, otherSecret.body)).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses a well-signed push whose body is not a push of scans', async () => {
    const { carrier, clock, guard } = await pushed();
    const empty = sandboxPushRequest({ secret, events: [], now: clock.now(), nonce: 'n0nce00000000003' });
    expect(
      await codeOf(
        carrier.verifyWebhook({ headers: empty.headers, rawBody: Buffer.from(empty.body), now: clock.now() }, guard),
      ),
    ).toBe('LOGISTICS_WEBHOOK_BODY_INVALID');
  });

  it('lets a nonce be used again once its timestamp could no longer pass', async () => {
    const { clock } = await pushed();
    const guard = memoryReplayGuard(clock);
    expect(await guard.firstSeen('sandbox_express', 'n1', new Date(clock.now().getTime() + 1000))).toBe(true);
    expect(await guard.firstSeen('sandbox_express', 'n1', new Date(clock.now().getTime() + 1000))).toBe(false);
    clock.advance(1000);
    expect(await guard.firstSeen('sandbox_express', 'n1', new Date(clock.now().getTime() + 1000))).toBe(true);
  });
});

describe('the label', () => {
  it('is a 100 × 150 mm PDF with the CJK font embedded', async () => {
    const { carrier, ship } = setUp();
    const { waybillNo } = await ship('易碎');
    const pdf = await carrier.labelPdf(waybillNo);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/MediaBox \[0 0 283\.46\d* 425\.19\d*\]/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(pdf.length).toBeLessThan(200_000);
  });

  const poppler = existsSync('/usr/bin/pdftotext');
  it.skipIf(!poppler)('reads back the waybill number and the masked recipient (pdftotext)', async () => {
    const { carrier, ship } = setUp();
    const { waybillNo } = await ship();
    const dir = mkdtempSync(join(tmpdir(), 'label-'));
    writeFileSync(join(dir, 'label.pdf'), await carrier.labelPdf(waybillNo));
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'label.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('ZS 0000 0001 4 CN');
    expect(text).toContain('张*丰');
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');
  });

  const zbar = existsSync('/usr/bin/zbarimg') && existsSync('/usr/bin/pdftoppm');
  it.skipIf(!zbar)('prints a barcode a scanner reads as the waybill number (pdftoppm + zbarimg)', async () => {
    const { carrier, ship } = setUp();
    const { waybillNo } = await ship();
    const dir = mkdtempSync(join(tmpdir(), 'label-'));
    writeFileSync(join(dir, 'label.pdf'), await carrier.labelPdf(waybillNo));
    execFileSync('pdftoppm', ['-png', '-r', '200', join(dir, 'label.pdf'), join(dir, 'label')]);
    // zbarimg complains on stderr that there is no D-Bus here; only its answer on stdout matters.
    const scanned = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'label-1.png')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(scanned.trim()).toBe(waybillNo);
  });
});
