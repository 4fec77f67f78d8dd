// The inventory module's events (docs/modules.md, "Events").
import { defineEvents, type EventPayloads } from '@zulin/db';
import type { ProcurementStatus, UnitState } from './schema';
import type { UnitReasonCode, UnitReasonParams } from './unit-reasons';

type UnitChange = {
  unitId: string;
  skuId: string;
  from: UnitState | null;
  to: UnitState;
  orderRef: string | null;
  /** What staff typed; null for a system change, told by its code and parameters (unit-reasons.ts). */
  reason: string | null;
  reasonCode: UnitReasonCode | null;
  reasonParams: UnitReasonParams | null;
};
type OrderChange = { orderId: string; from: ProcurementStatus; to: ProcurementStatus };

export const InventoryEvents = defineEvents({
  'inventory.unit_received': (p: UnitChange) => p,
  'inventory.unit_state_changed': (p: UnitChange) => p,
  'inventory.procurement_ordered': (p: OrderChange) => p,
  'inventory.procurement_cancelled': (p: OrderChange) => p,
  'inventory.procurement_received': (p: { orderId: string; units: number; status: ProcurementStatus }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof InventoryEvents> {}
}
