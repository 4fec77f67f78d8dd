// Registering a physical phone as a unit, and reading units with their history and book value.
import { type Condition, readSkuVariants } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { staffNames } from '@zulin/identity';
import { type BusinessDate, decodeCursor, KernelErrors, newId, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, asc, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Actor } from './audit';
import { bookValueMinor } from './book-value';
import { InventoryErrors } from './errors';
import { gradeFits } from './grade-fit';
import { imeiProblem, imeiProblemMessage, tacOf } from './imei';
import { InventoryLimits } from './limits';
import { inventorySuppliers, inventoryUnitHistory, inventoryUnits, type UnitGrade, type UnitState } from './schema';
import type { UnitReason, UnitReasonCode } from './unit-reasons';
import { recordUnitChange, type UnitRow } from './unit-transitions';

export interface UnitInput {
  skuId: string;
  imei: string;
  serialNumber: string;
  warehouseId: string;
  costMinor: number;
  grade?: UnitGrade;
  location?: string;
  supplierId?: string | null;
  purchaseDate?: BusinessDate;
  procurementOrderId?: string | null;
}

export interface UnitView {
  id: string;
  skuId: string;
  imei: string;
  tac: string;
  serialNumber: string;
  grade: UnitGrade;
  state: UnitState;
  warehouseId: string;
  location: string;
  costMinor: number;
  currency: string;
  bookValueMinor: number;
  supplierId: string | null;
  purchaseDate: string;
  procurementOrderId: string | null;
  orderRef: string | null;
  reservationExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Staff screens only (`named`): the phone as catalog names it ("苹果 iPhone 15 Pro 256GB 黑色钛金属"). */
  skuName?: string | null;
  supplierName?: string | null;
  /** Staff screens only (`named`): the SKU's condition, and whether the unit's grade fits it (grade-fit.ts). */
  skuCondition?: Condition | null;
  gradeFitsSku?: boolean;
}

/**
 * Units as staff read them: each with its phone's name and condition and its supplier's name, a few
 * queries for a page.
 * Only the staff routes ask for names; the other modules' reads (`getUnit`, `listUnits`) do not pay.
 */
export async function named<T extends UnitView>(db: Executor, views: T[]): Promise<T[]> {
  const skus = await readSkuVariants(
    db,
    views.map((v) => v.skuId),
  );
  const supplierIds = [...new Set(views.flatMap((v) => (v.supplierId ? [v.supplierId] : [])))];
  const suppliers =
    supplierIds.length === 0
      ? []
      : await db
          .select({ id: inventorySuppliers.id, name: inventorySuppliers.name })
          .from(inventorySuppliers)
          .where(inArray(inventorySuppliers.id, supplierIds));
  const supplierNames = new Map(suppliers.map((s) => [s.id, s.name]));
  return views.map((v) => {
    const sku = skus.get(v.skuId);
    return {
      ...v,
      skuName: sku?.skuName ?? null,
      skuCondition: sku?.condition ?? null,
      gradeFitsSku: sku !== undefined && gradeFits(v.grade, sku.condition),
      supplierName: v.supplierId ? (supplierNames.get(v.supplierId) ?? null) : null,
    };
  });
}

export interface UnitHistoryEntry {
  id: string;
  fromState: UnitState | null;
  toState: UnitState;
  /** `name`: the staff member's display name (or username) for a staff actor, else null. */
  actor: { kind: string; id: string | null; name: string | null };
  /**
   * The text staff typed, as written; null for a system change (worded from its code). A row written
   * before migration 0077 holds a system change's English sentence here beside its code.
   */
  reason: string | null;
  /** A system change's stable code, for the reader's language; null: show `reason` as written. */
  reasonCode: UnitReasonCode | null;
  reasonParams: Record<string, string>;
  orderRef: string | null;
  at: string;
}

