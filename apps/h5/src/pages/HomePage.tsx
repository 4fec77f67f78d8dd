import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandHeader } from '../components/BrandHeader';
import { EntryPopup } from '../components/EntryPopup';
import type { EntryKey } from '../components/entries';
import { HeroBanner } from '../components/HeroBanner';
import { QuickEntries } from '../components/QuickEntries';
import { RentalSteps } from '../components/RentalSteps';
import { ServiceStatusCard } from '../components/ServiceStatusCard';

export function HomePage() {
  const { t } = useTranslation();
  const [openEntry, setOpenEntry] = useState<EntryKey | null>(null);
  return (
    <div className="home">
      <div className="home-top">
        <BrandHeader />
        <HeroBanner onLearnMore={() => setOpenEntry('deposit')} />
      </div>
      <div className="home-content">
        <QuickEntries onSelect={setOpenEntry} />
        <RentalSteps />
        <ServiceStatusCard />
        <footer className="home-footer">{t('home.footer')}</footer>
      </div>
      <EntryPopup entryKey={openEntry} onClose={() => setOpenEntry(null)} />
    </div>
  );
}
