// What an installment offer may be (DOMAIN §6): 3/6/12/24 months, an annual rate (0 = interest
// free) or a per-period service fee — not both —, a down payment share and a method. No offer may be
// configured whose annualised rate (the IRR of the customer's cash flows) is above the cap in force
// (the operator's setting: rate-cap-settings.ts; checked by create- and update-installment-offer.ts).
import { offerAnnualisedRates } from '@zulin/kernel';
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
 * unit of principal: kernel's `offerAnnualisedRates`, the same computation the installment module
 * discloses on quotes and contracts, so the check and the disclosure cannot disagree.
 */
export function annualisedRateBps(
  fields: Pick<OfferFields, 'termMonths' | 'annualRateBps' | 'feeRateBpsPerPeriod' | 'method'>,
): number {
  return offerAnnualisedRates(fields).aprSimpleBps;
}
