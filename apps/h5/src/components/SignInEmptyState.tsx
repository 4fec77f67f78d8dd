import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../session';

/**
 * What a tab that needs an account shows: signed out, an invitation to sign in; signed in, the
 * tidy empty state of a list that has nothing yet (orders and wallet come with later releases).
 */
export function SignInEmptyState({
  title,
  description,
  signedInTitle,
  signedInDescription,
}: {
  title: string;
  description: string;
  signedInTitle: string;
  signedInDescription: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const session = useSession();
  if (session) {
    return (
      <div className="empty-state" data-testid="signed-in-empty">
        <ErrorBlock status="empty" title={signedInTitle} description={signedInDescription} />
        <Button color="primary" shape="rounded" onClick={() => navigate('/search')}>
          {t('account.signedInEmpty.browse')}
        </Button>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <ErrorBlock status="empty" title={title} description={description} />
      <div className="empty-state-actions">
        <Button
          color="primary"
          shape="rounded"
          onClick={() => navigate(`/login?redirect=${encodeURIComponent(pathname)}`)}
        >
          {t('account.signedInEmpty.signIn')}
        </Button>
        <Button color="primary" fill="outline" shape="rounded" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      </div>
    </div>
  );
}
