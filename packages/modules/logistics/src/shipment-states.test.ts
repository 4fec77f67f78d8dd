import { isAppError } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import type { TrackingEvent } from './carrier';
import {
  applyTrackingEvent,
  finalShipmentStates,
  firstScanAt,
  moveShipment,
  newShipmentTrack,
  type ShipmentState,
  shipmentStates,
  shipmentTransitions,
} from './shipment-states';

const event = (n: number, state: ShipmentState, occurredAt: string): TrackingEvent => ({
  eventId: `E${n}`,
  carrier: 'sandbox_express',
  waybillNo: 'ZS000000014CN',
  state,
  carrierCode: state.toUpperCase(),
  occurredAt,
  location: '深圳市',
  description: { 'zh-CN': state, en: state },
});

describe('the shipment machine', () => {
  it('goes created → picked_up → in_transit → out_for_delivery → delivered, and nowhere after', () => {
    let track = newShipmentTrack();
    const path: ShipmentState[] = ['picked_up', 'in_transit', 'out_for_delivery', 'delivered'];
    for (const [i, state] of path.entries()) {
      const result = applyTrackingEvent(track, event(i, state, `2027-03-0${i + 1}T10:00:00+08:00`));
      expect(result.outcome).toBe('applied');
      track = result.track;
    }
    expect(track.state).toBe('delivered');
    for (const final of finalShipmentStates) expect(shipmentTransitions[final]).toEqual([]);
    expect(Object.keys(shipmentTransitions).sort()).toEqual([...shipmentStates].sort());
  });

  it('takes a scan that skips ahead, records a second hub scan, and ignores duplicates and late arrivals', () => {
    let track = newShipmentTrack();
    track = applyTrackingEvent(track, event(1, 'in_transit', '2027-03-01T13:00:00+08:00')).track;
    expect(track.state).toBe('in_transit');
    const hub = applyTrackingEvent(track, event(2, 'in_transit', '2027-03-02T05:00:00+08:00'));
    expect(hub.outcome).toBe('recorded');
    expect(applyTrackingEvent(hub.track, event(2, 'in_transit', '2027-03-02T05:00:00+08:00')).outcome).toBe(
      'duplicate',
    );
    // The pick-up scan arrives after the hub scans: kept for the record, the state stays.
    const late = applyTrackingEvent(hub.track, event(0, 'picked_up', '2027-03-01T10:20:00+08:00'));
    expect(late.outcome).toBe('stale');
    expect(late.track.state).toBe('in_transit');
    expect(late.track.events).toHaveLength(3);
    expect(firstScanAt(late.track.events)).toBe('2027-03-01T10:20:00+08:00');
  });

  it('resolves an exception (a failed delivery) into a delivery, and keeps a scan after delivery for staff', () => {
    let track = newShipmentTrack();
    for (const [i, s] of (
      ['picked_up', 'out_for_delivery', 'exception', 'out_for_delivery', 'delivered'] as const
    ).entries()) {
      track = applyTrackingEvent(track, event(i, s, `2027-03-0${i + 1}T10:00:00+08:00`)).track;
    }
    expect(track.state).toBe('delivered');
    const after = applyTrackingEvent(track, event(9, 'in_transit', '2027-03-09T10:00:00+08:00'));
    expect(after.outcome).toBe('out_of_order');
    expect(after.track.state).toBe('delivered');
  });

  it('cancels only a waybill not yet picked up', () => {
    expect(moveShipment('created', 'cancelled')).toBe('cancelled');
    try {
      moveShipment('picked_up', 'cancelled');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED');
    }
  });
});
