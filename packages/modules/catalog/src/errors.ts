// The catalog's stable error codes. Field-level validation problems use the kernel's
// VALIDATION_FAILED with one entry per field; these are the business outcomes.
import { defineErrors } from '@zulin/kernel';

export const CatalogErrors = defineErrors({
  CATALOG_PRODUCT_NOT_FOUND: { status: 404, title: 'Product not found' },
  CATALOG_SKU_NOT_FOUND: { status: 404, title: 'SKU not found' },
  CATALOG_PLAN_NOT_FOUND: { status: 404, title: 'Rental plan not found' },
  CATALOG_OFFER_NOT_FOUND: { status: 404, title: 'Installment offer not found' },
  CATALOG_IMAGE_NOT_FOUND: { status: 404, title: 'Image not found' },
  CATALOG_PRODUCT_EXISTS: { status: 409, title: 'A product with this brand and model exists' },
  CATALOG_SKU_EXISTS: { status: 409, title: 'This product already has a SKU with this storage, colour and condition' },
  CATALOG_PLAN_TERM_EXISTS: { status: 409, title: 'This SKU already has an active plan for this term' },
  CATALOG_OFFER_TERM_EXISTS: { status: 409, title: 'This SKU already has an active installment offer for this term' },
  CATALOG_PUBLISH_NOT_READY: {
    status: 409,
    title: 'The product needs at least one SKU with a rental plan to be published',
  },
  CATALOG_INVALID_TRANSITION: { status: 409, title: 'The product cannot make this status change' },
  CATALOG_IMAGE_TYPE_UNSUPPORTED: { status: 415, title: 'Images must be PNG, JPEG or WebP' },
  CATALOG_IMAGE_TOO_LARGE: { status: 413, title: 'The image is larger than allowed' },
  CATALOG_IMAGE_LIMIT_REACHED: { status: 409, title: 'The product has as many images as allowed' },
  CATALOG_IMAGE_COLOUR_UNKNOWN: { status: 422, title: 'None of the product’s SKUs has this colour' },
  CATALOG_OFFER_RATE_ABOVE_CAP: { status: 422, title: 'The offer’s annualised rate is above the cap' },
  CATALOG_RATE_CAP_INVALID: { status: 422, title: 'The rate cap is not valid' },
});
