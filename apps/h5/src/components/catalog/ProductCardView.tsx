import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ProductCard } from '../../catalog-api';
import { useShortMoney } from '../../money';
import { ProductImage } from './ProductImage';

function brandName(card: ProductCard, language: string): string {
  return language === 'en' ? card.brandName : card.brandNameZh;
}

function RentLine({ card }: { card: ProductCard }) {
  const { t } = useTranslation();
  const money = useShortMoney();
  if (card.fromMonthlyRentMinor === null) return <span className="card-rent-none">{t('catalog.card.noMonthly')}</span>;
  return (
    <span className="card-rent">
      <span className="card-rent-label">{t('catalog.card.rentPrefix')}</span>
      <strong>{money(card.fromMonthlyRentMinor)}</strong>
      <span className="card-rent-unit">{t('catalog.card.rentSuffix')}</span>
    </span>
  );
}

/** A product in a two-column grid (home page). */
export function ProductGridCard({ card }: { card: ProductCard }) {
  const { t, i18n } = useTranslation();
  const money = useShortMoney();
  return (
    <Link to={`/products/${card.id}`} className="product-grid-card" data-testid="product-card">
      <ProductImage src={card.imageUrl} alt={card.model} className="product-grid-image" />
      <div className="product-grid-body">
        <div className="product-title">
          <span className="product-brand">{brandName(card, i18n.language)}</span> {card.model}
        </div>
        <RentLine card={card} />
        <div className="card-market">{t('catalog.card.marketPrice', { price: money(card.fromMarketPriceMinor) })}</div>
      </div>
    </Link>
  );
}

/** A product as a row of the search results. */
export function ProductRowCard({ card }: { card: ProductCard }) {
  const { t, i18n } = useTranslation();
  const money = useShortMoney();
  return (
    <Link to={`/products/${card.id}`} className="product-row-card" data-testid="product-card">
      <ProductImage src={card.imageUrl} alt={card.model} className="product-row-image" />
      <div className="product-row-body">
        <div className="product-title">
          <span className="product-brand">{brandName(card, i18n.language)}</span> {card.model}
        </div>
        <div className="product-tags">
          {card.storageOptionsGb.slice(0, 3).map((gb) => (
            <span key={gb} className="product-tag">
              {gb >= 1024 ? `${gb / 1024}TB` : `${gb}GB`}
            </span>
          ))}
          {card.conditions.map((condition) => (
            <span key={condition} className="product-tag product-tag-condition">
              {t(`catalog.conditions.${condition}`)}
            </span>
          ))}
        </div>
        <RentLine card={card} />
        <div className="card-market">{t('catalog.card.marketPrice', { price: money(card.fromMarketPriceMinor) })}</div>
      </div>
    </Link>
  );
}
