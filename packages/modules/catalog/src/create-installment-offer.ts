// Adds an installment offer to a SKU, refusing one above the annualised-rate cap in force (the
// operator's setting, read in the same transaction: rate-cap-settings.ts).
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { annualisedRateBps, checkOfferFields, type OfferFields } from './offer-rules';
import { percentOfBps, type RateCap, readRateCap } from './rate-cap-settings';
import { catalogInstallmentOffers } from './schema';
import { type InstallmentOfferView, isUniqueViolation, loadSku, offerView } from './views';

export type InstallmentOfferInput = Omit<OfferFields, 'feeRateBpsPerPeriod' | 'downPaymentBps'> & {
  skuId: string;
  feeRateBpsPerPeriod?: number;
  downPaymentBps?: number;
};

export async function createInstallmentOffer(
  tx: Executor,
  options: { input: InstallmentOfferInput; actor: Actor; now: Date },
): Promise<InstallmentOfferView> {
  const { input, actor, now } = options;
  const fields: OfferFields = {
    termMonths: input.termMonths,
    annualRateBps: input.annualRateBps,
    feeRateBpsPerPeriod: input.feeRateBpsPerPeriod ?? 0,
    downPaymentBps: input.downPaymentBps ?? 0,
    method: input.method,
  };
  checkOfferFields(fields).throwIfAny();
  assertUnderCap(fields, await readRateCap(tx, { at: now, guard: true }));
  try {
    const sku = await loadSku(tx, input.skuId, true);
    const [same] = await tx
      .select({ id: catalogInstallmentOffers.id })
      .from(catalogInstallmentOffers)
      .where(
        and(
          eq(catalogInstallmentOffers.skuId, sku.id),
          eq(catalogInstallmentOffers.active, true),
          eq(catalogInstallmentOffers.termMonths, fields.termMonths),
        ),
      );
    if (same) throw offerTermExists();
    const [row] = await tx
      .insert(catalogInstallmentOffers)
      .values({ id: newId('iof'), skuId: sku.id, ...fields, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('insert returns the row');
    await audit(tx, {
      actor,
      action: 'catalog.installment_offer_created',
      targetType: 'installment_offer',
      targetId: row.id,
      detail: { skuId: sku.id, ...fields },
      at: now,
    });
    return offerView(row);
  } catch (error) {
    if (isUniqueViolation(error, 'catalog_installment_offers_sku_term_uq')) throw offerTermExists();
    throw error;
  }
}

/**
 * Refuses an offer whose annualised rate is above the cap (a rate equal to the cap is allowed); the
 * problem names the offer's rate and the cap, with the LPR and the multiple it comes from.
 */
export function assertUnderCap(fields: OfferFields, cap: RateCap): void {
  const rateBps = annualisedRateBps(fields);
  if (rateBps > cap.capBps) {
    const rate = percentOfBps(rateBps);
    const capText = `${percentOfBps(cap.capBps)} % (${cap.capMultiple} × LPR ${percentOfBps(cap.lprBps)} %)`;
    throw CatalogErrors.CATALOG_OFFER_RATE_ABOVE_CAP({
      detail: `The offer's annualised rate of ${rate} % is above the cap of ${capText}, so it cannot be saved.`,
      errors: [
        {
          path: fields.feeRateBpsPerPeriod > 0 ? '/body/feeRateBpsPerPeriod' : '/body/annualRateBps',
          message: `annualised rate ${rate} % (${rateBps} bps) is above the cap of ${capText}`,
          code: 'above_cap',
        },
      ],
    });
  }
}

export function offerTermExists() {
  return CatalogErrors.CATALOG_OFFER_TERM_EXISTS({});
}
