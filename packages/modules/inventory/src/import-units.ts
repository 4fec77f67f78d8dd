// CSV import of units. Every row is validated before anything is written, and the valid rows go in
// together in one transaction or not at all. The rule: if any row is invalid, nothing is imported
// (422 INVENTORY_IMPORT_INVALID listing every bad row by line), unless the caller asks for
// `skipInvalid`, in which case the valid rows are imported and the bad ones reported as skipped.
// `dryRun` validates and reports without writing.
import { type Condition, conditionLabels, findSkusByName, getSku, type NamedSku } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import {
  type BusinessDate,
  compareDates,
  type FieldError,
  isAppError,
  isBusinessDate,
  parseMajor,
} from '@zulin/kernel';
import { parse } from 'csv-parse/sync';
import { inArray } from 'drizzle-orm';
import type { Actor } from './audit';
import { InventoryErrors } from './errors';
import { imeiProblem, imeiProblemMessage } from './imei';
import { InventoryLimits } from './limits';
import { inventorySuppliers, inventoryUnits, inventoryWarehouses, type UnitGrade, unitGrades } from './schema';
import { insertUnit, type UnitInput } from './units';

export interface ImportRowError {
  column: string;
  code: string;
  message: string;
}

export interface ImportInvalidRow {
  line: number;
  imei: string | null;
  errors: ImportRowError[];
}

export interface ImportReport {
  dryRun: boolean;
  committed: boolean;
  totalRows: number;
  validRows: number;
  importedCount: number;
  unitIds: string[];
  invalidRows: ImportInvalidRow[];
}

// Header names as people write them → our field. Case, spaces, dashes and underscores are ignored.
const headerAliases: Record<string, keyof RawRow> = {
  skuid: 'skuId',
  sku: 'skuId',
  skuname: 'skuName',
  phone: 'skuName',
  name: 'skuName',
  商品: 'skuName',
  手机: 'skuName',
  condition: 'condition',
  成色: 'condition',
  imei: 'imei',
  serialnumber: 'serialNumber',
  serial: 'serialNumber',
  sn: 'serialNumber',
  warehouseid: 'warehouse',
  warehouse: 'warehouse',
  warehousecode: 'warehouse',
  costminor: 'costMinor',
  cost: 'cost',
  grade: 'grade',
  location: 'location',
  supplierid: 'supplierId',
  supplier: 'supplierId',
  purchasedate: 'purchaseDate',
};

interface RawRow {
  /** A SKU's id (`sku_…`) or, as in `skuName`, its name. */
  skuId?: string;
  /** A SKU's name as the screens show it: 苹果 iPhone 15 Pro 256GB 黑色钛金属. */
  skuName?: string;
  /** Tells apart SKUs of one name: new, used_99, used_95, or 全新 / 99新 / 95新. */
  condition?: string;
  imei?: string;
  serialNumber?: string;
  warehouse?: string;
  costMinor?: string;
  cost?: string;
  grade?: string;
  location?: string;
  supplierId?: string;
  purchaseDate?: string;
}

interface ParsedRow {
  line: number;
  raw: RawRow;
}

/** Parses the CSV text into rows with their line numbers; a file we cannot read is a 422. */
export function parseUnitsCsv(text: string): ParsedRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) =>
        header.map((h) => headerAliases[h.toLowerCase().replace(/[\s_-]/g, '')] ?? `ignored:${h}`),
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      to: InventoryLimits.importRowsMax + 1,
    }) as typeof records;
  } catch (error) {
    throw InventoryErrors.INVENTORY_IMPORT_UNREADABLE({
      detail: `The CSV cannot be read: ${(error as Error).message.slice(0, 200)}`,
    });
  }
  if (records.length > InventoryLimits.importRowsMax) {
    throw InventoryErrors.INVENTORY_IMPORT_UNREADABLE({
      detail: `At most ${InventoryLimits.importRowsMax} rows per file.`,
    });
  }
  const first = records[0]?.record;
  const missing: string[] = first ? (['imei', 'serialNumber', 'warehouse'] as const).filter((c) => !(c in first)) : [];
  if (first && !('skuId' in first) && !('skuName' in first)) missing.unshift('skuId (or skuName)');
  if (first && !('costMinor' in first) && !('cost' in first)) missing.push('costMinor');
  if (records.length === 0 || missing.length > 0) {
    throw InventoryErrors.INVENTORY_IMPORT_UNREADABLE({
      detail:
        records.length === 0
          ? 'The CSV has no rows. Expected a header: skuId (or skuName[,condition]),imei,serialNumber,warehouse,costMinor[,grade,location,supplierId,purchaseDate]'
          : `The header lacks: ${missing.join(', ')}.`,
    });
  }
  return records.map(({ record, info }) => ({ line: info.lines, raw: record as RawRow }));
}

