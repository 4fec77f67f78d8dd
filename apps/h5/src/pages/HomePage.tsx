import { EditSOutline, RightOutline, SearchOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { BrandHeader } from '../components/BrandHeader';
import { BrandGrid } from '../components/catalog/BrandGrid';
import { FeaturedProducts } from '../components/catalog/FeaturedProducts';
import { EntryPopup } from '../components/EntryPopup';
import type { EntryKey } from '../components/entries';
import { HeroBanner } from '../components/HeroBanner';
import { QuickEntries } from '../components/QuickEntries';
import { RentalSteps } from '../components/RentalSteps';

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [openEntry, setOpenEntry] = useState<EntryKey | null>(null);
  return (
    <div className="home">
      <div className="home-top">
        <BrandHeader />
        <button type="button" className="home-search" onClick={() => navigate('/search')} data-testid="home-search">
          <SearchOutline />
          <span>{t('catalog.home.searchPlaceholder')}</span>
        </button>
        <HeroBanner onLearnMore={() => setOpenEntry('deposit')} />
      </div>
      <div className="home-content">
        <QuickEntries onSelect={setOpenEntry} />
        <BrandGrid />
        <FeaturedProducts />
        <RentalSteps />
        {/* 意见反馈 from the home page too (seed 001: entry points on the home and profile pages). */}
        <button
          type="button"
          className="card home-feedback"
          onClick={() => navigate('/me/feedback')}
          data-testid="home-feedback"
        >
          <span className="home-feedback-icon">
            <EditSOutline />
          </span>
          <span className="home-feedback-text">
            <span className="home-feedback-title">{t('feedback.home.title')}</span>
            <span className="home-feedback-hint">{t('feedback.home.hint')}</span>
          </span>
          <span className="home-feedback-action">
            {t('feedback.home.action')}
            <RightOutline />
          </span>
        </button>
        <footer className="home-footer">{t('home.footer')}</footer>
      </div>
      <EntryPopup entryKey={openEntry} onClose={() => setOpenEntry(null)} />
    </div>
  );
}
