// Coupon templates: what several use cases share — the row, its view, loading and listing, and the
// check of a template's terms (create-coupon-template.ts, disable-coupon-template.ts).
import type { Executor } from '@zulin/db';
import { type BusinessDate, isBusinessDate } from '@zulin/kernel';
import { desc, eq } from 'drizzle-orm';
import type { CouponTerms } from './coupon-discount';
import { MarketingErrors } from './errors';
import { MarketingLimits } from './limits';
import { type CouponKind, type CouponTarget, couponTemplates } from './schema';

export type CouponTemplateRow = typeof couponTemplates.$inferSelect;

export const couponKinds = ['threshold', 'percent', 'fixed', 'free_days'] as const satisfies readonly CouponKind[];
export const couponTargets = ['rent', 'first_payment'] as const satisfies readonly CouponTarget[];

export interface CouponTemplateInput extends CouponTerms {
  name: string;
  validFromDate: BusinessDate;
  validToDate: BusinessDate;
  firstOrderOnly: boolean;
  perCustomerLimit: number;
  totalStock: number | null;
  stackable: boolean;
  code: string | null;
}

export function termsOf(row: CouponTemplateRow): CouponTerms {
  return {
    kind: row.kind,
    amountMinor: row.amountMinor,
    percentBps: row.percentBps,
    freeDays: row.freeDays,
    thresholdMinor: row.thresholdMinor,
    capMinor: row.capMinor,
    target: row.target,
  };
}

const intIn = (x: number, min: number, max: number) => Number.isInteger(x) && x >= min && x <= max;

/** Every bad field of a template, named by its body path; the input normalised (code upper case, name trimmed). */
export function checkTemplateInput(input: CouponTemplateInput): CouponTemplateInput {
  const errors: { path: string; message: string }[] = [];
  const bad = (field: string, message: string) => errors.push({ path: `/body/${field}`, message });
  const name = input.name.trim();
  if (name.length === 0 || name.length > MarketingLimits.nameLengthMax) {
    bad('name', `1 to ${MarketingLimits.nameLengthMax} characters`);
  }
  const amountMax = MarketingLimits.amountMinorMax;
  if (input.kind === 'threshold' || input.kind === 'fixed') {
    if (!intIn(input.amountMinor, 1, amountMax)) bad('amountMinor', `1 to ${amountMax} 分`);
  }
  if (input.kind === 'threshold' && !(input.thresholdMinor > input.amountMinor)) {
    bad('thresholdMinor', 'a threshold coupon needs a threshold above its amount');
  }
  if (input.kind === 'percent' && !intIn(input.percentBps, 1, 9_999)) bad('percentBps', '1 to 9999 basis points');
  if (input.kind === 'free_days') {
    if (!intIn(input.freeDays, 1, MarketingLimits.freeDaysMax))
      bad('freeDays', `1 to ${MarketingLimits.freeDaysMax} days`);
    if (input.target !== 'rent') bad('target', 'free rent days discount the rent');
  }
  if (!intIn(input.thresholdMinor, 0, amountMax)) bad('thresholdMinor', `0 to ${amountMax} 分`);
  if (input.capMinor !== null && !intIn(input.capMinor, 1, amountMax)) bad('capMinor', `1 to ${amountMax} 分, or none`);
  if (!isBusinessDate(input.validFromDate)) bad('validFromDate', 'a date YYYY-MM-DD');
  if (!isBusinessDate(input.validToDate)) bad('validToDate', 'a date YYYY-MM-DD');
  else if (isBusinessDate(input.validFromDate) && input.validToDate < input.validFromDate) {
    bad('validToDate', 'on or after validFromDate');
  }
  if (!intIn(input.perCustomerLimit, 1, MarketingLimits.perCustomerLimitMax)) {
    bad('perCustomerLimit', `1 to ${MarketingLimits.perCustomerLimitMax}`);
  }
  if (input.totalStock !== null && !intIn(input.totalStock, 1, MarketingLimits.totalStockMax)) {
    bad('totalStock', `1 to ${MarketingLimits.totalStockMax}, or none`);
  }
  const code = input.code === null ? null : input.code.trim().toUpperCase();
  if (code !== null && !new RegExp(`^[A-Z0-9]{4,${MarketingLimits.codeLengthMax}}$`).test(code)) {
    bad('code', `4 to ${MarketingLimits.codeLengthMax} letters or digits`);
  }
  if (errors.length > 0) throw MarketingErrors.MARKETING_COUPON_TEMPLATE_INVALID({ errors });
  return {
    ...input,
    name,
    code,
    amountMinor: input.kind === 'threshold' || input.kind === 'fixed' ? input.amountMinor : 0,
    percentBps: input.kind === 'percent' ? input.percentBps : 0,
    freeDays: input.kind === 'free_days' ? input.freeDays : 0,
  };
}

export async function loadTemplate(db: Executor, templateId: string): Promise<CouponTemplateRow> {
  const [row] = await db.select().from(couponTemplates).where(eq(couponTemplates.id, templateId));
  if (row === undefined) throw MarketingErrors.MARKETING_COUPON_NOT_FOUND();
  return row;
}

/** The templates, newest first (a console page: there are few). */
export async function listTemplates(db: Executor): Promise<CouponTemplateRow[]> {
  return db
    .select()
    .from(couponTemplates)
    .orderBy(desc(couponTemplates.createdAt), desc(couponTemplates.id))
    .limit(MarketingLimits.templatesPageMax);
}
