import { ErrorBlock, Skeleton } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFeaturedProducts } from '../../catalog-api';
import { ErrorState } from '../ErrorState';
import { ProductGridCard } from './ProductCardView';

const FEATURED_COUNT = 6;

/** The most popular published products, live from `GET /v1/products?sort=popularity`. */
export function FeaturedProducts() {
  const { t } = useTranslation();
  const featured = useFeaturedProducts(FEATURED_COUNT);
  return (
    <section className="featured" data-testid="featured-products">
      <header className="section-head">
        <h2 className="card-title">{t('catalog.home.featured')}</h2>
        <Link to="/search?sort=popularity" className="section-more">
          {t('catalog.home.viewAll')} <RightOutline />
        </Link>
      </header>
      {featured.isPending && (
        <div className="product-grid">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} animated className="product-grid-skeleton" />
          ))}
        </div>
      )}
      {featured.error && (
        <div className="card">
          <ErrorState
            title={t('catalog.home.loadFailed')}
            error={featured.error}
            onRetry={() => void featured.refetch()}
            retryLabel={t('catalog.home.retry')}
          />
        </div>
      )}
      {featured.data && featured.data.data.length === 0 && (
        <ErrorBlock status="empty" title={t('catalog.home.empty')} description="" className="card" />
      )}
      {featured.data && featured.data.data.length > 0 && (
        <div className="product-grid">
          {featured.data.data.map((card) => (
            <ProductGridCard key={card.id} card={card} />
          ))}
        </div>
      )}
    </section>
  );
}
