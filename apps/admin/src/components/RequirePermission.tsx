import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type StaffPermission, useStaffMe } from '../identity-api';
import { QueryErrorAlert } from './QueryErrorAlert';

/**
 * Shows a page only to staff whose role has the permission it needs. The menu hides the entry, but a
 * bookmark or a pasted link still arrives here: without the permission the operator reads which one
 * is missing instead of a page whose every request is refused (the API checks it regardless).
 */
export function RequirePermission({
  permission,
  children,
}: {
  permission: StaffPermission | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useStaffMe();
  if (permission === undefined) return children;
  if (me.isPending) return <Spin />;
  if (me.isError) return <QueryErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data.permissions.includes(permission)) return children;
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={
        <span data-testid="forbidden">
          <Trans i18nKey="forbidden.subtitle" values={{ permission }} components={{ code: <code /> }} />
        </span>
      }
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('forbidden.back')}
        </Button>
      }
    />
  );
}
