// The rental module's events (docs/modules.md, "Events"): one per order transition, carrying the
// state it left and entered, so subscribers (notifications, reports) need no second read.
import { defineEvents, type EventPayloads } from '@zulin/db';

export interface OrderTransitioned {
  orderId: string;
  customerId: string;
  action: string;
  from: string;
  to: string;
}

export const RentalEvents = defineEvents({
  'rental.order_placed': (p: {
    orderId: string;
    customerId: string;
    skuId: string;
    planId: string;
    status: string;
    firstPaymentMinor: number;
    depositToHoldMinor: number;
    unitId: string | null;
  }) => p,
  'rental.order_transitioned': (p: OrderTransitioned) => p,
  'rental.timers_changed': (p: { changedBy: string; keys: string[] }) => p,
  /**
   * A returned phone was graded. Each photo is named by the SHA-256 of its bytes (the stored file's
   * name), so the evidence log proves which photos the grade rests on.
   */
  'rental.inspection_graded': (p: {
    orderId: string;
    customerId: string;
    inspectionId: string;
    grade: string;
    findings: { code: string; quantity: number }[];
    photos: { sha256: string; contentType: string; sizeBytes: number }[];
    chargeMinor: number;
    depositHeldMinor: number;
    inspectedBy: string;
  }) => p,
  /** A customer disputes the graded inspection of a returned phone; support opens a case for a person. */
  'rental.inspection_disputed': (p: {
    orderId: string;
    customerId: string;
    inspectionId: string;
    grade: string;
    chargeMinor: number;
    reason: string;
  }) => p,
  /**
   * A person resolved the dispute of an inspection: `upheld` (the charge stands) or `adjusted` (a
   * credit: `waivedMinor` off the bill, `refundMinor` given back, `refundState` awaiting a second
   * person or done). Support resolves the complaint ticket it opened for the dispute.
   */
  'rental.inspection_dispute_resolved': (p: {
    orderId: string;
    customerId: string;
    inspectionId: string;
    outcome: 'upheld' | 'adjusted';
    chargeMinor: number;
    creditMinor: number;
    waivedMinor: number;
    refundMinor: number;
    refundState: 'none' | 'awaiting_approval' | 'done';
    note: string;
  }) => p,
  /** A customer reported a fault during the rental; support opens a `fault` ticket on the order. */
  'rental.fault_reported': (p: {
    faultId: string;
    orderId: string;
    customerId: string;
    description: string;
    imei: string | null;
    photos: number;
  }) => p,
  /** Staff moved a fault on (diagnosing, repairing, swapping) or resolved it. */
  'rental.fault_changed': (p: {
    faultId: string;
    orderId: string;
    customerId: string;
    from: string;
    to: string;
    resolution: string | null;
    faultyImei: string | null;
    replacementImei: string | null;
    faultDays: number;
    creditMinor: number;
  }) => p,
  /** A carrier claim for a lost return parcel moved: a payment recorded, a write-off asked, approved or rejected. */
  'rental.carrier_claim_changed': (p: {
    claimId: string;
    orderId: string;
    carrier: string;
    from: string;
    to: string;
    amountMinor: number;
    paidMinor: number;
    writtenOffMinor: number;
    by: string;
  }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof RentalEvents> {}
}
