import { keysOf } from '@zulin/web';
import {
  Button,
  Dropdown,
  type DropdownRef,
  ErrorBlock,
  InfiniteScroll,
  SearchBar,
  Selector,
  Skeleton,
} from 'antd-mobile';
import { LeftOutline } from 'antd-mobile-icons';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  BRANDS,
  CONDITIONS,
  type Condition,
  type SearchQuery,
  type SearchSort,
  TERMS,
  type Term,
  useProductSearch,
} from '../../catalog-api';
import { ProductRowCard } from '../../components/catalog/ProductCardView';
import { ErrorState } from '../../components/ErrorState';

const PRICE_RANGES = {
  p0: { maxPriceMinor: 200_000 },
  p1: { minPriceMinor: 200_000, maxPriceMinor: 400_000 },
  p2: { minPriceMinor: 400_000, maxPriceMinor: 700_000 },
  p3: { minPriceMinor: 700_000 },
} as const;
type PriceRange = keyof typeof PRICE_RANGES;
const STORAGE_OPTIONS_GB = [128, 256, 512, 1024] as const;
const SORTS = keysOf<SearchSort>({
  relevance: true,
  popularity: true,
  rent_asc: true,
  rent_desc: true,
  price_asc: true,
  price_desc: true,
  newest: true,
});

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return (list as readonly (string | null)[]).includes(value) ? (value as T) : undefined;
}

/** The search state lives in the URL, so a search can be shared, reloaded and navigated back to. */
function useSearchState() {
  const [params, setParams] = useSearchParams();
  const storage = Number(params.get('storageGb'));
  const state = {
    q: params.get('q') ?? '',
    brand: oneOf(BRANDS, params.get('brand')),
    price: oneOf(Object.keys(PRICE_RANGES) as PriceRange[], params.get('price')),
    storageGb: Number.isInteger(storage) && storage > 0 ? storage : undefined,
    condition: oneOf(CONDITIONS, params.get('condition')),
    term: oneOf(TERMS, params.get('term')),
    sort: oneOf(SORTS, params.get('sort')),
  };
  const update = (patch: Partial<Record<keyof typeof state, string | number | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next, { replace: true });
  };
  return [state, update] as const;
}

function toQuery(state: ReturnType<typeof useSearchState>[0]): Omit<SearchQuery, 'limit' | 'cursor'> {
  return {
    ...(state.q.trim() ? { q: state.q.trim() } : {}),
    ...(state.brand ? { brand: state.brand } : {}),
    ...(state.price ? PRICE_RANGES[state.price] : {}),
    ...(state.storageGb ? { storageGb: state.storageGb } : {}),
    ...(state.condition ? { condition: state.condition } : {}),
    ...(state.term ? { term: state.term } : {}),
    ...(state.sort ? { sort: state.sort } : {}),
  };
}

function MoreFilters({
  state,
  onApply,
}: {
  state: { storageGb?: number | undefined; condition?: Condition | undefined; term?: Term | undefined };
  onApply: (values: { storageGb?: number; condition?: Condition; term?: Term }) => void;
}) {
  const { t } = useTranslation();
  const [storageGb, setStorageGb] = useState(state.storageGb);
  const [condition, setCondition] = useState(state.condition);
  const [term, setTerm] = useState(state.term);
  return (
    <div className="filter-panel">
      <h3 className="filter-label">{t('catalog.search.filters.storage')}</h3>
      <Selector
        columns={4}
        value={storageGb ? [storageGb] : []}
        onChange={(values) => setStorageGb(values[0])}
        options={STORAGE_OPTIONS_GB.map((gb) => ({ value: gb, label: gb >= 1024 ? `${gb / 1024}TB` : `${gb}GB` }))}
      />
      <h3 className="filter-label">{t('catalog.search.filters.condition')}</h3>
      <Selector
        columns={3}
        value={condition ? [condition] : []}
        onChange={(values) => setCondition(values[0])}
        options={CONDITIONS.map((c) => ({ value: c, label: t(`catalog.conditions.${c}`) }))}
      />
      <h3 className="filter-label">{t('catalog.search.filters.term')}</h3>
      <Selector
        columns={4}
        value={term ? [term] : []}
        onChange={(values) => setTerm(values[0])}
        options={TERMS.map((value) => ({ value, label: t(`catalog.terms.${value}`) }))}
      />
      <div className="filter-actions">
        <Button
          shape="rounded"
          onClick={() => {
            setStorageGb(undefined);
            setCondition(undefined);
            setTerm(undefined);
          }}
        >
          {t('catalog.search.filters.reset')}
        </Button>
        <Button
          shape="rounded"
          color="primary"
          onClick={() =>
            onApply({
              ...(storageGb ? { storageGb } : {}),
              ...(condition ? { condition } : {}),
              ...(term ? { term } : {}),
            })
          }
        >
          {t('catalog.search.filters.apply')}
        </Button>
      </div>
    </div>
  );
}

