// The inventory module's events (docs/modules.md, "Events").
import { defineEvents, type EventPayloads } from '@zulin/db';
import type { ProcurementStatus, UnitState } from './schema';

type UnitChange = {
  unitId: string;
  skuId: string;
  from: UnitState | null;
  to: UnitState;
  orderRef: string | null;
  reason: string;
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
