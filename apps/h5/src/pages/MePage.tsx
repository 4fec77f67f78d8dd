import { Badge, Button, Dialog, List, Skeleton, Tag, Toast } from 'antd-mobile';
import {
  BellOutline,
  CheckShieldOutline,
  EditSOutline,
  GiftOutline,
  MessageOutline,
  QuestionCircleOutline,
  RightOutline,
  UnorderedListOutline,
  UserContactOutline,
  UserOutline,
} from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type Customer, useMe } from '../account-api';
import { logout, useSystemStatus } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LinkItem } from '../components/LinkItem';
import { useUnreadCount } from '../notification-api';
import { useSession } from '../session';

function GuestHeader() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <header className="profile-header">
      <div className="profile-avatar" aria-hidden="true">
        <UserOutline />
      </div>
      <div className="profile-text">
        <div className="profile-name">{t('me.guest')}</div>
        <div className="profile-hint">{t('me.guestHint')}</div>
      </div>
      <Button
        size="small"
        shape="rounded"
        className="profile-sign-in"
        onClick={() => navigate('/login?redirect=/me')}
        data-testid="me-sign-in"
      >
        {t('account.profile.signIn')}
      </Button>
    </header>
  );
}

function CustomerHeader({ customer }: { customer: Customer | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="profile-header" data-testid="profile-header">
      <div className="profile-avatar" aria-hidden="true">
        <UserOutline />
      </div>
      <div className="profile-text">
        {customer ? (
          <>
            <div className="profile-name">{customer.nickname ?? t('account.profile.defaultName')}</div>
            <div className="profile-hint" data-testid="profile-phone">
              {t('account.profile.phone', { phone: customer.phoneMasked })}
            </div>
            <span className={`tier-badge tier-${customer.tier}`}>{t(`account.profile.tiers.${customer.tier}`)}</span>
          </>
        ) : (
          <Skeleton.Paragraph lineCount={2} animated className="profile-skeleton" />
        )}
      </div>
    </header>
  );
}

// A component with its own `t`: a `t` passed in as a parameter types too deep once the catalog is large.
function IdentityTag({ customer }: { customer: Customer | undefined }) {
  const { t } = useTranslation();
  if (!customer) return null;
  const { status, nameMasked } = customer.identity;
  const color = status === 'verified' ? 'success' : status === 'failed' ? 'danger' : 'default';
  return (
    <span className="identity-extra" data-testid="identity-status">
      {status === 'verified' && nameMasked && <span className="identity-name">{nameMasked}</span>}
      <Tag color={color} fill="outline">
        {t(`account.profile.identityStatus.${status}`)}
      </Tag>
    </span>
  );
}

function AccountSection({ customer }: { customer: Customer | undefined }) {
  const { t } = useTranslation();
  const unread = useUnreadCount().data ?? 0;
  return (
    <section className="me-section">
      <h2 className="section-label">{t('account.profile.account')}</h2>
      <List mode="card" className="me-list">
        <LinkItem
          prefix={<MessageOutline className="list-icon" />}
          extra={unread > 0 ? <Badge content={unread > 99 ? '99+' : unread} data-testid="me-inbox-badge" /> : null}
          arrowIcon={<RightOutline />}
          to="/me/inbox"
          data-testid="me-inbox"
        >
          {t('notification.entry')}
        </LinkItem>
        <LinkItem
          prefix={<UserContactOutline className="list-icon" />}
          extra={<IdentityTag customer={customer} />}
          arrowIcon={<RightOutline />}
          to="/me/identity"
        >
          {t('account.profile.realName')}
        </LinkItem>
        <LinkItem
          prefix={<CheckShieldOutline className="list-icon" />}
          description={t('risk.entryHint')}
          arrowIcon={<RightOutline />}
          to="/me/credit"
          data-testid="me-credit"
        >
          {t('risk.entry')}
        </LinkItem>
        <LinkItem
          prefix={<GiftOutline className="list-icon" />}
          description={t('coupons.entryHint')}
          arrowIcon={<RightOutline />}
          to="/me/coupons"
          data-testid="me-coupons"
        >
          {t('coupons.entry')}
        </LinkItem>
        <LinkItem
          prefix={<EditSOutline className="list-icon" />}
          description={t('feedback.entryHint')}
          arrowIcon={<RightOutline />}
          to="/me/feedback"
          data-testid="me-feedback"
        >
          {t('feedback.entry')}
        </LinkItem>
        <LinkItem
          prefix={<UnorderedListOutline className="list-icon" />}
          description={t('support.tickets.entryHint')}
          arrowIcon={<RightOutline />}
          to="/me/tickets"
          data-testid="me-tickets"
        >
          {t('support.tickets.entry')}
        </LinkItem>
        <LinkItem
          prefix={<QuestionCircleOutline className="list-icon" />}
          description={t('support.help.entryHint')}
          arrowIcon={<RightOutline />}
          to="/help"
          data-testid="me-help"
        >
          {t('support.help.entry')}
        </LinkItem>
        <LinkItem prefix={<BellOutline className="list-icon" />} arrowIcon={<RightOutline />} to="/me/notifications">
          {t('account.profile.notifications')}
        </LinkItem>
      </List>
    </section>
  );
}

export function MePage() {
  const { t } = useTranslation();
  const session = useSession();
  const me = useMe();
  const status = useSystemStatus();
  const onLogout = async () => {
    const confirmed = await Dialog.confirm({
      content: t('account.profile.logoutConfirm'),
      cancelText: t('account.profile.cancel'),
      confirmText: t('account.profile.confirm'),
    });
    if (!confirmed) return;
    await logout();
    Toast.show({ content: t('account.profile.logoutDone') });
  };
  return (
    <>
      {session ? <CustomerHeader customer={me.data} /> : <GuestHeader />}
      {session && me.error && <p className="inline-error">{t('account.profile.loadFailed')}</p>}
      {session && <AccountSection customer={me.data} />}
      <section className="me-section">
        <h2 className="section-label">{t('me.language')}</h2>
        <LanguageSwitch />
      </section>
      <section className="me-section">
        <h2 className="section-label">{t('me.about')}</h2>
        <List mode="card" className="me-list">
          <List.Item extra={status.data?.version ?? '—'}>{t('me.version')}</List.Item>
          {status.data?.sandbox && (
            // The sandbox's business date moves with its test clock: shown where a demo can read it.
            <List.Item extra={status.data.businessDate} data-testid="me-business-date">
              {t('me.sandboxBusinessDate')}
            </List.Item>
          )}
          <LinkItem arrowIcon={<RightOutline />} to="/legal/terms" data-testid="me-terms">
            {t('me.terms')}
          </LinkItem>
          <LinkItem arrowIcon={<RightOutline />} to="/legal/privacy" data-testid="me-privacy">
            {t('me.privacy')}
          </LinkItem>
          <LinkItem arrowIcon={<RightOutline />} to="/feedback/thanks" data-testid="me-thanks">
            {t('feedback.thanks.entry')}
          </LinkItem>
        </List>
      </section>
      {session && (
        <div className="logout">
          <Button block shape="rounded" onClick={() => void onLogout()} data-testid="logout">
            {t('account.profile.logout')}
          </Button>
        </div>
      )}
    </>
  );
}
