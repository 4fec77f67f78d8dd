// What a SKU may be: storage one of the sizes phones are sold in, a named colour, a condition and
// a market price (the retail value the deposit and buyout are measured against).
import { CatalogLimits } from './limits';
import { FieldProblems, isAmountMinor } from './problems';
import type { Condition } from './schema';

export const storageSizesGb: readonly number[] = [32, 64, 128, 256, 512, 1024, 2048];
export const conditions: readonly Condition[] = ['new', 'used_99', 'used_95'];
export const currencies: readonly string[] = ['CNY'];

export interface SkuFields {
  storageGb: number;
  colour: string;
  condition: Condition;
  marketPriceMinor: number;
  currency: string;
}

export function checkSkuFields(fields: SkuFields, problems = new FieldProblems()): FieldProblems {
  problems.check(
    storageSizesGb.includes(fields.storageGb),
    '/body/storageGb',
    `must be one of ${storageSizesGb.join(', ')}`,
    'enum',
  );
  problems.check(
    fields.colour.trim().length >= 1 && fields.colour.length <= 30,
    '/body/colour',
    'must be 1–30 characters',
  );
  problems.check(conditions.includes(fields.condition), '/body/condition', 'must be new, used_99 or used_95', 'enum');
  problems.check(
    isAmountMinor(fields.marketPriceMinor, { min: 1, max: CatalogLimits.amountMinorMax }),
    '/body/marketPriceMinor',
    `must be an integer of 分 from 1 to ${CatalogLimits.amountMinorMax}`,
  );
  problems.check(currencies.includes(fields.currency), '/body/currency', 'must be CNY', 'enum');
  return problems;
}
