import { Button, ErrorBlock, Selector, Skeleton, Swiper, type SwiperRef } from 'antd-mobile';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorCode } from '../../api';
import {
  type Plan,
  type ProductDetail,
  type Sku,
  useProduct,
  useProductAvailability,
  useSkuOffers,
  useSkuPlans,
} from '../../catalog-api';
import { ProductImage } from '../../components/catalog/ProductImage';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { useMoney, useShortMoney } from '../../money';
import { InstallmentCalculator } from './InstallmentCalculator';

type Dimension = 'storageGb' | 'colour' | 'condition';
const DIMENSIONS: Dimension[] = ['storageGb', 'colour', 'condition'];

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Phones free to rent per SKU id; undefined while it loads (every version then counts as in stock). */
type Stock = Record<string, number> | undefined;
const inStock = (stock: Stock, sku: Sku) => stock === undefined || (stock[sku.id] ?? 0) > 0;

/**
 * The SKU for a changed selector: the one in stock with the chosen value that keeps most of the other
 * current choices, so that picking a colour not sold (or sold out) in the current storage still
 * lands on a version that can be rented.
 */
export function pickSku(skus: Sku[], current: Sku, dimension: Dimension, value: string | number, stock?: Stock): Sku {
  const candidates = skus.filter((sku) => sku[dimension] === value && inStock(stock, sku));
  const score = (sku: Sku) => DIMENSIONS.filter((d) => d !== dimension && sku[d] === current[d]).length;
  return candidates.sort((a, b) => score(b) - score(a))[0] ?? current;
}

function SkuSelectors({
  product,
  sku,
  stock,
  onChange,
}: {
  product: ProductDetail;
  sku: Sku;
  stock: Stock;
  onChange: (sku: Sku) => void;
}) {
  const { t } = useTranslation();
  const skus = product.skus.filter((s) => s.active);
  // A value no version in stock has is shown 缺货 and cannot be chosen.
  const soldOut = (dimension: Dimension, value: string | number) =>
    !skus.some((s) => s[dimension] === value && inStock(stock, s));
  const marked = (dimension: Dimension, option: { label: string; value: string }) => {
    const value = dimension === 'storageGb' ? Number(option.value) : option.value;
    if (!soldOut(dimension, value)) return option;
    // 缺货 under the name (a long colour name is cut short on one line, and the word would be lost).
    return {
      ...option,
      disabled: true,
      label: <span data-testid={`sku-out-${dimension}-${option.value}`}>{option.label}</span>,
      description: <span className="sku-out-of-stock">{t('catalog.product.outOfStock')}</span>,
    };
  };
  const rows: { dimension: Dimension; label: string; options: { label: string; value: string }[] }[] = [
    {
      dimension: 'storageGb',
      label: t('catalog.product.storage'),
      options: distinct(skus.map((s) => s.storageGb))
        .sort((a, b) => a - b)
        .map((gb) => ({ value: String(gb), label: skus.find((s) => s.storageGb === gb)?.storageLabel ?? `${gb}GB` })),
    },
    {
      dimension: 'colour',
      label: t('catalog.product.colour'),
      options: distinct(skus.map((s) => s.colour)).map((colour) => ({ value: colour, label: colour })),
    },
    {
      dimension: 'condition',
      label: t('catalog.product.condition'),
      options: distinct(skus.map((s) => s.condition)).map((c) => ({ value: c, label: t(`catalog.conditions.${c}`) })),
    },
  ];
  return (
    <section className="card sku-card" data-testid="sku-selectors">
      {rows.map((row) => (
        <div key={row.dimension} className="sku-row">
          <h3 className="sku-label">{row.label}</h3>
          <Selector
            columns={3}
            showCheckMark={false}
            value={[String(sku[row.dimension])]}
            options={row.options.map((option) => marked(row.dimension, option))}
            onChange={(values) => {
              const value = values[0];
              if (value === undefined) return;
              onChange(pickSku(skus, sku, row.dimension, row.dimension === 'storageGb' ? Number(value) : value, stock));
            }}
          />
        </div>
      ))}
    </section>
  );
}

// A component with its own `t`: a `t` passed in as a parameter types too deep once the catalog is large.
function TermLabel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <>
      {plan.termUnit === 'day'
        ? t('catalog.product.termDays', { count: plan.termCount })
        : t('catalog.product.termMonths', { count: plan.termCount })}
    </>
  );
}