export function SearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [state, update] = useSearchState();
  const [text, setText] = useState(state.q);
  const dropdown = useRef<DropdownRef>(null);
  const results = useProductSearch(toQuery(state));
  const cards = results.data?.pages.flatMap((page) => page.data) ?? [];
  const moreCount = [state.storageGb, state.condition, state.term].filter(Boolean).length;
  const choose = (patch: Parameters<typeof update>[0]) => {
    update(patch);
    dropdown.current?.close();
  };
  const back = () => {
    const index = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (index > 0) navigate(-1);
    else navigate('/', { replace: true });
  };

  return (
    <div className="app-shell">
      <header className="search-header">
        <button type="button" className="search-back" onClick={back} aria-label={t('catalog.product.back')}>
          <LeftOutline />
        </button>
        <SearchBar
          className="search-input"
          value={text}
          onChange={setText}
          onSearch={(value) => update({ q: value.trim() })}
          onClear={() => update({ q: undefined })}
          placeholder={t('catalog.search.placeholder')}
          data-testid="search-input"
        />
        <Button
          size="small"
          fill="none"
          color="primary"
          onClick={() => update({ q: text.trim() })}
          data-testid="search-submit"
        >
          {t('catalog.search.title')}
        </Button>
      </header>
      <Dropdown ref={dropdown} className="search-filters">
        <Dropdown.Item
          key="brand"
          title={state.brand ? t(`catalog.brands.${state.brand}`) : t('catalog.search.filters.brand')}
          highlight={state.brand !== undefined}
        >
          <div className="filter-panel">
            <Selector
              columns={4}
              value={[state.brand ?? 'all']}
              onChange={(values) => choose({ brand: values[0] === 'all' ? undefined : values[0] })}
              options={[
                { value: 'all', label: t('catalog.search.filters.all') },
                ...BRANDS.map((brand) => ({ value: brand, label: t(`catalog.brands.${brand}`) })),
              ]}
            />
          </div>
        </Dropdown.Item>
        <Dropdown.Item
          key="price"
          title={
            state.price ? t(`catalog.search.filters.priceRanges.${state.price}`) : t('catalog.search.filters.price')
          }
          highlight={state.price !== undefined}
        >
          <div className="filter-panel">
            <Selector
              columns={2}
              value={[state.price ?? 'all']}
              onChange={(values) => choose({ price: values[0] === 'all' ? undefined : values[0] })}
              options={[
                { value: 'all', label: t('catalog.search.filters.all') },
                ...(Object.keys(PRICE_RANGES) as PriceRange[]).map((key) => ({
                  value: key,
                  label: t(`catalog.search.filters.priceRanges.${key}`),
                })),
              ]}
            />
          </div>
        </Dropdown.Item>
        <Dropdown.Item
          key="sort"
          title={state.sort ? t(`catalog.search.sorts.${state.sort}`) : t('catalog.search.sorts.label')}
          highlight={state.sort !== undefined}
        >
          <div className="filter-panel">
            <Selector
              columns={2}
              value={[state.sort ?? 'relevance']}
              onChange={(values) => choose({ sort: values[0] === 'relevance' ? undefined : values[0] })}
              options={SORTS.map((sort) => ({ value: sort, label: t(`catalog.search.sorts.${sort}`) }))}
            />
          </div>
        </Dropdown.Item>
        <Dropdown.Item
          key="more"
          title={moreCount > 0 ? `${t('catalog.search.filters.more')}·${moreCount}` : t('catalog.search.filters.more')}
          highlight={moreCount > 0}
        >
          <MoreFilters
            state={state}
            onApply={(values) =>
              choose({ storageGb: values.storageGb, condition: values.condition, term: values.term })
            }
          />
        </Dropdown.Item>
      </Dropdown>
      <main className="app-body search-results" data-testid="search-results">
        {results.isPending && (
          <div className="search-skeleton">
            <Skeleton.Paragraph lineCount={6} animated />
          </div>
        )}
        {results.data && cards.length === 0 && (
          <ErrorBlock status="empty" title={t('catalog.search.empty')} description={t('catalog.search.emptyHint')} />
        )}
        {cards.map((card) => (
          <ProductRowCard key={card.id} card={card} />
        ))}
        {/* Nothing loaded: the error screen. A later page that failed: a retry under the phones shown. */}
        {results.error && cards.length === 0 && (
          <ErrorState
            title={t('catalog.home.loadFailed')}
            error={results.error}
            onRetry={() => void results.refetch()}
            retryLabel={t('catalog.home.retry')}
          />
        )}
        {results.error && cards.length > 0 && !results.isFetchingNextPage && (
          <button type="button" className="search-retry" onClick={() => void results.refetch()}>
            {t('catalog.search.loadFailed')}
          </button>
        )}
        {cards.length > 0 && (
          <InfiniteScroll hasMore={results.hasNextPage} loadMore={async () => void (await results.fetchNextPage())}>
            {results.hasNextPage ? t('common.loading') : t('catalog.search.noMore')}
          </InfiniteScroll>
        )}
      </main>
    </div>
  );
}