export async function importUnits(
  tx: Executor,
  options: { csv: string; skipInvalid: boolean; dryRun: boolean; actor: Actor; now: Date; today: BusinessDate },
): Promise<ImportReport> {
  const rows = parseUnitsCsv(options.csv);
  const checked = await validateRows(tx, rows, options.today);
  const invalidRows = checked
    .filter((c) => c.errors.length > 0)
    .map(({ line, imei, errors }) => ({ line, imei, errors }));
  const valid = checked.filter((c) => c.errors.length === 0 && c.input !== null);
  const report: ImportReport = {
    dryRun: options.dryRun,
    committed: false,
    totalRows: rows.length,
    validRows: valid.length,
    importedCount: 0,
    unitIds: [],
    invalidRows,
  };
  if (options.dryRun) return report;
  if (invalidRows.length > 0 && !options.skipInvalid) throw importInvalid(invalidRows);
  for (const row of valid) {
    // Bounded by importRowsMax. A concurrent insert of the same IMEI fails the whole import (409).
    const unit = await insertUnit(tx, {
      input: row.input as UnitInput,
      actor: options.actor,
      now: options.now,
      today: options.today,
      reason: { code: 'unit_imported', params: { line: String(row.line) } },
    });
    report.unitIds.push(unit.id);
  }
  report.importedCount = report.unitIds.length;
  report.committed = true;
  return report;
}

function importInvalid(invalidRows: ImportInvalidRow[]) {
  const errors: FieldError[] = invalidRows.flatMap((row) =>
    row.errors.map((e) => ({
      path: `/body/lines/${row.line}/${e.column}`,
      message: `line ${row.line}: ${e.message}`,
      code: e.code,
    })),
  );
  return InventoryErrors.INVENTORY_IMPORT_INVALID({
    detail: `${invalidRows.length} row(s) are invalid (lines ${invalidRows.map((r) => r.line).join(', ')}); nothing was imported. Fix them, or send skipInvalid=true to import only the valid rows.`,
    errors,
  });
}

interface CheckedRow {
  line: number;
  imei: string | null;
  errors: ImportRowError[];
  input: UnitInput | null;
}

async function validateRows(tx: Executor, rows: readonly ParsedRow[], today: BusinessDate): Promise<CheckedRow[]> {
  const imeis = rows.map((r) => r.raw.imei ?? '').filter((i) => /^\d{15}$/.test(i));
  const known = new Set<string>();
  // In chunks, so the parameter list stays well below PostgreSQL's limit.
  for (let i = 0; i < imeis.length; i += 1000) {
    const chunk = imeis.slice(i, i + 1000);
    const found = await tx
      .select({ imei: inventoryUnits.imei })
      .from(inventoryUnits)
      .where(inArray(inventoryUnits.imei, chunk));
    for (const f of found) known.add(f.imei);
  }
  const warehouses = await tx.select().from(inventoryWarehouses).limit(InventoryLimits.warehousesLookupMax);
  const warehouseByKey = new Map<string, string>();
  for (const w of warehouses) {
    warehouseByKey.set(w.id, w.id);
    warehouseByKey.set(w.code.toUpperCase(), w.id);
    warehouseByKey.set(w.name, w.id);
  }
  const supplierIds = new Set(
    (
      await tx.select({ id: inventorySuppliers.id }).from(inventorySuppliers).limit(InventoryLimits.suppliersLookupMax)
    ).map((s) => s.id),
  );
  const skuExists = new Map<string, boolean>();
  const skuNames = rows.map((r) => r.raw.skuId ?? r.raw.skuName ?? '').filter((v) => v !== '' && !skuIdPattern.test(v));
  const skusByName = await findSkusByName(tx, skuNames);
  const seenInFile = new Map<string, number>();
  const checked: CheckedRow[] = [];
  for (const { line, raw } of rows) {
    const errors: ImportRowError[] = [];
    const add = (column: string, code: string, message: string) => errors.push({ column, code, message });
    const imei = raw.imei ?? '';
    const problem = imeiProblem(imei);
    if (problem !== null) add('imei', 'INVENTORY_IMEI_INVALID', `IMEI ${imeiProblemMessage(problem)}`);
    else if (known.has(imei)) add('imei', 'INVENTORY_IMEI_DUPLICATE', 'a unit with this IMEI exists');
    else if (seenInFile.has(imei))
      add('imei', 'INVENTORY_IMEI_REPEATED_IN_FILE', `the same IMEI is on line ${seenInFile.get(imei)}`);
    if (problem === null && !seenInFile.has(imei)) seenInFile.set(imei, line);

    const skuColumn = raw.skuId !== undefined ? 'skuId' : 'skuName';
    const skuText = raw.skuId ?? raw.skuName ?? '';
    let skuId = '';
    if (skuText === '') add(skuColumn, 'required', `${skuColumn} is required`);
    else if (skuIdPattern.test(skuText)) {
      skuId = skuText;
      if (!skuExists.has(skuId)) skuExists.set(skuId, await skuIsKnown(tx, skuId));
      if (!skuExists.get(skuId)) add(skuColumn, 'CATALOG_SKU_NOT_FOUND', `no SKU ${skuId.slice(0, 40)}`);
    } else {
      const named = skuByName(skusByName.get(skuText) ?? [], raw.condition);
      if (named.kind === 'found') skuId = named.id;
      else if (named.kind === 'condition') add('condition', 'enum', named.message);
      else if (named.kind === 'none')
        add(skuColumn, 'CATALOG_SKU_NOT_FOUND', `no SKU is named ${skuText.slice(0, 80)}${named.detail}`);
      else add(skuColumn, 'INVENTORY_SKU_AMBIGUOUS', named.message);
    }
    const serialNumber = raw.serialNumber ?? '';
    if (serialNumber === '' || serialNumber.length > 64)
      add('serialNumber', 'required', 'serialNumber is required (at most 64 characters)');
    const warehouseId =
      warehouseByKey.get(raw.warehouse ?? '') ?? warehouseByKey.get((raw.warehouse ?? '').toUpperCase());
    if (warehouseId === undefined)
      add('warehouse', 'INVENTORY_WAREHOUSE_NOT_FOUND', `no warehouse ${(raw.warehouse ?? '').slice(0, 40)}`);
    const costMinor = costOf(raw);
    if (costMinor === null)
      add(
        raw.costMinor !== undefined ? 'costMinor' : 'cost',
        'invalid',
        'cost must be a non-negative amount (costMinor in 分, or cost in 元 with at most 2 decimals)',
      );
    const grade = raw.grade === undefined || raw.grade === '' ? 'new' : raw.grade;
    if (!(unitGrades as readonly string[]).includes(grade))
      add('grade', 'enum', `grade must be one of ${unitGrades.join(', ')}`);
    const supplierId = raw.supplierId || null;
    if (supplierId !== null && !supplierIds.has(supplierId))
      add('supplierId', 'INVENTORY_SUPPLIER_NOT_FOUND', `no supplier ${supplierId.slice(0, 40)}`);
    const purchaseDate = raw.purchaseDate || today;
    if (!isBusinessDate(purchaseDate) || compareDates(purchaseDate, today) > 0) {
      add('purchaseDate', 'invalid', 'purchaseDate must be a date (YYYY-MM-DD) not in the future');
    }
    checked.push({
      line,
      imei: imei === '' ? null : imei.slice(0, 20),
      errors,
      input:
        errors.length > 0 || warehouseId === undefined || costMinor === null
          ? null
          : {
              skuId,
              imei,
              serialNumber,
              warehouseId,
              costMinor,
              grade: grade as UnitGrade,
              location: raw.location ?? '',
              supplierId,
              purchaseDate,
            },
    });
  }
  return checked;
}

