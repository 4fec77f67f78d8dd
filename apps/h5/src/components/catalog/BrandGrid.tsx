import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { BRANDS, type BrandKey } from '../../catalog-api';

const BRAND_COLOURS: Record<BrandKey, string> = {
  apple: '#1f1f1f',
  huawei: '#c7000b',
  xiaomi: '#ff6900',
  honor: '#0b5fff',
  oppo: '#008a45',
  vivo: '#415fff',
  samsung: '#1428a0',
};

/** The brand entries on the home page; each opens the search filtered by that brand. */
export function BrandGrid() {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h2 className="card-title">{t('catalog.home.brands')}</h2>
      <nav className="brand-grid">
        {BRANDS.map((brand) => {
          const name = t(`catalog.brands.${brand}`);
          return (
            <Link key={brand} to={`/search?brand=${brand}`} className="brand-entry" data-testid={`brand-${brand}`}>
              <span className="brand-logo" style={{ background: BRAND_COLOURS[brand] }} aria-hidden="true">
                {name.slice(0, 1).toUpperCase()}
              </span>
              <span className="brand-label">{name}</span>
            </Link>
          );
        })}
      </nav>
    </section>
  );
}
