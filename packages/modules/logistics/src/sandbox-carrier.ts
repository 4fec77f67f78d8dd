// The sandbox courier: a carrier that behaves like a national courier, for development, demos and the
// sandbox test clock. It issues S10 waybill numbers with a check digit, prints a label, books hour-long
// pick-up windows, refuses to cancel a parcel already collected, plans each parcel's scans (with the
// knobs of sandbox-tracking.ts) and signs its webhooks like a real carrier. Its memory is a store
// interface: the server backs it with a table (phase 2); tests use the in-memory one in testing.ts.

import { beijingIso } from './beijing-time';
import type {
  CarrierAdapter,
  CreateWaybillRequest,
  PickupBooking,
  PickupRequest,
  ReplayGuard,
  TrackingEvent,
  VerifiedWebhook,
  Waybill,
  WebhookRequest,
} from './carrier';
import { LogisticsErrors } from './errors';
import { renderLabelPdf } from './label-pdf';
import { checkPickupWindow, checkWaybillRequest } from './parcel-checks';
import { knobsFromRemark, planSandboxEvents, type SandboxWireEvent } from './sandbox-tracking';
import { parseSandboxPush, sandboxCarrierCode, sandboxHeaders, toTrackingEvent } from './sandbox-wire';
import { sortCodeFor } from './sort-code';
import { parseS10Number, s10Number } from './waybill-number';
import { verifyWebhookSignature } from './webhook-signature';

export interface SandboxParcel {
  waybill: Waybill;
  pickup: PickupBooking | null;
  cancelledAt: string | null;
}

/** Where the sandbox courier keeps its parcels. */
export interface SandboxCarrierStore {
  /** 0, 1, 2, … — never the same twice. */
  nextSerial(): Promise<number>;
  get(waybillNo: string): Promise<SandboxParcel | null>;
  put(parcel: SandboxParcel): Promise<void>;
}

export const sandboxService = 'ZS';
/** The courier collects this long after the start of the booked window. */
const collectAfterMs = 20 * 60_000;

/** The sandbox courier as people read it (carrier-names.ts names shipments by it). */
export const sandboxCarrierName = { 'zh-CN': 'Zulin 沙箱快递', en: 'Zulin Sandbox Express' } as const;

export class SandboxCarrier implements CarrierAdapter {
  readonly code = sandboxCarrierCode;
  readonly name = sandboxCarrierName;
  readonly #secret: Buffer;
  readonly #store: SandboxCarrierStore;

  constructor(options: { secret: Buffer; store: SandboxCarrierStore }) {
    this.#secret = options.secret;
    this.#store = options.store;
  }

