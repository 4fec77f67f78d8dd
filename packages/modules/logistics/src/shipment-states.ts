// The shipment's state machine (DOMAIN §11):
//   created → picked_up → in_transit → out_for_delivery → delivered | exception | returned
// plus `cancelled` for a waybill withdrawn before pick-up (the carrier's cancel call) and `lost`, which
// only staff set (confirm-shipment-lost.ts) for a parcel the carrier collected and never delivered:
// a carrier's `lost` exception or a parcel silent for days only flags it (`suspectedLostAt`). Carriers skip
// scans and deliver webhooks late or twice, so tracking is applied leniently: a scan that jumps ahead
// is taken, a duplicate or an older scan is recorded but moves nothing, and a scan that would go
// backwards is kept for staff to see. An exception (failed delivery, refused, lost, damaged) can
// resolve: the parcel goes on, is delivered, or goes back to the sender.
import { assert } from '@zulin/kernel';
import type { TrackingEvent } from './carrier';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';

export const shipmentStates = [
  'created',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'returned',
  'cancelled',
  'lost',
] as const;
export type ShipmentState = (typeof shipmentStates)[number];

export const finalShipmentStates: readonly ShipmentState[] = ['delivered', 'returned', 'cancelled', 'lost'];

/** Not live: these do not count against the one live parcel per order and direction (the unique index). */
export const deadShipmentStates = ['cancelled', 'lost', 'returned'] as const satisfies readonly ShipmentState[];

/** Where each state may go next. */
export const shipmentTransitions: Readonly<Record<ShipmentState, readonly ShipmentState[]>> = Object.freeze({
  created: ['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'cancelled'],
  picked_up: ['in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned', 'lost'],
  in_transit: ['out_for_delivery', 'delivered', 'exception', 'returned', 'lost'],
  out_for_delivery: ['delivered', 'exception', 'returned', 'lost'],
  exception: ['in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned', 'lost'],
  delivered: [],
  returned: [],
  cancelled: [],
  // Confirmed lost by staff: terminal; a scan that turns up later is kept for staff, moves nothing.
  lost: [],
});

export function canMoveShipment(from: ShipmentState, to: ShipmentState): boolean {
  return shipmentTransitions[from].includes(to);
}

/** Our own moves (cancelling a waybill) must be legal; a refused one is a typed error. */
export function moveShipment(from: ShipmentState, to: ShipmentState): ShipmentState {
  if (!canMoveShipment(from, to)) {
    throw LogisticsErrors.LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED({
      detail: `A ${from} shipment cannot become ${to}.`,
    });
  }
  return to;
}

export interface ShipmentTrack {
  state: ShipmentState;
  /** The latest event applied to the state, ISO 8601. */
  lastEventAt: string | null;
  /** Every event received, in the order received, each once. */
  events: TrackingEvent[];
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale' | 'out_of_order' | 'recorded';

export function newShipmentTrack(): ShipmentTrack {
  return { state: 'created', lastEventAt: null, events: [] };
}

/**
 * Applies one tracking event. `applied`: the state moved (or an exception was updated); `duplicate`:
 * seen before, nothing kept; `stale`: older than the latest applied event, kept without moving;
 * `out_of_order`: a move the machine does not allow (a scan after delivery), kept for staff;
 * `recorded`: another scan in the same state (a hub on the way), kept.
 */
export function applyTrackingEvent(
  track: ShipmentTrack,
  event: TrackingEvent,
): { track: ShipmentTrack; outcome: ApplyOutcome } {
  if (track.events.some((e) => e.eventId === event.eventId)) return { track, outcome: 'duplicate' };
  assert(track.events.length < LogisticsLimits.eventsPerShipmentMax, 'a shipment keeps a bounded number of events');
  const at = Date.parse(event.occurredAt);
  assert(Number.isFinite(at), `event time must be an instant: ${event.occurredAt}`);
  const events = [...track.events, event];
  if (track.lastEventAt !== null && at < Date.parse(track.lastEventAt))
    return { track: { ...track, events }, outcome: 'stale' };
  if (event.state === track.state && event.state !== 'exception') {
    return { track: { ...track, events, lastEventAt: event.occurredAt }, outcome: 'recorded' };
  }
  if (!canMoveShipment(track.state, event.state)) return { track: { ...track, events }, outcome: 'out_of_order' };
  return { track: { state: event.state, lastEventAt: event.occurredAt, events }, outcome: 'applied' };
}

/** When the parcel was delivered (signed for), if it was: the rental's rent starts the next day. */
export function deliveredAt(track: ShipmentTrack): string | null {
  if (track.state !== 'delivered') return null;
  return track.events.find((e) => e.state === 'delivered')?.occurredAt ?? null;
}

/** The carrier's first scan of the parcel (any state past `created`): a return's rent stops here. */
export function firstScanAt(events: readonly TrackingEvent[]): string | null {
  const scans = events
    .filter((e) => e.state !== 'created' && e.state !== 'cancelled')
    .map((e) => Date.parse(e.occurredAt));
  if (scans.length === 0) return null;
  const first = events.find((e) => Date.parse(e.occurredAt) === Math.min(...scans));
  return first?.occurredAt ?? null;
}
