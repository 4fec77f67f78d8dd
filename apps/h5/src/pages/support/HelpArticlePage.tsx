import { Card, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { type HelpLocale, useHelpArticle } from '../../support-api';
import { StillNeedHelp } from './HelpCentrePage';
import './support.css';

/** One help article in the reader's language; paragraphs are separated by blank lines. */
export function HelpArticlePage() {
  const { t, i18n } = useTranslation();
  const { slug = '' } = useParams();
  const locale: HelpLocale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const article = useHelpArticle(slug);
  return (
    <SubPage title={t('support.help.title')} fallback="/help">
      {article.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {/* An article that does not exist or was taken down is an answer, not a failure: no 反馈问题. */}
      {article.error && (
        <ErrorState
          notFound={{ code: 'SUPPORT_ARTICLE_NOT_FOUND', title: t('support.help.notFound') }}
          title={t('support.help.loadFailed')}
          error={article.error}
          onRetry={() => void article.refetch()}
        />
      )}
      {article.data && (
        <Card className="help-article" data-testid="help-article-page">
          <Tag color="primary" fill="outline">
            {t(`support.help.topics.${article.data.topic}`)}
          </Tag>
          <h1 className="help-article-title">{article.data.title[locale]}</h1>
          {article.data.body[locale].split(/\n\s*\n/).map((paragraph) => (
            <p key={paragraph} className="help-article-paragraph">
              {paragraph}
            </p>
          ))}
        </Card>
      )}
      <StillNeedHelp />
    </SubPage>
  );
}
