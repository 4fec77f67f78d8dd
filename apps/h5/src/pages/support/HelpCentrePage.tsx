import { keysOf } from '@zulin/web';
import { Button, ErrorBlock, List, SearchBar, Skeleton } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { LinkItem } from '../../components/LinkItem';
import { SubPage } from '../../components/SubPage';
import { type HelpArticle, type HelpLocale, type HelpTopic, useHelpArticles } from '../../support-api';
import './support.css';

/** Every topic in the order the help centre shows them (the server's list, checked by the type). */
const TOPIC_ORDER = keysOf<HelpTopic>({
  renting: true,
  deposit: true,
  returns: true,
  payments: true,
  wallet: true,
  installments: true,
  feedback: true,
  support: true,
  account: true,
});

/** The help centre: search (Chinese is cut into words on the server), or every article by topic. */
export function HelpCentrePage() {
  const { t, i18n } = useTranslation();
  const locale: HelpLocale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [q, setQ] = useState('');
  const query = useDeferredValue(q);
  const articles = useHelpArticles(query, locale);
  const rows = articles.data?.data ?? [];
  const searching = query.trim().length > 0;
  const pathOf = (a: HelpArticle) => `/help/${encodeURIComponent(a.slug)}`;
  return (
    <SubPage title={t('support.help.title')} fallback="/me">
      <div className="help-search">
        <SearchBar
          placeholder={t('support.help.searchPlaceholder')}
          value={q}
          onChange={setQ}
          onClear={() => setQ('')}
          data-testid="help-search"
        />
      </div>
      {articles.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {articles.error && (
        <ErrorState
          title={t('support.help.loadFailed')}
          error={articles.error}
          onRetry={() => void articles.refetch()}
        />
      )}
      {articles.data && searching && (
        <div data-testid="help-results">
          <p className="help-count">{t('support.help.results', { count: rows.length })}</p>
          {rows.length === 0 ? (
            <ErrorBlock status="empty" title={t('support.help.noResults')} description="" />
          ) : (
            <List mode="card">
              {rows.map((a) => (
                <LinkItem key={a.slug} arrowIcon={<RightOutline />} to={pathOf(a)} data-testid="help-article">
                  {a.title[locale]}
                </LinkItem>
              ))}
            </List>
          )}
        </div>
      )}
      {articles.data &&
        !searching &&
        TOPIC_ORDER.map((topic) => {
          const inTopic = rows.filter((a) => a.topic === topic);
          if (inTopic.length === 0) return null;
          return (
            <section key={topic} className="help-topic" data-testid={`help-topic-${topic}`}>
              <h2 className="section-label">{t(`support.help.topics.${topic}`)}</h2>
              <List mode="card">
                {inTopic.map((a) => (
                  <LinkItem key={a.slug} arrowIcon={<RightOutline />} to={pathOf(a)} data-testid="help-article">
                    {a.title[locale]}
                  </LinkItem>
                ))}
              </List>
            </section>
          );
        })}
      <StillNeedHelp />
    </SubPage>
  );
}

export function StillNeedHelp() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="help-contact">
      <span>{t('support.help.stillNeedHelp')}</span>
      <Button size="small" color="primary" onClick={() => navigate('/me/chat')} data-testid="help-chat">
        {t('support.chat.entry')}
      </Button>
      <Button size="small" color="primary" fill="outline" onClick={() => navigate('/me/tickets/new')}>
        {t('support.help.contact')}
      </Button>
    </div>
  );
}
