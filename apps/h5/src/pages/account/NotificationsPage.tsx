import { keysOf } from '@zulin/web';
import { List, Skeleton, Switch, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { type NotificationPreference, usePreferences, useSetPreference } from '../../account-api';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';

type Category = NotificationPreference['category'];
type Channel = NotificationPreference['channel'];
// Every category and channel the server knows, checked against the SDK's unions.
const CATEGORIES = keysOf<Category>({ orders: true, bills: true, wallet: true, account: true, marketing: true });
const ALL_CHANNELS = keysOf<Channel>({ in_app: true, sms: true, email: true, push: true });
// Only the channels the platform sends on today: a switch for email or push would promise messages
// nobody sends (#18). The API keeps all four for when they are wired.
const DELIVERED: readonly Channel[] = ['in_app', 'sms'];
const CHANNELS = ALL_CHANNELS.filter((channel) => DELIVERED.includes(channel));

export function NotificationsPage() {
  const { t } = useTranslation();
  const preferences = usePreferences();
  const setPreference = useSetPreference();
  const enabled = (category: string, channel: string) =>
    preferences.data?.find((p) => p.category === category && p.channel === channel)?.enabled ?? false;
  const toggle = (preference: NotificationPreference) =>
    setPreference.mutate(preference, {
      onSuccess: () => Toast.show({ content: t('account.notifications.saved'), duration: 1000 }),
      onError: () => Toast.show({ icon: 'fail', content: t('account.notifications.saveFailed') }),
    });
  return (
    <SubPage title={t('account.notifications.title')} fallback="/me">
      <p className="page-intro">{t('account.notifications.intro')}</p>
      <p className="page-intro" data-testid="prefs-channels-note">
        {t('account.notifications.channelsNote')}
      </p>
      {preferences.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {preferences.error && (
        <ErrorState
          title={t('account.notifications.loadFailed')}
          error={preferences.error}
          onRetry={() => void preferences.refetch()}
        />
      )}
      {preferences.data &&
        CATEGORIES.map((category) => (
          <section key={category} className="me-section" data-testid={`prefs-${category}`}>
            <List
              mode="card"
              header={
                <div className="prefs-header">
                  <span className="prefs-title">{t(`account.notifications.categories.${category}`)}</span>
                  <span className="prefs-hint">{t(`account.notifications.categoryHints.${category}`)}</span>
                </div>
              }
            >
              {CHANNELS.map((channel) => (
                <List.Item
                  key={channel}
                  extra={
                    <Switch
                      checked={enabled(category, channel)}
                      loading={
                        setPreference.isPending &&
                        setPreference.variables?.category === category &&
                        setPreference.variables.channel === channel
                      }
                      onChange={(checked) => toggle({ category, channel, enabled: checked })}
                      aria-label={`${t(`account.notifications.categories.${category}`)} ${t(`account.notifications.channels.${channel}`)}`}
                    />
                  }
                >
                  {t(`account.notifications.channels.${channel}`)}
                </List.Item>
              ))}
            </List>
          </section>
        ))}
    </SubPage>
  );
}
