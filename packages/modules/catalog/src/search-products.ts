// The public catalog search: published products whose SKUs match every query token and the
// filters, one result per product with the figures of its matching SKUs, sorted and paged by cursor.
import { type Executor, queryRows } from '@zulin/db';
import { type CursorValues, decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { type SQL, sql } from 'drizzle-orm';
import { type Condition, catalogProducts, catalogSkus, type ProductStatus } from './schema';
import { brandKeyOf, brandOfToken, queryTokens, tokenMatch } from './search-text';
import { imageUrl, type ProductRow, productView } from './views';

export const searchSorts = [
  'relevance',
  'rent_asc',
  'rent_desc',
  'price_asc',
  'price_desc',
  'popularity',
  'newest',
] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface SearchProductsQuery {
  q?: string;
  brand?: string;
  storageGb?: number;
  condition?: Condition;
  /** A term of an active plan: "7d", "15d", "30d", "3m", "6m", "12m", "24m". */
  term?: string;
  /** Bounds on the lowest monthly rent of a matching SKU. */
  minRentMinor?: number;
  maxRentMinor?: number;
  /** Bounds on the market price of a matching SKU. */
  minPriceMinor?: number;
  maxPriceMinor?: number;
  sort?: SearchSort;
  limit?: number;
  cursor?: string;
  /** Admin use: any status. The public API always searches published products only. */
  statuses?: readonly ProductStatus[];
}

export interface ProductCard {
  id: string;
  brand: string;
  brandName: string;
  brandNameZh: string;
  model: string;
  series: string | null;
  imageUrl: string | null;
  popularity: number;
  publishedAt: string | null;
  /** Over the SKUs that matched: the lowest monthly rent (null: none has a monthly plan). */
  fromMonthlyRentMinor: number | null;
  fromMarketPriceMinor: number;
  currency: string;
  matchingSkuCount: number;
  storageOptionsGb: number[];
  conditions: Condition[];
}

// Rent sorts put products without a monthly plan last; the sentinel keeps the cursor a number.
const noRentSentinel = 9_007_199_254_740_991;

export interface SortSpec {
  /** SQL over the aggregated row `m` and the product `p`. */
  key: SQL;
  /**
   * The key is a constant (newest): the id alone orders. Other keys name NULLS LAST as their index
   * does (catalog_products_popularity_idx is `DESC NULLS LAST`, and a plain DESC means NULLS FIRST),
   * so that PostgreSQL walks the index and stops after a page instead of aggregating every product
   * and sorting; the columns are NOT NULL, so the order is the same.
   */
  constantKey?: true;
  /** Product-level keys let the query walk products in order and stop after a page. */
  level: 'product' | 'sku';
  direction: 'asc' | 'desc';
  cursorKey: (row: SearchRow & ProductRowRaw) => number;
}

interface SearchRow extends Record<string, unknown> {
  id: string;
  from_rent: string | number | null;
  from_price: string | number;
  sku_count: string | number;
  storages: number[];
  conditions: Condition[];
  relevance: number | string;
}

function sortSpec(sort: SearchSort): SortSpec {
  switch (sort) {
    case 'rent_asc':
    case 'rent_desc':
      return {
        key: sql`coalesce(m.from_rent, ${noRentSentinel})`,
        level: 'sku',
        direction: sort === 'rent_asc' ? 'asc' : 'desc',
        cursorKey: (r) => (r.from_rent === null ? noRentSentinel : Number(r.from_rent)),
      };
    case 'price_asc':
    case 'price_desc':
      return {
        key: sql`m.from_price`,
        level: 'sku',
        direction: sort === 'price_asc' ? 'asc' : 'desc',
        cursorKey: (r) => Number(r.from_price),
      };
    case 'popularity':
      return {
        key: sql`p.popularity`,
        level: 'product',
        direction: 'desc',
        cursorKey: (r) => Number(r.popularity),
      };
    case 'newest':
      // Ids are time-ordered, so the newest products have the greatest ids; the key is constant.
      // (An integer constant in ORDER BY would name a column by position, so the key orders nothing.)
      return { key: sql`0`, constantKey: true, level: 'product', direction: 'desc', cursorKey: () => 0 };
    case 'relevance':
      // Relevance is the trigram similarity in thousandths, an integer so that cursors compare exactly.
      return {
        key: sql`m.relevance`,
        level: 'sku',
        direction: 'desc',
        cursorKey: (r) => Number(r.relevance),
      };
  }
}

export async function searchProducts(db: Executor, query: SearchProductsQuery): Promise<Page<ProductCard>> {
  const { statement, spec, limit } = searchStatement(query);
  // One statement per search, whatever the page holds.
  const rows = await queryRows<SearchRow & ProductRowRaw>(db, statement);
  const page = toPage(rows.map(withCursorFields(spec)), limit, (r) => [r.sortKey, r.id] as CursorValues);
  return { data: page.data.map(toCard), nextCursor: page.nextCursor };
}

/** The one statement a search runs (exported for the test that checks its plan). */
export function searchStatement(query: SearchProductsQuery): { statement: SQL; spec: SortSpec; limit: number } {
  const limit = pageLimit(query.limit);
  const allTokens = queryTokens(query.q ?? '');
  // A token naming a brand becomes a brand filter; the rest must occur in a SKU's document.
  const brandKeys = [...new Set(allTokens.map(brandOfToken).filter((b): b is string => b !== null))];
  const tokens = allTokens.filter((t) => brandOfToken(t) === null);
  if (query.brand !== undefined) brandKeys.push(brandKeyOf(query.brand));
  // Popularity is the default order: every token must match already, so the page holds relevant
  // products; ranking by trigram similarity is there on request (sort=relevance).
  const sort = query.sort ?? 'popularity';
  const spec = sortSpec(sort);
  const statuses = query.statuses ?? ['published'];
  const productFilter = sql.join(
    [
      sql`p.status in (${sql.join(
        statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
      ...[...new Set(brandKeys)].map((b) => sql`p.brand = ${b}`),
    ],
    sql` and `,
  );
  const skuFilter = skuConditions(query, tokens);
  const cursorFilter = query.cursor === undefined ? sql`true` : cursorCondition(spec, decodeCursor(query.cursor));
  const order = spec.direction === 'asc' ? sql`asc nulls last` : sql`desc nulls last`;
  // Newest walks the primary key backwards, which is DESC NULLS FIRST: the id alone, in its order.
  const orderBy = spec.constantKey
    ? spec.direction === 'asc'
      ? sql`p.id asc`
      : sql`p.id desc`
    : sql`${spec.key} ${order}, p.id ${order}`;
  const relevance =
    sort === 'relevance' && allTokens.length > 0
      ? sql`round(max(similarity(s.search_text, ${allTokens.join(' ')})) * 1000)::int`
      : sql`0`;
  const aggregates = sql`min(s.lowest_monthly_rent_minor) as from_rent,
                 -- 官方价: the new phones' retail price; a used SKU's only when none is new.
                 coalesce(min(s.market_price_minor) filter (where s.condition = 'new'), min(s.market_price_minor)) as from_price,
                 count(*) as sku_count,
                 array_agg(distinct s.storage_gb order by s.storage_gb) as storages,
                 array_agg(distinct s.condition) as conditions,
                 ${relevance} as relevance`;
  const statement =
    spec.level === 'product'
      ? // Walk products in order (an index for popularity, the primary key for newest) and stop
        // once a page has SKUs that match.
        sql`select p.*, m.from_rent, m.from_price, m.sku_count, m.storages, m.conditions, m.relevance
                from ${catalogProducts} p
                cross join lateral (
                  select ${aggregates}
                    from ${catalogSkus} s
                   where s.product_id = p.id and s.active and s.plan_count > 0 and ${skuFilter}
                ) m
               where ${productFilter} and m.sku_count > 0 and ${cursorFilter}
               order by ${orderBy}
               limit ${limit + 1}`
      : sql`with m as (
                select s.product_id, ${aggregates}
                  from ${catalogSkus} s
                  join ${catalogProducts} p on p.id = s.product_id
                 where ${productFilter} and s.active and s.plan_count > 0 and ${skuFilter}
                 group by s.product_id
              )
              select p.*, m.from_rent, m.from_price, m.sku_count, m.storages, m.conditions, m.relevance
                from m join ${catalogProducts} p on p.id = m.product_id
               where ${cursorFilter}
               order by ${orderBy}
               limit ${limit + 1}`;
  return { statement, spec, limit };
}

// Bridges `toPage` (which needs the sort key) and the card the client sees.
interface Keyed {
  sortKey: number;
  id: string;
  row: SearchRow & ProductRowRaw;
}

function withCursorFields(spec: SortSpec) {
  return (row: SearchRow & ProductRowRaw): Keyed => ({ sortKey: spec.cursorKey(row), id: row.id, row });
}

/** A SKU (aliased `s`) whose search document holds the token: the customers' and the console's one rule. */
export function skuTextMatches(token: string): SQL {
  const match = tokenMatch(token);
  return match.regex === null
    ? sql`s.search_text like ${match.like}`
    : sql`s.search_text like ${match.like} and s.search_text ~ ${match.regex}`;
}

function skuConditions(query: SearchProductsQuery, tokens: readonly string[]): SQL {
  const parts: SQL[] = tokens.map(skuTextMatches);
  if (query.storageGb !== undefined) parts.push(sql`s.storage_gb = ${query.storageGb}`);
  if (query.condition !== undefined) parts.push(sql`s.condition = ${query.condition}`);
  if (query.term !== undefined) parts.push(sql`${query.term} = any(s.plan_terms)`);
  if (query.minRentMinor !== undefined) parts.push(sql`s.lowest_monthly_rent_minor >= ${query.minRentMinor}`);
  if (query.maxRentMinor !== undefined) parts.push(sql`s.lowest_monthly_rent_minor <= ${query.maxRentMinor}`);
  if (query.minPriceMinor !== undefined) parts.push(sql`s.market_price_minor >= ${query.minPriceMinor}`);
  if (query.maxPriceMinor !== undefined) parts.push(sql`s.market_price_minor <= ${query.maxPriceMinor}`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

function cursorCondition(spec: SortSpec, values: CursorValues): SQL {
  const [key, id] = values;
  if (values.length !== 2 || typeof key !== 'number' || !Number.isSafeInteger(key) || typeof id !== 'string') {
    throw KernelErrors.VALIDATION_FAILED({
      detail: 'The cursor does not belong to this sort; start again without a cursor.',
      errors: [{ path: '/query/cursor', message: 'Invalid cursor for this sort', code: 'INVALID_CURSOR' }],
    });
  }
  return spec.direction === 'asc'
    ? sql`(${spec.key}, p.id) > (${key}, ${id})`
    : sql`(${spec.key}, p.id) < (${key}, ${id})`;
}

// The raw product columns as the driver returns them from `select p.*` (snake_case).
interface ProductRowRaw {
  id: string;
  brand: string;
  model: string;
  series: string | null;
  description: string;
  images: ProductRow['images'] | string;
  status: ProductStatus;
  popularity: number;
  created_at: string | Date;
  updated_at: string | Date;
  published_at: string | Date | null;
}

function toCard(keyed: Keyed): ProductCard {
  const raw = keyed.row;
  const images = typeof raw.images === 'string' ? (JSON.parse(raw.images) as ProductRow['images']) : raw.images;
  const view = productView({
    id: raw.id,
    brand: raw.brand,
    model: raw.model,
    series: raw.series,
    description: raw.description,
    images,
    status: raw.status,
    popularity: Number(raw.popularity),
    createdAt: new Date(raw.created_at),
    updatedAt: new Date(raw.updated_at),
    publishedAt: raw.published_at === null ? null : new Date(raw.published_at),
  });
  const first = images[0];
  return {
    id: view.id,
    brand: view.brand,
    brandName: view.brandName,
    brandNameZh: view.brandNameZh,
    model: view.model,
    series: view.series,
    imageUrl: first ? imageUrl(first.file) : null,
    popularity: view.popularity,
    publishedAt: view.publishedAt,
    fromMonthlyRentMinor: raw.from_rent === null ? null : Number(raw.from_rent),
    fromMarketPriceMinor: Number(raw.from_price),
    currency: 'CNY',
    matchingSkuCount: Number(raw.sku_count),
    storageOptionsGb: parseIntArray(raw.storages),
    conditions: parseTextArray(raw.conditions) as Condition[],
  };
}

// node-postgres parses int[] and text[]; PGlite does too, but guard the '{a,b}' text form anyway.
function parseIntArray(value: unknown): number[] {
  return parseTextArray(value).map(Number);
}

function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter((s) => s.length > 0);
  return [];
}
