import { Button, ErrorBlock, List, Skeleton, Tag, Toast } from 'antd-mobile';
import { SetOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { type AppNotification, useMarkAllRead, useMarkRead, useNotifications } from '../../notification-api';
import './inbox.css';
import { formatInstant } from '../../time-format';

/** The customer's messages, newest first. Tapping one marks it read and opens the screen it is about. */
export function InboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const unreadCount = list.data?.pages[0]?.unreadCount ?? 0;

  const open = (notification: AppNotification) => {
    if (!notification.read) markRead.mutate(notification.id);
    if (notification.target === 'wallet') navigate('/wallet');
    else if (notification.target === 'bills') navigate('/bills');
    else if (notification.target === 'order_rating' && typeof notification.params.orderId === 'string') {
      navigate(`/orders/${encodeURIComponent(notification.params.orderId)}/rate`);
    }
  };
  const readAll = () =>
    markAllRead.mutate(undefined, {
      onSuccess: () => Toast.show({ content: t('notification.markedAllRead'), duration: 1000 }),
      onError: () => Toast.show({ icon: 'fail', content: t('notification.markFailed') }),
    });

  return (
    <SubPage title={t('notification.title')} fallback="/me">
      <div className="inbox-toolbar">
        <span className="inbox-unread" data-testid="inbox-unread-count">
          {unreadCount > 0 ? t('notification.unreadCount', { count: unreadCount }) : ''}
        </span>
        <Button
          size="small"
          fill="none"
          color="primary"
          disabled={unreadCount === 0}
          loading={markAllRead.isPending}
          onClick={readAll}
          data-testid="inbox-read-all"
        >
          {t('notification.markAllRead')}
        </Button>
        <Button size="small" fill="none" onClick={() => navigate('/me/notifications')} data-testid="inbox-settings">
          <SetOutline /> {t('notification.settings')}
        </Button>
      </div>
      {list.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {list.error && (
        <ErrorState
          title={t('notification.loadFailed')}
          error={list.error}
          onRetry={() => void list.refetch()}
          retryLabel={t('notification.retry')}
        />
      )}
      {list.data && rows.length === 0 && (
        <ErrorBlock
          status="empty"
          title={t('notification.emptyTitle')}
          description={t('notification.emptyDescription')}
          data-testid="inbox-empty"
        />
      )}
      {rows.length > 0 && (
        <List mode="card" className="inbox-list" data-testid="inbox-list">
          {rows.map((n) => (
            <List.Item
              key={n.id}
              data-testid="inbox-item"
              data-read={n.read ? 'true' : 'false'}
              className={n.read ? 'inbox-item' : 'inbox-item inbox-item-unread'}
              prefix={
                <Tag color={n.read ? 'default' : 'primary'} fill="outline" className="inbox-category">
                  {t(`notification.categories.${n.category}`)}
                </Tag>
              }
              description={<span className="inbox-body">{n.body}</span>}
              extra={<span className="inbox-time">{formatInstant(n.createdAt)}</span>}
              arrowIcon={n.target !== null}
              onClick={() => open(n)}
            >
              <span className="inbox-title">
                {!n.read && (
                  <span
                    className="inbox-dot"
                    role="img"
                    aria-label={t('notification.unread')}
                    data-testid="inbox-unread-dot"
                  />
                )}
                {n.title}
              </span>
            </List.Item>
          ))}
        </List>
      )}
      {list.hasNextPage ? (
        <div className="inbox-more">
          <Button size="small" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('notification.loadMore')}
          </Button>
        </div>
      ) : (
        rows.length > 0 && <p className="inbox-end">{t('notification.end')}</p>
      )}
    </SubPage>
  );
}
