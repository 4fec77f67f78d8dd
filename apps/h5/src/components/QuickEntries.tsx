import { useTranslation } from 'react-i18next';
import { ENTRIES, type EntryKey } from './entries';

/** The four service icons under the banner. */
export function QuickEntries({ onSelect }: { onSelect: (key: EntryKey) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="card quick-entries">
      {ENTRIES.map(({ key, Icon, color, background }) => (
        <button key={key} type="button" className="quick-entry" onClick={() => onSelect(key)}>
          <span className="quick-entry-icon" style={{ color, background }}>
            <Icon />
          </span>
          <span className="quick-entry-label">{t(`home.entries.${key}.label`)}</span>
        </button>
      ))}
    </nav>
  );
}
