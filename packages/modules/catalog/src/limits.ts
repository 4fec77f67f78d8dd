// The catalog's own bounds, named with their unit. (Kernel limits cover pages and bodies.)
import { defaultRateCapRule, rateCapBpsOf } from '@zulin/kernel';
export const CatalogLimits = Object.freeze({
  /** An uploaded product image; phone photos compressed for the web are well under this. */
  imageBytesMax: 5 * 1024 * 1024,
  imagesPerProductMax: 9,
  skusPerProductMax: 60,
  plansPerSkuMax: 10,
  offersPerSkuMax: 8,
  /** Rows a plan or offer list of one SKU reads: the active ones plus those kept for history. */
  plansListMax: 200,
  offersListMax: 200,
  /** Search: tokens per query and characters per token; longer queries are cut, not refused. */
  searchTokensMax: 8,
  searchTokenLengthMax: 32,
  searchQueryLengthMax: 100,
  /** The most a single amount may be: ¥1,000,000 keeps every sum far inside the safe integers. */
  amountMinorMax: 100_000_000,
  /**
   * The cap no offer's annualised rate may exceed (DOMAIN §6): kernel's one rate-cap rule (4 × the
   * one-year LPR of 3.00 %), the same the installment policy starts from — not a number of its own.
   */
  annualRateCapBps: rateCapBpsOf(defaultRateCapRule),
  textLengthMax: 200,
  descriptionLengthMax: 4000,
} as const);
