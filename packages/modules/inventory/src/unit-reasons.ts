// Why a unit changed state, as a stable code and its parameters, so that the console words each
// history row and audit entry in the reader's language (apps/admin, i18n unitReasons). The history
// row, the audit entry and the event carry the code and its parameters, never an English sentence
// (`reason` is null for a system change since migration 0077). Rows and entries written before the
// codes, and reasons typed by staff, are shown as written.
// scripts/unit-history-reasons.test.ts fails when a code here has no label in either language.

export const unitReasonCodes = [
  // Written by inventory's own use cases.
  'unit_registered',
  'unit_imported',
  'procurement_received',
  'demo_stock',
  'reserved_for_order',
  'reservation_expired',
  'reservation_released',
  'allocated_at_shipping',
  'allocation_replaced',
  'resku_by_grade',
  'unit_regraded',
  // The default of each order-flow step (moveOrderUnit) when the caller gives no code.
  'order_ship',
  'order_deliver',
  'order_deliver_sale',
  'order_sell',
  'order_start_return',
  'order_receive_return',
  'order_lose',
  'order_lose_return',
  // Given by the order modules through moveOrderUnit / releaseReservation / changeUnitState.
  'order_bought_out',
  'order_cancelled',
  'order_unpaid_expired',
  'order_rejected_on_review',
  'installment_paid_off',
  'parcel_refused',
  'parcel_returned_undelivered',
  'parcel_lost',
  'return_parcel_lost',
  'return_graded',
  'fault_received',
  'fault_repair',
  'fault_replacement_shipped',
  'fault_swapped_out',
  'fault_collected',
  'fault_repaired',
  'fault_repaired_shipped',
  'fault_delivered',
] as const;

export type UnitReasonCode = (typeof unitReasonCodes)[number];

/** What fills a code's wording: ids, line numbers, IMEIs, a carrier's note — all strings. */
export type UnitReasonParams = Record<string, string>;

/** A system-written reason: the code and its parameters (the apps word them; no sentence is kept). */
export interface UnitReason {
  code: UnitReasonCode;
  params?: UnitReasonParams;
}

/**
 * What an audit entry's detail and an event's payload say about why: a system change's code and
 * parameters (never its English sentence), or the text staff typed.
 */
export function reasonFields(reason: string | UnitReason): {
  reason: string | null;
  reasonCode: UnitReasonCode | null;
  reasonParams: UnitReasonParams | null;
} {
  if (typeof reason === 'string') return { reason, reasonCode: null, reasonParams: null };
  return { reason: null, reasonCode: reason.code, reasonParams: reason.params ?? {} };
}
