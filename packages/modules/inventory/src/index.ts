// The public face of the inventory module: the only file other modules may import.

export { allocateUnitByImei, checkScannedUnit, unitByImei } from './allocate-unit';
export type { Actor } from './audit';
export { bookValueMinor, wholeMonthsBetween } from './book-value';
export { changeUnitState } from './change-unit-state';
export { confirmReservation } from './confirm-reservation';
export { createUnit } from './create-unit';
export { InventoryErrors } from './errors';
export { InventoryEvents } from './events';
export { imeiProblem, tacOf, withCheckDigit } from './imei';
export { type ImportReport, importUnits } from './import-units';
export { InventoryLimits } from './limits';
export { inventoryModule } from './module';
export { gradeOrderUnit, moveOrderUnit } from './move-order-unit';
export { getProcurementOrder, type ProcurementOrderView } from './procurement-orders';
export { releaseExpiredReservations } from './release-expired-reservations';
export { releaseReservation } from './release-reservation';
export { availabilityBySku, type ReservedUnit } from './reservations';
export { reserveUnit } from './reserve-unit';
export type { ProcurementStatus, UnitGrade, UnitState } from './schema';
export type { SupplierView } from './suppliers';
export { type UnitReason, type UnitReasonCode, unitReasonCodes } from './unit-reasons';
export { canTransition, unitTransitions } from './unit-transitions';
export { getUnit, listUnits, type UnitHistoryEntry, type UnitView } from './units';
export { listWarehouses, type WarehouseView } from './warehouses';
