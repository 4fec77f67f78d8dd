// Tables owned by the inventory module: warehouses, suppliers, one row per physical phone (unit)
// with the history of its states, procurement orders, and the feed suppliers push.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export const unitStates = [
  'in_stock',
  'reserved',
  'shipped',
  'on_rent',
  /** Delivered to an installment buyer who is still repaying (the buyer's once paid off: `sold`). */
  'with_buyer',
  'returning',
  'inspecting',
  'refurbishing',
  'sold',
  'repair',
  'lost',
  'retired',
] as const;
export type UnitState = (typeof unitStates)[number];

/** new, the refurbished grades A–C, and D: graded beyond repair at a return (parts or scrap). */
export const unitGrades = ['new', 'A', 'B', 'C', 'D'] as const;
export type UnitGrade = (typeof unitGrades)[number];

export const procurementStatuses = ['draft', 'ordered', 'partially_received', 'received', 'cancelled'] as const;
export type ProcurementStatus = (typeof procurementStatuses)[number];

export const inventoryWarehouses = pgTable(
  'inventory_warehouses',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    city: text('city').notNull(),
    address: text('address').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('inventory_warehouses_code_uq').on(t.code)],
);

export const inventorySuppliers = pgTable(
  'inventory_suppliers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    /** The partner whose API key pushes this supplier's inventory feed, when it has one. */
    partnerId: text('partner_id'),
    active: boolean('active').notNull().default(true),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('inventory_suppliers_name_uq').on(t.name),
    uniqueIndex('inventory_suppliers_partner_uq').on(t.partnerId).where(sql`${t.partnerId} is not null`),
  ],
);

export const inventoryUnits = pgTable(
  'inventory_units',
  {
    id: text('id').primaryKey(),
    skuId: text('sku_id').notNull(),
    imei: text('imei').notNull(),
    /** Type Allocation Code: the first 8 digits of the IMEI, naming the make and model. */
    tac: text('tac').notNull(),
    serialNumber: text('serial_number').notNull(),
    grade: text('grade', { enum: unitGrades }).notNull(),
    state: text('state', { enum: unitStates }).notNull(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => inventoryWarehouses.id),
    location: text('location').notNull().default(''),
    costMinor: minor('cost_minor').notNull(),
    currency: text('currency').notNull().default('CNY'),
    supplierId: text('supplier_id').references(() => inventorySuppliers.id),
    purchaseDate: date('purchase_date', { mode: 'string' }).notNull(),
    procurementOrderId: text('procurement_order_id'),
    /** The order holding the unit while reserved (and after, until it comes back). */
    orderRef: text('order_ref'),
    reservedAt: instant('reserved_at'),
    reservationExpiresAt: instant('reservation_expires_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('inventory_units_imei_uq').on(t.imei),
    index('inventory_units_sku_state_idx').on(t.skuId, t.state),
    index('inventory_units_warehouse_idx').on(t.warehouseId),
    // One order holds at most one unit at a time: the database refuses a second reservation.
    uniqueIndex('inventory_units_reserved_order_uq').on(t.orderRef).where(sql`${t.state} = 'reserved'`),
    index('inventory_units_reservation_expiry_idx').on(t.reservationExpiresAt).where(sql`${t.state} = 'reserved'`),
  ],
);

/** One row per state change of a unit: who, when, why. Append-only. */
export const inventoryUnitHistory = pgTable(
  'inventory_unit_history',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => inventoryUnits.id),
    fromState: text('from_state', { enum: unitStates }),
    toState: text('to_state', { enum: unitStates }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    /**
     * The text staff typed, shown as written; null for a system change (it has a code). Rows written
     * before migration 0077 also hold the English sentence of a system change beside its code.
     */
    reason: text('reason'),
    /** A system-written reason's stable code (unit-reasons.ts), worded by the console; null: as written. */
    reasonCode: text('reason_code'),
    reasonParams: jsonb('reason_params').$type<Record<string, string>>(),
    orderRef: text('order_ref'),
    at: instant('at').notNull(),
  },
  (t) => [index('inventory_unit_history_unit_idx').on(t.unitId, t.at)],
);

export const inventoryProcurementOrders = pgTable(
  'inventory_procurement_orders',
  {
    id: text('id').primaryKey(),
    supplierId: text('supplier_id')
      .notNull()
      .references(() => inventorySuppliers.id),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => inventoryWarehouses.id),
    status: text('status', { enum: procurementStatuses }).notNull(),
    note: text('note').notNull().default(''),
    currency: text('currency').notNull().default('CNY'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    orderedAt: instant('ordered_at'),
    receivedAt: instant('received_at'),
  },
  (t) => [index('inventory_procurement_orders_status_idx').on(t.status)],
);

export const inventoryProcurementLines = pgTable(
  'inventory_procurement_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => inventoryProcurementOrders.id),
    lineNo: integer('line_no').notNull(),
    skuId: text('sku_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitCostMinor: minor('unit_cost_minor').notNull(),
    receivedQuantity: integer('received_quantity').notNull().default(0),
  },
  (t) => [uniqueIndex('inventory_procurement_lines_order_line_uq').on(t.orderId, t.lineNo)],
);

/** The latest quantity and price a supplier partner reported per model. */
export const inventorySupplierFeed = pgTable(
  'inventory_supplier_feed',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull(),
    supplierId: text('supplier_id'),
    /** The supplier's own model code, unique per partner. */
    model: text('model').notNull(),
    description: text('description').notNull().default(''),
    skuId: text('sku_id'),
    quantity: integer('quantity').notNull(),
    priceMinor: minor('price_minor').notNull(),
    currency: text('currency').notNull().default('CNY'),
    reportedAt: instant('reported_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('inventory_supplier_feed_partner_model_uq').on(t.partnerId, t.model)],
);
