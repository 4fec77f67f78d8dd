// The carrier adapter (DOMAIN §11): what every carrier — a national courier, the sandbox courier, our
// own stores — offers the rest of Zulin. Carriers speak their own protocols; the adapter turns them
// into these shapes, and the shipment machine (shipment-states.ts) into the shipment's state.
import type { ShipmentState } from './shipment-states';

export type Locale = 'zh-CN' | 'en';
export type Text = Readonly<Record<Locale, string>>;

/** A postal address in mainland China, as API.md's order address. */
export interface Address {
  name: string;
  /** +86 1[3-9]xxxxxxxxx */
  phone: string;
  province: string;
  city: string;
  district: string;
  line: string;
}

export interface Parcel {
  weightGrams: number;
  /** What the carrier insures (保价), in 分. */
  declaredValueMinor: number;
  /** What is inside, as printed on the label ("手机 ×1"). */
  contents: string;
}

export type ShipmentDirection = 'outbound' | 'return';

export interface CreateWaybillRequest {
  /** Our reference: the order id; the carrier echoes it back in tracking. */
  orderRef: string;
  direction: ShipmentDirection;
  sender: Address;
  recipient: Address;
  parcel: Parcel;
  /** Free text for the courier (备注), printed on the label. */
  remark?: string;
  /** A pick-up point (our store, a courier's station) the parcel goes to instead of a door. */
  pickupPointCode?: string;
  now: Date;
}

export interface Waybill {
  carrier: string;
  waybillNo: string;
  orderRef: string;
  direction: ShipmentDirection;
  sender: Address;
  recipient: Address;
  parcel: Parcel;
  remark: string;
  createdAt: string;
  /** The carrier's sorting code for the destination (三段码), printed large on the label. */
  sortCode: string;
}

export interface PickupRequest {
  waybillNo: string;
  /** The start of the hour-long window the courier (or the store) is booked for, ISO 8601. */
  windowStart: string;
  now: Date;
}

export interface PickupBooking {
  bookingId: string;
  waybillNo: string;
  windowStart: string;
  windowEnd: string;
  /** Who comes (or which counter), as the carrier tells it. */
  agent: string;
}

/** A tracking event in Zulin's terms, whichever carrier it came from. */
export interface TrackingEvent {
  /** The carrier's id for the event: the inbox's dedupe key. */
  eventId: string;
  carrier: string;
  waybillNo: string;
  state: ShipmentState;
  /** The carrier's own code for what happened (`SIGNED`, `FAILED`…), kept for support staff. */
  carrierCode: string;
  occurredAt: string;
  location: string;
  description: Text;
  /** Why a parcel is in `exception`: recipient unreachable, refused, lost, damaged. */
  exceptionReason?: ExceptionReason;
  signedBy?: string;
}

export type ExceptionReason = 'recipient_unreachable' | 'refused' | 'lost' | 'damaged' | 'delayed';

export interface WebhookRequest {
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
  now: Date;
}

export interface VerifiedWebhook {
  /** The carrier's id for this delivery of the webhook. */
  deliveryId: string;
  events: TrackingEvent[];
}

/**
 * Remembers which webhook deliveries were seen, so a replayed one is refused. The server backs it
 * with the inbox table (phase 2); an entry needs keeping only while its timestamp is within the
 * tolerance, since anything older is refused as stale anyway.
 */
export interface ReplayGuard {
  /** Records the delivery; false when it was seen before. */
  firstSeen(carrier: string, deliveryId: string, expiresAt: Date): Promise<boolean>;
}

export interface CarrierAdapter {
  /** The carrier's code in URLs (`/v1/webhooks/{code}`) and on shipments. */
  readonly code: string;
  readonly name: Text;
  createWaybill(request: CreateWaybillRequest): Promise<Waybill>;
  /** The label to stick on the parcel, as a PDF. */
  labelPdf(waybillNo: string): Promise<Buffer>;
  bookPickup(request: PickupRequest): Promise<PickupBooking>;
  /** Cancels a waybill the carrier has not picked up yet. */
  cancel(waybillNo: string, now: Date): Promise<void>;
  /** Every event so far, oldest first (polling, and a check on the webhooks). */
  track(waybillNo: string, now: Date): Promise<TrackingEvent[]>;
  /** Checks a tracking webhook's signature, time and novelty, and reads its events. */
  verifyWebhook(request: WebhookRequest, replayGuard: ReplayGuard): Promise<VerifiedWebhook>;
}
