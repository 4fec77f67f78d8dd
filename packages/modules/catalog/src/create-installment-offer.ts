// Adds an installment offer to a SKU, refusing one above the annualised-rate cap.
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { CatalogLimits } from './limits';
import { annualisedRateBps, checkOfferFields, type OfferFields } from './offer-rules';
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
  assertUnderCap(fields);
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

export function assertUnderCap(fields: OfferFields): void {
  const rateBps = annualisedRateBps(fields);
  if (rateBps > CatalogLimits.annualRateCapBps) {
    throw CatalogErrors.CATALOG_OFFER_RATE_ABOVE_CAP({
      detail: `The annualised rate would be ${rateBps} bps; the cap is ${CatalogLimits.annualRateCapBps} bps.`,
      errors: [
        {
          path: fields.feeRateBpsPerPeriod > 0 ? '/body/feeRateBpsPerPeriod' : '/body/annualRateBps',
          message: `annualised rate ${rateBps} bps is above the cap of ${CatalogLimits.annualRateCapBps} bps`,
          code: 'above_cap',
        },
      ],
    });
  }
}

export function offerTermExists() {
  return CatalogErrors.CATALOG_OFFER_TERM_EXISTS({});
}
