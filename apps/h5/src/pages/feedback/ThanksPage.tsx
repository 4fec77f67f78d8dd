import { ErrorBlock, List, Skeleton } from 'antd-mobile';
import { HeartOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { LinkButton } from '../../components/LinkItem';
import { SubPage } from '../../components/SubPage';
import { type ThanksEntry, useThanksList } from '../../feedback-api';
import { formatDate } from '../../time-format';
import './feedback.css';

/** Keys for the rows: the same name may be thanked twice on a day, so each repeat is counted. */
function keyed(rows: readonly ThanksEntry[]): { key: string; entry: ThanksEntry }[] {
  const seen = new Map<string, number>();
  return rows.map((entry) => {
    const base = `${entry.thankedOn} ${entry.name}`;
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    return { key: `${base} ${repeat}`, entry };
  });
}

/**
 * 致谢墙: who was thanked for valuable feedback, as the server shows them (a surname and a star, or a
 * first name) and the day; public, so it opens without signing in.
 */
export function ThanksPage() {
  const { t } = useTranslation();
  const list = useThanksList();
  const rows = list.data?.data ?? [];
  return (
    <SubPage title={t('feedback.thanks.title')} fallback="/me">
      <p className="thanks-intro">{t('feedback.thanks.intro')}</p>
      {list.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {list.error && (
        <ErrorState
          title={t('feedback.thanks.loadFailed')}
          error={list.error}
          onRetry={() => void list.refetch()}
          retryLabel={t('feedback.thanks.retry')}
        />
      )}
      {list.data && rows.length === 0 && (
        <ErrorBlock status="empty" title={t('feedback.thanks.empty')} description="" data-testid="thanks-empty" />
      )}
      {rows.length > 0 && (
        <List mode="card" data-testid="thanks-list">
          {keyed(rows).map(({ key, entry }) => (
            <List.Item
              key={key}
              prefix={<HeartOutline className="thanks-heart" />}
              extra={t('feedback.thanks.thankedOn', { date: formatDate(entry.thankedOn) })}
              data-testid="thanks-entry"
            >
              {entry.name}
            </List.Item>
          ))}
        </List>
      )}
      <div className="thanks-write">
        <LinkButton to="/me/feedback" data-testid="thanks-write">
          {t('feedback.thanks.write')}
        </LinkButton>
      </div>
    </SubPage>
  );
}
