// What an installment offer may be (DOMAIN §6): 3/6/12/24 months, an annual rate (0 = interest
// free) or a per-period service fee — not both —, a down payment share and a method. No offer may be
// configured whose annualised rate (the IRR of the customer's cash flows) is above the cap.
import { Dec, type Decimal } from '@zulin/kernel';
import { CatalogLimits } from './limits';
import { FieldProblems } from './problems';
import type { InstallmentMethod } from './schema';

export const offerTermsMonths: readonly number[] = [3, 6, 12, 24];
export const installmentMethods: readonly InstallmentMethod[] = ['equal_installment', 'equal_principal'];

export interface OfferFields {
  termMonths: number;
  annualRateBps: number;
  feeRateBpsPerPeriod: number;
  downPaymentBps: number;
  method: InstallmentMethod;
}

const bpsMax = 10_000;
const downPaymentBpsMax = 9_000;

export function checkOfferFields(fields: OfferFields): FieldProblems {
  const problems = new FieldProblems();
  problems.check(offerTermsMonths.includes(fields.termMonths), '/body/termMonths', 'must be 3, 6, 12 or 24', 'enum');
  problems.check(
    Number.isInteger(fields.annualRateBps) && fields.annualRateBps >= 0 && fields.annualRateBps <= bpsMax,
    '/body/annualRateBps',
    `must be an integer of basis points from 0 to ${bpsMax}`,
  );
  problems.check(
    Number.isInteger(fields.feeRateBpsPerPeriod) &&
      fields.feeRateBpsPerPeriod >= 0 &&
      fields.feeRateBpsPerPeriod <= bpsMax,
    '/body/feeRateBpsPerPeriod',
    `must be an integer of basis points from 0 to ${bpsMax}`,
  );
  problems.check(
    !(fields.annualRateBps > 0 && fields.feeRateBpsPerPeriod > 0),
    '/body/feeRateBpsPerPeriod',
    'an offer charges an annual rate or a per-period fee, not both',
    'exclusive',
  );
  problems.check(
    Number.isInteger(fields.downPaymentBps) && fields.downPaymentBps >= 0 && fields.downPaymentBps <= downPaymentBpsMax,
    '/body/downPaymentBps',
    `must be an integer of basis points from 0 to ${downPaymentBpsMax}`,
  );
  problems.check(
    installmentMethods.includes(fields.method),
    '/body/method',
    'must be equal_installment or equal_principal',
    'enum',
  );
  return problems;
}

/**
 * The simple annualised rate (12 × monthly IRR), in basis points rounded half-up, of an offer per
 * unit of principal. With an annual rate r and no fee the IRR of either method is r/12 exactly, so
 * only fee offers need solving: principal 1 is repaid 1/n per period plus a fee f each period,
 * and the IRR i solves 1 = Σ_{k=1..n} (1/n + f)/(1+i)^k. Bisection on i, bounded to 200 steps.
 */
export function annualisedRateBps(
  fields: Pick<OfferFields, 'termMonths' | 'annualRateBps' | 'feeRateBpsPerPeriod'>,
): number {
  if (fields.feeRateBpsPerPeriod === 0) return fields.annualRateBps;
  const n = fields.termMonths;
  const payment = new Dec(1).div(n).plus(new Dec(fields.feeRateBpsPerPeriod).div(10_000));
  const presentValue = (i: Decimal) => {
    let total = new Dec(0);
    let factor = new Dec(1);
    for (let k = 1; k <= n; k++) {
      factor = factor.div(i.plus(1));
      total = total.plus(payment.times(factor));
    }
    return total;
  };
  let low = new Dec(0);
  let high = new Dec(1); // 100 % a month: far above anything an offer may carry
  for (let step = 0; step < 200 && high.minus(low).gt('1e-12'); step++) {
    const mid = low.plus(high).div(2);
    if (presentValue(mid).gt(1)) low = mid;
    else high = mid;
  }
  return low.times(12).times(10_000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
}

export function rateAboveCap(fields: OfferFields): boolean {
  return annualisedRateBps(fields) > CatalogLimits.annualRateCapBps;
}
