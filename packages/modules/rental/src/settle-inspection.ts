// Inspection at return (DOMAIN §5): grade A (no charge), B (wear, no charge), C (damage, priced from
// the damage price list), D (beyond repair or lost: the residual value). A grade C charge never
// exceeds grade D's: no damage costs more than losing the phone. The charge is captured from the
// deposit hold first, the rest is billed, and what is left of the hold is released the same day.
import { assert, assertNonNegativeMinor, type BusinessDate, sumMinor } from '@zulin/kernel';
import { type DamagePriceList, damageUnitPriceMinor } from './damage-price-list';
import { RentalErrors } from './errors';
import type { QuoteLine } from './exit-quote';
import { RentalLimits } from './limits';
import { residualValueMinor } from './residual-value';
import { type Text, text, yuan } from './text';

export type InspectionGrade = 'A' | 'B' | 'C' | 'D';
export const inspectionGrades: readonly InspectionGrade[] = ['A', 'B', 'C', 'D'];

export interface InspectionFinding {
  code: string;
  quantity?: number;
}

export interface PriceInspectionOptions {
  grade: InspectionGrade;
  findings: readonly InspectionFinding[];
  priceList: DamagePriceList;
  /** The SKU's market price named in the contract. */
  marketPriceMinor: number;
  /** Depreciation runs from here: the first day of rent. */
  rentStartDate: BusinessDate;
  inspectedOn: BusinessDate;
}

export interface InspectionCharge {
  grade: InspectionGrade;
  lines: QuoteLine[];
  chargeMinor: number;
  residualValueMinor: number;
  formula: Text;
}

export function priceInspection(options: PriceInspectionOptions): InspectionCharge {
  const { grade, findings } = options;
  const residual = residualValueMinor({
    marketPriceMinor: options.marketPriceMinor,
    valueFrom: options.rentStartDate,
    asOf: options.inspectedOn,
  });
  if (grade !== 'C' && findings.length > 0) {
    throw invalid(`Grade ${grade} takes no damage items; grade C is for priced damage.`, '/body/findings');
  }
  const lines = grade === 'C' ? damageLines(options, residual) : grade === 'D' ? residualLine(residual) : [];
  const chargeMinor = sumMinor(lines.map((l) => l.amountMinor));
  assert(chargeMinor >= 0, 'an inspection charge is never negative');
  assert(chargeMinor <= residual || grade !== 'C', 'a grade C charge never exceeds the residual value');
  return {
    grade,
    lines,
    chargeMinor,
    residualValueMinor: residual,
    formula: formulaOf(grade, lines, chargeMinor, residual),
  };
}

function damageLines(options: PriceInspectionOptions, residual: number): QuoteLine[] {
  const { findings, priceList } = options;
  if (findings.length === 0) throw invalid('Grade C needs at least one damage item.', '/body/findings');
  if (findings.length > RentalLimits.inspectionFindingsMax) throw invalid('Too many damage items.', '/body/findings');
  const lines: QuoteLine[] = [];
  for (const [index, finding] of findings.entries()) {
    const item = priceList.find((i) => i.code === finding.code);
    if (item === undefined)
      throw invalid(`"${finding.code}" is not on the damage price list.`, `/body/findings/${index}/code`);
    if (findings.findIndex((f) => f.code === finding.code) !== index) {
      throw invalid(`"${finding.code}" is listed twice; give a quantity instead.`, `/body/findings/${index}/code`);
    }
    const quantity = finding.quantity ?? 1;
    const quantityMax = item.countable ? RentalLimits.findingQuantityMax : 1;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > quantityMax) {
      throw invalid(`The quantity of "${finding.code}" must be 1–${quantityMax}.`, `/body/findings/${index}/quantity`);
    }
    const unitMinor = damageUnitPriceMinor(item.price, options.marketPriceMinor, residual);
    lines.push({ code: item.code, label: item.label, amountMinor: unitMinor * quantity, quantity, unitMinor });
  }
  const subtotalMinor = sumMinor(lines.map((l) => l.amountMinor));
  if (subtotalMinor > residual) {
    lines.push({
      code: 'cap_at_residual_value',
      label: text('以手机残值封顶', 'Capped at the phone’s residual value'),
      amountMinor: residual - subtotalMinor,
    });
  }
  return lines;
}

function residualLine(residual: number): QuoteLine[] {
  return [
    {
      code: 'residual_value',
      label: text('手机残值（无法修复或遗失）', 'Residual value (beyond repair or lost)'),
      amountMinor: residual,
    },
  ];
}

function formulaOf(grade: InspectionGrade, lines: readonly QuoteLine[], chargeMinor: number, residual: number): Text {
  if (grade === 'A' || grade === 'B') {
    return text(`检测等级 ${grade}：无损坏费用`, `Grade ${grade}: no charge`);
  }
  if (grade === 'D') {
    return text(
      `检测等级 D：按残值收取 = 市场价按 24 个月直线折旧至 20% = ${yuan(residual)}`,
      `Grade D: the residual value = market price depreciated straight-line over 24 months to 20 % = ${yuan(residual)}`,
    );
  }
  const items = lines.map((l) => `${l.label['zh-CN']} ${yuan(l.amountMinor)}`).join(' + ');
  const itemsEn = lines.map((l) => `${l.label.en} ${yuan(l.amountMinor)}`).join(' + ');
  return text(`检测等级 C：${items} = ${yuan(chargeMinor)}`, `Grade C: ${itemsEn} = ${yuan(chargeMinor)}`);
}

function invalid(detail: string, path: string) {
  return RentalErrors.RENTAL_INSPECTION_INVALID({ detail, errors: [{ path, message: detail }] });
}

export interface DepositSettlement {
  /** Taken from the deposit hold. */
  captureMinor: number;
  /** Billed to the customer: the part of the charge the hold did not cover. */
  billMinor: number;
  /** Released from the hold the same day. */
  releaseMinor: number;
}

/**
 * Splits a charge over a deposit hold: capture what the hold covers, bill the rest, release what is
 * left. capture + bill = charge and capture + release = hold, always.
 */
export function settleDeposit(options: { chargeMinor: number; depositHeldMinor: number }): DepositSettlement {
  const { chargeMinor, depositHeldMinor } = options;
  assertNonNegativeMinor(chargeMinor, 'chargeMinor');
  assertNonNegativeMinor(depositHeldMinor, 'depositHeldMinor');
  const captureMinor = Math.min(chargeMinor, depositHeldMinor);
  const settlement = {
    captureMinor,
    billMinor: chargeMinor - captureMinor,
    releaseMinor: depositHeldMinor - captureMinor,
  };
  assert(settlement.captureMinor + settlement.billMinor === chargeMinor, 'capture + bill = charge');
  assert(settlement.captureMinor + settlement.releaseMinor === depositHeldMinor, 'capture + release = hold');
  assert(
    settlement.billMinor === 0 || settlement.releaseMinor === 0,
    'nothing is billed while some of the hold is released',
  );
  return settlement;
}

/** Prices the inspection and settles it against the deposit hold in one step. */
export function settleInspection(
  options: PriceInspectionOptions & { depositHeldMinor: number },
): InspectionCharge & { settlement: DepositSettlement } {
  const charge = priceInspection(options);
  return {
    ...charge,
    settlement: settleDeposit({ chargeMinor: charge.chargeMinor, depositHeldMinor: options.depositHeldMinor }),
  };
}