  async createWaybill(request: CreateWaybillRequest): Promise<Waybill> {
    checkWaybillRequest(request);
    const waybillNo = s10Number({ service: sandboxService, serial: await this.#store.nextSerial() });
    const waybill: Waybill = {
      carrier: this.code,
      waybillNo,
      orderRef: request.orderRef,
      direction: request.direction,
      sender: request.sender,
      recipient: request.recipient,
      parcel: request.parcel,
      remark: request.remark ?? '',
      createdAt: beijingIso(request.now),
      sortCode: sortCodeFor(request.recipient),
    };
    await this.#store.put({ waybill, pickup: null, cancelledAt: null });
    return waybill;
  }

  async labelPdf(waybillNo: string): Promise<Buffer> {
    const { waybill } = await this.#parcel(waybillNo);
    return renderLabelPdf({
      carrierName: this.name,
      serviceName: { 'zh-CN': '标准快递', en: 'Standard' },
      waybillNo,
      sortCode: waybill.sortCode,
      recipient: waybill.recipient,
      sender: waybill.sender,
      parcel: waybill.parcel,
      remark: waybill.remark,
      orderRef: waybill.orderRef,
      printedAt: new Date(waybill.createdAt),
      notice: { 'zh-CN': '签收前请当面检查包装是否完好', en: 'Check the packaging before you sign for the parcel' },
    });
  }

  async bookPickup(request: PickupRequest): Promise<PickupBooking> {
    const parcel = await this.#parcel(request.waybillNo);
    this.#assertNotCollected(parcel, request.now, 'book a pick-up for');
    const start = checkPickupWindow({ windowStart: request.windowStart, now: request.now, openHour: 9, closeHour: 19 });
    const booking: PickupBooking = {
      bookingId: `PU${parcel.waybill.waybillNo.slice(2, 11)}${String(start.getTime() / 3_600_000).slice(-4)}`,
      waybillNo: parcel.waybill.waybillNo,
      windowStart: beijingIso(start),
      windowEnd: beijingIso(new Date(start.getTime() + 3_600_000)),
      agent: '快递员 王师傅 / Courier Wang',
    };
    // Booking again before the courier came moves the visit: the latest booking counts.
    await this.#store.put({ ...parcel, pickup: booking });
    return booking;
  }

  async cancel(waybillNo: string, now: Date): Promise<void> {
    const parcel = await this.#parcel(waybillNo);
    if (parcel.cancelledAt !== null) return;
    this.#assertNotCollected(parcel, now, 'cancel');
    await this.#store.put({ ...parcel, cancelledAt: beijingIso(now) });
  }

  async track(waybillNo: string, now: Date): Promise<TrackingEvent[]> {
    return sandboxEventsUntil(await this.#parcel(waybillNo), now).map(toTrackingEvent);
  }

  async verifyWebhook(request: WebhookRequest, replayGuard: ReplayGuard): Promise<VerifiedWebhook> {
    await verifyWebhookSignature({
      carrier: this.code,
      secret: this.#secret,
      headers: {
        timestamp: request.headers[sandboxHeaders.timestamp],
        nonce: request.headers[sandboxHeaders.nonce],
        signature: request.headers[sandboxHeaders.signature],
      },
      rawBody: request.rawBody,
      now: request.now,
      replayGuard,
    });
    const push = parseSandboxPush(request.rawBody);
    return { deliveryId: push.pushId, events: push.events.map(toTrackingEvent) };
  }

  async #parcel(waybillNo: string): Promise<SandboxParcel> {
    const parcel = await this.#store.get(parseS10Number(waybillNo, sandboxService));
    if (parcel === null) throw LogisticsErrors.LOGISTICS_WAYBILL_NOT_FOUND({ detail: `No parcel ${waybillNo}.` });
    return parcel;
  }

  #assertNotCollected(parcel: SandboxParcel, now: Date, what: string): void {
    if (parcel.cancelledAt !== null) {
      throw LogisticsErrors.LOGISTICS_CANCEL_TOO_LATE({ detail: `The waybill was cancelled; cannot ${what} it.` });
    }
    if (sandboxEventsUntil(parcel, now).length > 0) {
      throw LogisticsErrors.LOGISTICS_CANCEL_TOO_LATE({
        detail: `The courier has collected the parcel; cannot ${what} it.`,
      });
    }
  }
}

/** Every scan of the parcel planned up to `now`, oldest first: nothing before a pick-up, nothing once cancelled. */
export function sandboxEventsUntil(parcel: SandboxParcel, now: Date): SandboxWireEvent[] {
  return sandboxPlan(parcel).filter((e) => Date.parse(`${e.opTime.replace(' ', 'T')}+08:00`) <= now.getTime());
}

/** The whole planned story of a parcel, future scans included (for the sandbox's push tick). */
export function sandboxPlan(parcel: SandboxParcel): SandboxWireEvent[] {
  if (parcel.pickup === null || parcel.cancelledAt !== null) return [];
  const pickedUpAt = new Date(Date.parse(parcel.pickup.windowStart) + collectAfterMs);
  // The knobs are read from the remark and, so that a test can steer a parcel the desk ships (whose
  // remark the order module writes), from the recipient's address line (`世纪大道 100 号 #lose`).
  const knobs = knobsFromRemark(`${parcel.waybill.remark} ${parcel.waybill.recipient.line}`);
  return planSandboxEvents({ waybill: parcel.waybill, pickedUpAt, knobs });
}
