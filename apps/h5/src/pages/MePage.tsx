import { List } from 'antd-mobile';
import { UserOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useSystemStatus } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';

function ProfileHeader() {
  const { t } = useTranslation();
  return (
    <header className="profile-header">
      <div className="profile-avatar" aria-hidden="true">
        <UserOutline />
      </div>
      <div>
        <div className="profile-name">{t('me.guest')}</div>
        <div className="profile-hint">{t('me.guestHint')}</div>
      </div>
    </header>
  );
}

export function MePage() {
  const { t } = useTranslation();
  const status = useSystemStatus();
  return (
    <>
      <ProfileHeader />
      <section className="me-section">
        <h2 className="section-label">{t('me.language')}</h2>
        <LanguageSwitch />
      </section>
      <section className="me-section">
        <h2 className="section-label">{t('me.about')}</h2>
        <List mode="card" className="me-list">
          <List.Item extra={status.data?.version ?? '—'}>{t('me.version')}</List.Item>
        </List>
      </section>
    </>
  );
}
