// The public face of the inventory module: the only file other modules may import.
export type { Actor } from './audit';
export { bookValueMinor, wholeMonthsBetween } from './book-value';
export { changeUnitState } from './change-unit-state';
export { createUnit } from './create-unit';
export { InventoryErrors } from './errors';
export { InventoryEvents } from './events';
export { imeiProblem, tacOf, withCheckDigit } from './imei';
export { type ImportReport, importUnits } from './import-units';
export { InventoryLimits } from './limits';
export { inventoryModule } from './module';
export { getProcurementOrder, type ProcurementOrderView } from './procurement-orders';
export {
  availabilityBySku,
  confirmReservation,
  moveOrderUnit,
  type ReservedUnit,
  releaseExpiredReservations,
  releaseReservation,
  reserveUnit,
} from './reservations';
export type { ProcurementStatus, UnitGrade, UnitState } from './schema';
export type { SupplierView } from './suppliers';
export { canTransition, unitTransitions } from './unit-transitions';
export { getUnit, listUnits, type UnitHistoryEntry, type UnitView } from './units';
export { listWarehouses, type WarehouseView } from './warehouses';