function PlanPicker({
  plans,
  selected,
  onSelect,
}: {
  plans: Plan[];
  selected: Plan | undefined;
  onSelect: (plan: Plan) => void;
}) {
  const { t } = useTranslation();
  const money = useShortMoney();
  if (plans.length === 0) return <p className="muted">{t('catalog.product.noPlans')}</p>;
  return (
    <div className="plan-grid" data-testid="plans">
      {plans.map((plan) => (
        <button
          key={plan.id}
          type="button"
          className={`plan-option ${plan.id === selected?.id ? 'plan-option-active' : ''}`}
          onClick={() => onSelect(plan)}
        >
          <span className="plan-term">
            <TermLabel plan={plan} />
          </span>
          <span className="plan-rent">
            {money(plan.rentMinor)}
            <small>
              {plan.termUnit === 'day' ? t('catalog.product.perPeriodDay') : t('catalog.product.perPeriodMonth')}
            </small>
          </span>
        </button>
      ))}
    </div>
  );
}

function PriceSummary({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const money = useMoney();
  const daily = plan.termUnit === 'day';
  const rows = [
    {
      key: 'rent',
      label: daily ? t('catalog.product.summaryRentDays', { count: 1 }) : t('catalog.product.summaryRent'),
      value: money(plan.rentMinor),
      strong: true,
    },
    {
      key: 'upfront',
      label: daily
        ? t('catalog.product.summaryUpfrontDays', { count: plan.upfrontPeriods })
        : t('catalog.product.summaryUpfrontMonths', { count: plan.upfrontPeriods }),
      value: money(plan.rentMinor * plan.upfrontPeriods),
    },
    { key: 'total', label: t('catalog.product.summaryTotalRent'), value: money(plan.rentMinor * plan.termCount) },
    { key: 'deposit', label: t('catalog.product.summaryDeposit'), value: money(plan.depositMinor) },
    { key: 'buyout', label: t('catalog.product.summaryBuyout'), value: money(plan.buyoutAtEndMinor) },
  ];
  return (
    <section className="card" data-testid="price-summary">
      <h2 className="card-title">
        {t('catalog.product.summary')} · <TermLabel plan={plan} />
      </h2>
      <dl className="summary">
        {rows.map((row) => (
          <div key={row.key} className={`summary-row ${row.strong ? 'summary-row-strong' : ''}`}>
            <dt>{row.label}</dt>
            <dd data-testid={`summary-${row.key}`}>{row.value}</dd>
          </div>
        ))}
      </dl>
      {plan.addOns.length > 0 && (
        <div className="addons">
          {plan.addOns.map((addOn) => (
            <span key={addOn.code} className="product-tag">
              {t(`catalog.product.addOns.${addOn.code}`)}{' '}
              {t(`catalog.product.addOnPer.${addOn.per}`, { price: money(addOn.priceMinor) })}
            </span>
          ))}
        </div>
      )}
      <p className="summary-note">{t('catalog.product.summaryNote')}</p>
    </section>
  );
}

function ProductView({
  product,
  onChoice,
}: {
  product: ProductDetail;
  onChoice: (choice: { skuId: string; planId: string } | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const money = useShortMoney();
  const activeSkus = useMemo(() => product.skus.filter((s) => s.active), [product]);
  const availability = useProductAvailability(product.id);
  const stock: Stock = availability.data;
  const allOut = stock !== undefined && activeSkus.length > 0 && !activeSkus.some((s) => inStock(stock, s));
  // Preselected: the cheapest version with a phone in stock (the cheapest of all when none has one).
  const cheapest = useMemo(() => {
    const byRent = [...activeSkus].sort(
      (a, b) => (a.lowestMonthlyRentMinor ?? 1e12) - (b.lowestMonthlyRentMinor ?? 1e12),
    );
    return byRent.find((s) => inStock(stock, s)) ?? byRent[0];
  }, [activeSkus, stock]);
  const [skuId, setSkuId] = useState<string | undefined>(undefined);
  const sku = activeSkus.find((s) => s.id === skuId) ?? cheapest;
  const plans = useSkuPlans(sku?.id);
  const offers = useSkuOffers(sku?.id);
  const [planId, setPlanId] = useState<string | undefined>(undefined);
  const planList = plans.data ?? [];
  // The 12-month plan is the usual choice; the first monthly plan otherwise.
  const plan =
    planList.find((p) => p.id === planId) ??
    planList.find((p) => p.term === '12m') ??
    planList.find((p) => p.termUnit === 'month') ??
    planList[0];
  const brand = i18n.language === 'en' ? product.brandName : product.brandNameZh;
  // The rent button takes what is picked here to the checkout.
  useEffect(() => {
    onChoice(sku && plan && !allOut ? { skuId: sku.id, planId: plan.id } : null);
  }, [sku, plan, allOut, onChoice]);

  // The image follows the colour picked: the first image that shows it, when the product has one.
  const colourIndex = sku ? product.images.findIndex((image) => image.colour === sku.colour) : -1;
  const gallery = useRef<SwiperRef>(null);
  useEffect(() => {
    if (colourIndex >= 0) gallery.current?.swipeTo(colourIndex);
  }, [colourIndex]);

  return (
    <>
      <div className="product-gallery" data-testid="product-gallery" data-colour={sku?.colour}>
        {product.images.length > 1 ? (
          <Swiper ref={gallery} defaultIndex={Math.max(colourIndex, 0)} indicatorProps={{ color: 'primary' }}>
            {product.images.map((image) => (
              <Swiper.Item key={image.file}>
                <ProductImage
                  src={image.url}
                  alt={image.colour ? `${product.model} ${image.colour}` : product.model}
                  className="product-hero-image"
                />
              </Swiper.Item>
            ))}
          </Swiper>
        ) : (
          <ProductImage src={product.images[0]?.url} alt={product.model} className="product-hero-image" />
        )}
      </div>
      <div className="product-content">
        <section className="card product-head">
          <h1 className="product-name" data-testid="product-name">
            {brand} {product.model}
          </h1>
          {sku?.lowestMonthlyRentMinor != null && (
            <div className="product-price">
              <span className="card-rent-label">{t('catalog.card.rentPrefix')}</span>
              <strong>{money(sku.lowestMonthlyRentMinor)}</strong>
              <span className="card-rent-unit">{t('catalog.card.rentSuffix')}</span>
            </div>
          )}
          {sku && (
            <div className="card-market">
              {t('catalog.product.marketPrice')} {money(sku.marketPriceMinor)}
            </div>
          )}
          {product.description && <p className="product-description">{product.description}</p>}
          {allOut && (
            <p className="product-out-of-stock" data-testid="product-out-of-stock">
              {t('catalog.product.allOutOfStock')}
            </p>
          )}
        </section>
        {sku && (
          <SkuSelectors
            product={product}
            sku={sku}
            stock={stock}
            onChange={(next) => {
              setSkuId(next.id);
              setPlanId(undefined);
            }}
          />
        )}
        <section className="card">
          <h2 className="card-title">{t('catalog.product.plans')}</h2>
          {plans.isPending ? (
            <Skeleton.Paragraph lineCount={2} animated />
          ) : (
            <PlanPicker plans={planList} selected={plan} onSelect={(p) => setPlanId(p.id)} />
          )}
        </section>
        {plan && <PriceSummary plan={plan} />}
        <section className="card">
          <h2 className="card-title">{t('catalog.product.offers')}</h2>
          {offers.isPending || !sku ? (
            <Skeleton.Paragraph lineCount={2} animated />
          ) : (
            <div data-testid="offers">
              <InstallmentCalculator
                offers={offers.data ?? []}
                priceMinor={sku.marketPriceMinor}
                checkout={{ productId: product.id, skuId: sku.id }}
              />
            </div>
          )}
        </section>
      </div>
    </>
  );
}

export function ProductPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const product = useProduct(id);
  const [choice, setChoice] = useState<{ skuId: string; planId: string } | null>(null);
  return (
    <SubPage title={t('catalog.product.title')} fallback="/search">
      {product.isPending && (
        <div className="page-skeleton">
          <Skeleton animated className="product-hero-skeleton" />
          <Skeleton.Paragraph lineCount={5} animated />
        </div>
      )}
      {/* A phone no longer offered is a state of the catalogue, not a failure: back home, no 反馈问题. */}
      {product.error && errorCode(product.error) === 'CATALOG_PRODUCT_NOT_FOUND' && (
        <ErrorBlock status="empty" title={t('catalog.product.notFound')} description="">
          <Button color="primary" shape="rounded" onClick={() => navigate('/')}>
            {t('catalog.product.back')}
          </Button>
        </ErrorBlock>
      )}
      {product.error && errorCode(product.error) !== 'CATALOG_PRODUCT_NOT_FOUND' && (
        <ErrorState
          title={t('catalog.product.loadFailed')}
          error={product.error}
          onRetry={() => void product.refetch()}
          retryLabel={t('catalog.home.retry')}
        />
      )}
      {product.data && <ProductView product={product.data} onChoice={setChoice} />}
      {product.data && (
        <footer className="product-bar">
          <Button
            block
            color="primary"
            shape="rounded"
            size="large"
            disabled={choice === null}
            onClick={() => {
              if (choice) navigate(`/products/${id}/rent?sku=${choice.skuId}&plan=${choice.planId}`);
            }}
            data-testid="rent-now"
          >
            {t('catalog.product.rentNow')}
          </Button>
        </footer>
      )}
    </SubPage>
  );
}
