// Edits an installment offer or retires it (`active: false`); the term is fixed once created. An edit
// is held to the rate cap in force, read in the same transaction; retiring an offer is not (an offer
// left above a lowered cap can always be retired).
import type { Executor } from '@zulin/db';
import { and, eq, ne } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { assertUnderCap, offerTermExists } from './create-installment-offer';
import { checkOfferFields, type OfferFields } from './offer-rules';
import { readRateCap } from './rate-cap-settings';
import { catalogInstallmentOffers } from './schema';
import { type InstallmentOfferView, isUniqueViolation, loadOffer, loadSku, offerView } from './views';

export type InstallmentOfferPatch = Partial<Omit<OfferFields, 'termMonths'>> & { active?: boolean };

export async function updateInstallmentOffer(
  tx: Executor,
  options: { offerId: string; patch: InstallmentOfferPatch; actor: Actor; now: Date },
): Promise<InstallmentOfferView> {
  const { offerId, patch, actor, now } = options;
  try {
    const existing = await loadOffer(tx, offerId);
    await loadSku(tx, existing.skuId, true);
    const current = await loadOffer(tx, offerId);
    const fields: OfferFields = {
      termMonths: current.termMonths,
      annualRateBps: patch.annualRateBps ?? current.annualRateBps,
      feeRateBpsPerPeriod: patch.feeRateBpsPerPeriod ?? current.feeRateBpsPerPeriod,
      downPaymentBps: patch.downPaymentBps ?? current.downPaymentBps,
      method: patch.method ?? current.method,
    };
    checkOfferFields(fields).throwIfAny();
    const active = patch.active ?? current.active;
    if (active) assertUnderCap(fields, await readRateCap(tx, { at: now, guard: true }));
    if (active && !current.active) {
      const [same] = await tx
        .select({ id: catalogInstallmentOffers.id })
        .from(catalogInstallmentOffers)
        .where(
          and(
            eq(catalogInstallmentOffers.skuId, current.skuId),
            eq(catalogInstallmentOffers.active, true),
            eq(catalogInstallmentOffers.termMonths, current.termMonths),
            ne(catalogInstallmentOffers.id, offerId),
          ),
        );
      if (same) throw offerTermExists();
    }
    const [row] = await tx
      .update(catalogInstallmentOffers)
      .set({ ...fields, active, updatedAt: now })
      .where(eq(catalogInstallmentOffers.id, offerId))
      .returning();
    if (!row) throw new Error('the offer exists');
    await audit(tx, {
      actor,
      action: 'catalog.installment_offer_updated',
      targetType: 'installment_offer',
      targetId: offerId,
      detail: { ...patch },
      at: now,
    });
    return offerView(row);
  } catch (error) {
    if (isUniqueViolation(error, 'catalog_installment_offers_sku_term_uq')) throw offerTermExists();
    throw error;
  }
}