export function unitView(row: UnitRow, today: BusinessDate): UnitView {
  return {
    id: row.id,
    skuId: row.skuId,
    imei: row.imei,
    tac: row.tac,
    serialNumber: row.serialNumber,
    grade: row.grade,
    state: row.state,
    warehouseId: row.warehouseId,
    location: row.location,
    costMinor: row.costMinor,
    currency: row.currency,
    bookValueMinor: bookValueMinor({ costMinor: row.costMinor, purchaseDate: row.purchaseDate, asOf: today }),
    supplierId: row.supplierId,
    purchaseDate: row.purchaseDate,
    procurementOrderId: row.procurementOrderId,
    orderRef: row.orderRef,
    reservationExpiresAt: row.reservationExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** 422 INVENTORY_IMEI_INVALID naming the field, or nothing. */
export function assertImei(imei: string, path = '/body/imei'): void {
  const problem = imeiProblem(imei);
  if (problem !== null) {
    throw InventoryErrors.INVENTORY_IMEI_INVALID({
      detail: `IMEI ${imei.slice(0, 20)}: ${imeiProblemMessage(problem)}.`,
      errors: [{ path, message: imeiProblemMessage(problem), code: problem }],
    });
  }
}

export function imeiDuplicate(imei: string) {
  return InventoryErrors.INVENTORY_IMEI_DUPLICATE({
    detail: `A unit with IMEI ${imei} exists.`,
    errors: [{ path: '/body/imei', message: 'a unit with this IMEI exists', code: 'duplicate' }],
  });
}

/** Inserts a unit in stock in the caller's transaction; the checks of references are the caller's. */
export async function insertUnit(
  tx: Executor,
  options: { input: UnitInput; actor: Actor; now: Date; today: BusinessDate; reason: UnitReason },
): Promise<UnitRow> {
  const { input, actor, now, today } = options;
  const [row] = await tx
    .insert(inventoryUnits)
    .values({
      id: newId('unit'),
      skuId: input.skuId,
      imei: input.imei,
      tac: tacOf(input.imei),
      serialNumber: input.serialNumber.trim(),
      grade: input.grade ?? 'new',
      state: 'in_stock',
      warehouseId: input.warehouseId,
      location: input.location?.trim() ?? '',
      costMinor: input.costMinor,
      supplierId: input.supplierId ?? null,
      purchaseDate: input.purchaseDate ?? today,
      procurementOrderId: input.procurementOrderId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: inventoryUnits.imei })
    .returning();
  if (!row) throw imeiDuplicate(input.imei);
  await recordUnitChange(tx, {
    unit: row,
    from: null,
    actor,
    reason: options.reason,
    now,
  });
  return row;
}

export interface UnitQuery {
  state?: UnitState;
  skuId?: string;
  warehouseId?: string;
  imei?: string;
  limit?: number;
  cursor?: string;
}

/** Units, newest first, filtered by state, SKU, warehouse or IMEI (exact or a prefix such as a TAC). */
export async function listUnits(db: Executor, query: UnitQuery & { today: BusinessDate }): Promise<Page<UnitView>> {
  const limit = pageLimit(query.limit);
  const conditions: (SQL | undefined)[] = [];
  if (query.state) conditions.push(eq(inventoryUnits.state, query.state));
  if (query.skuId) conditions.push(eq(inventoryUnits.skuId, query.skuId));
  if (query.warehouseId) conditions.push(eq(inventoryUnits.warehouseId, query.warehouseId));
  if (query.imei) {
    const digits = query.imei.replace(/\D/g, '').slice(0, 15);
    conditions.push(
      digits.length === 15
        ? eq(inventoryUnits.imei, digits)
        : eq(inventoryUnits.tac, digits.padEnd(8, '0').slice(0, 8)),
    );
  }
  if (query.cursor !== undefined) {
    const [id] = decodeCursor(query.cursor);
    if (typeof id !== 'string') {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    conditions.push(lt(inventoryUnits.id, id));
  }
  const rows = await db
    .select()
    .from(inventoryUnits)
    .where(and(...conditions))
    .orderBy(desc(inventoryUnits.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => [r.id]);
  return { data: page.data.map((r) => unitView(r, query.today)), nextCursor: page.nextCursor };
}

export async function getUnit(
  db: Executor,
  options: { unitId: string; today: BusinessDate },
): Promise<UnitView & { history: UnitHistoryEntry[] }> {
  const [row] = await db.select().from(inventoryUnits).where(eq(inventoryUnits.id, options.unitId));
  if (!row) throw InventoryErrors.INVENTORY_UNIT_NOT_FOUND({ detail: `No unit ${options.unitId}.` });
  const history = await db
    .select()
    .from(inventoryUnitHistory)
    .where(eq(inventoryUnitHistory.unitId, row.id))
    .orderBy(asc(inventoryUnitHistory.at), asc(inventoryUnitHistory.id))
    .limit(InventoryLimits.historyRowsMax);
  const names = await staffNames(
    db,
    history.flatMap((h) => (h.actorKind === 'staff' && h.actorId !== null ? [h.actorId] : [])),
  );
  return {
    ...unitView(row, options.today),
    history: history.map((h) => ({
      id: h.id,
      fromState: h.fromState,
      toState: h.toState,
      actor: {
        kind: h.actorKind,
        id: h.actorId,
        name: h.actorKind === 'staff' && h.actorId !== null ? (names.get(h.actorId) ?? null) : null,
      },
      reason: h.reason,
      reasonCode: (h.reasonCode as UnitReasonCode | null) ?? null,
      reasonParams: h.reasonParams ?? {},
      orderRef: h.orderRef,
      at: h.at.toISOString(),
    })),
  };
}