const skuIdPattern = /^sku_[0-9A-Za-z]+$/;

/** The condition as a code or as the screens label it (全新, 99新, Like new (99%)). */
function conditionOf(text: string): Condition | undefined {
  const wanted = text.trim().toLowerCase();
  for (const [code, label] of Object.entries(conditionLabels) as [Condition, (typeof conditionLabels)[Condition]][]) {
    if (code === wanted || label.zh.toLowerCase() === wanted || label.en.toLowerCase() === wanted) return code;
  }
  return undefined;
}

type NamedSkuOutcome =
  | { kind: 'found'; id: string }
  | { kind: 'none'; detail: string }
  | { kind: 'condition' | 'ambiguous'; message: string };

/** One SKU of those with the name: the active one of the condition given, if the name is not enough. */
function skuByName(named: readonly NamedSku[], conditionText: string | undefined): NamedSkuOutcome {
  const codes = Object.keys(conditionLabels).join(', ');
  let candidates = named;
  if (conditionText !== undefined && conditionText !== '') {
    const condition = conditionOf(conditionText);
    if (condition === undefined)
      return { kind: 'condition', message: `condition must be one of ${codes}, or 全新, 99新, 95新` };
    candidates = named.filter((sku) => sku.condition === condition);
    if (candidates.length === 0 && named.length > 0)
      return {
        kind: 'none',
        detail: ` in condition ${condition} (there is ${named.map((n) => n.condition).join(', ')})`,
      };
  }
  if (candidates.length > 1) {
    const active = candidates.filter((sku) => sku.active);
    if (active.length === 1 && active[0]) return { kind: 'found', id: active[0].id };
    return {
      kind: 'ambiguous',
      message: `${candidates.length} SKUs have this name (${candidates.map((n) => n.condition).join(', ')}): add a condition column, or give the skuId`,
    };
  }
  const only = candidates[0];
  return only ? { kind: 'found', id: only.id } : { kind: 'none', detail: '' };
}

async function skuIsKnown(tx: Executor, skuId: string): Promise<boolean> {
  try {
    await getSku(tx, { skuId, audience: 'staff' });
    return true;
  } catch (error) {
    if (isAppError(error) && error.status === 404) return false;
    throw error;
  }
}

function costOf(raw: RawRow): number | null {
  try {
    const value =
      raw.costMinor !== undefined && raw.costMinor !== ''
        ? parseMajor(raw.costMinor, 0)
        : raw.cost !== undefined
          ? parseMajor(raw.cost, 2)
          : null;
    if (value === null || value < 0 || value > InventoryLimits.amountMinorMax) return null;
    return value;
  } catch {
    return null;
  }
}
