// The public face of the catalog module: the only file other modules may import.
export type { Actor } from './audit';
export { publishProduct, unpublishProduct } from './change-product-status';
export { createInstallmentOffer, type InstallmentOfferInput } from './create-installment-offer';
export { createPlan, type PlanInput } from './create-plan';
export { createProduct, type ProductInput } from './create-product';
export { createSku, type SkuInput } from './create-sku';
export { CatalogErrors } from './errors';
export { CatalogEvents } from './events';
export { findSkusByName, type NamedSku } from './find-skus-by-name';
export { CatalogLimits } from './limits';
export { catalogModule } from './module';
export { annualisedRateBps } from './offer-rules';
export { type OfferAboveCap, offersAboveCap, type RateCap, readRateCap } from './rate-cap-settings';
export {
  getInstallmentOffer,
  getPlan,
  getProduct,
  getSku,
  listInstallmentOffers,
  listPlans,
  listProductsForStaff,
  listSkusForStaff,
  type ProductDetail,
} from './read-catalog';
export { readProductNames, readSkuNames, readSkuProducts, type SkuProduct } from './read-sku-names';
export type { Condition, InstallmentMethod, PlanAddOn, ProductStatus, TermUnit } from './schema';
export { type ProductCard, type SearchProductsQuery, searchProducts } from './search-products';
export { brandKeyOf, brands, conditionLabels, queryTokens, searchDocument, storageLabel } from './search-text';
export { findSkuOfCondition, readSkuConditions, readSkuVariants, type SkuVariant } from './sku-variants';
export { updateInstallmentOffer } from './update-installment-offer';
export { updatePlan } from './update-plan';
export { updateProduct } from './update-product';
export { updateSku } from './update-sku';
export type { InstallmentOfferView, PlanView, ProductView, SkuView } from './views';
