// The inventory's stable error codes. INVENTORY_IMEI_INVALID and INVENTORY_IMEI_DUPLICATE are
// part of the public contract (issue 4) and never change.
import { defineErrors } from '@zulin/kernel';

export const InventoryErrors = defineErrors({
  INVENTORY_IMEI_INVALID: { status: 422, title: 'The IMEI is not valid' },
  INVENTORY_IMEI_DUPLICATE: { status: 409, title: 'A unit with this IMEI exists' },
  INVENTORY_UNIT_NOT_FOUND: { status: 404, title: 'Unit not found' },
  INVENTORY_WAREHOUSE_NOT_FOUND: { status: 404, title: 'Warehouse not found' },
  INVENTORY_SUPPLIER_NOT_FOUND: { status: 404, title: 'Supplier not found' },
  INVENTORY_PROCUREMENT_NOT_FOUND: { status: 404, title: 'Procurement order not found' },
  INVENTORY_WAREHOUSE_EXISTS: { status: 409, title: 'A warehouse with this code exists' },
  INVENTORY_SUPPLIER_EXISTS: { status: 409, title: 'A supplier with this name exists' },
  INVENTORY_UNIT_UNAVAILABLE: { status: 409, title: 'No unit of this SKU is available' },
  INVENTORY_INVALID_TRANSITION: { status: 409, title: 'The unit cannot make this state change' },
  INVENTORY_RESERVATION_MISMATCH: { status: 409, title: 'The unit is not reserved for this order' },
  INVENTORY_GRADE_NOT_SELLABLE: { status: 409, title: 'The unit’s grade fits no condition on sale' },
  INVENTORY_NO_SKU_FOR_GRADE: { status: 409, title: 'This phone has no SKU in the condition its grade fits' },
  INVENTORY_UNIT_SKU_MISMATCH: { status: 422, title: 'The scanned phone is not of the SKU the order is for' },
  INVENTORY_PROCUREMENT_INVALID_STATUS: { status: 409, title: 'The procurement order cannot do this in its status' },
  INVENTORY_PROCUREMENT_OVER_RECEIVED: { status: 409, title: 'More units than ordered on this line' },
  INVENTORY_IMPORT_INVALID: { status: 422, title: 'The CSV has invalid rows; nothing was imported' },
  INVENTORY_IMPORT_UNREADABLE: { status: 422, title: 'The CSV cannot be read' },
});
