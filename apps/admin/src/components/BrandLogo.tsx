import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The logo at the top of the sider; only the mark shows when the sider is collapsed. */
export function BrandLogo({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand-logo" aria-label={t('app.name')}>
      <svg width="32" height="32" viewBox="0 0 64 64" aria-hidden="true">
        <rect width="64" height="64" rx="16" fill="#ff6a00" />
        <rect x="21" y="12" width="22" height="40" rx="5" fill="none" stroke="#fff" strokeWidth="4" />
        <circle cx="32" cy="45" r="2.5" fill="#fff" />
      </svg>
      {!collapsed && <span className="brand-logo-text">{t('app.name')}</span>}
    </Link>
  );
}
