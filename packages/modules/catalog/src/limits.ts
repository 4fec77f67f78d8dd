// The catalog's own bounds, named with their unit. (Kernel limits cover pages and bodies.)
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
   * The rate cap an operator may configure (rate-cap-settings.ts; DOMAIN §6: the cap is a multiple of
   * the one-year LPR, default kernel's 4 × 3.00 %): the LPR up to 20 % (well above any LPR ever
   * published), a whole multiple up to 10, and the cap they make at most 100 % a year — the highest
   * rate an offer may state, so a cap above it would cap nothing.
   */
  rateCapLprBpsMax: 2000,
  rateCapMultipleMax: 10,
  rateCapBpsMax: 10_000,
  /** A change of the rate cap takes effect from today or a business day at most this many days ahead. */
  rateCapEffectiveDaysAheadMax: 366,
  /** Changes of the rate cap a view lists, newest first (scheduled ones always all: at most this many). */
  rateCapHistoryListed: 20,
  /** Active offers above the cap a rate-cap view lists by name (their count is always complete). */
  offersAboveCapListed: 50,
  /**
   * The public read cache of each server process (read-cache.ts): answers kept (a page of 20 cards is
   * about 10 kB, a product page up to 30 kB), their total size counted as 2 bytes a character, and
   * how long an entry is trusted at most — a belt only: every catalog change clears the cache.
   */
  readCacheEntriesMax: 2_000,
  readCacheBytesMax: 32 * 1024 * 1024,
  readCacheTtlMs: 60_000,
  textLengthMax: 200,
  descriptionLengthMax: 4000,
} as const);
