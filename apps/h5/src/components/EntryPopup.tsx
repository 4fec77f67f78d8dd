import { Button, Popup } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { ENTRIES, type EntryKey } from './entries';

/** A bottom sheet explaining one service; the services themselves come with later releases. */
export function EntryPopup({ entryKey, onClose }: { entryKey: EntryKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  const entry = ENTRIES.find((candidate) => candidate.key === entryKey);
  return (
    <Popup visible={entry !== undefined} onMaskClick={onClose} onClose={onClose} bodyClassName="entry-popup">
      {entry && (
        <>
          <span
            className="quick-entry-icon entry-popup-icon"
            style={{ color: entry.color, background: entry.background }}
          >
            <entry.Icon />
          </span>
          <h3 className="entry-popup-title">{t(`home.entries.${entry.key}.label`)}</h3>
          <p className="entry-popup-text">{t(`home.entries.${entry.key}.description`)}</p>
          <p className="entry-popup-note">{t('home.entries.comingSoon')}</p>
          <Button block color="primary" shape="rounded" size="large" onClick={onClose}>
            {t('home.entries.close')}
          </Button>
        </>
      )}
    </Popup>
  );
}
