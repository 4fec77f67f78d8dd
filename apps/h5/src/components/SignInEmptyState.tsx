import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/** What a tab that needs an account shows until sign-in exists. */
export function SignInEmptyState({ title, description }: { title: string; description: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="empty-state">
      <ErrorBlock status="empty" title={title} description={description} />
      <Button color="primary" fill="outline" shape="rounded" onClick={() => navigate('/')}>
        {t('common.backHome')}
      </Button>
    </div>
  );
}
