import { useTranslation } from 'react-i18next';
import { BrandMark } from './BrandMark';

/** The brand bar at the top of the home page. */
export function BrandHeader() {
  const { t } = useTranslation();
  return (
    <header className="brand-header">
      <BrandMark />
      <div className="brand-text">
        <div className="brand-name">{t('app.brand')}</div>
        <div className="brand-slogan">{t('app.slogan')}</div>
      </div>
    </header>
  );
}
