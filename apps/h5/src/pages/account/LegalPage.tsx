import { ErrorBlock, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router-dom';
import { type LegalDocumentKind, useLegalDocument } from '../../account-api';
import { SubPage } from '../../components/SubPage';

const appLanguage = (language: string): 'zh-CN' | 'en' => (language === 'en' ? 'en' : 'zh-CN');

/** The text of a legal document in force, with its version and the date it took effect. */
export function LegalDocumentText({ document }: { document: LegalDocumentKind }) {
  const { t, i18n } = useTranslation();
  const doc = useLegalDocument(document, appLanguage(i18n.language));
  if (doc.isPending) return <Skeleton.Paragraph lineCount={10} animated />;
  if (doc.data === undefined) return <ErrorBlock status="default" title={t('legal.loadFailed')} description="" />;
  return (
    <article className="legal-document" data-testid={`legal-${document}`}>
      <h1 className="legal-title">{doc.data.title}</h1>
      <p className="legal-version">
        {t('legal.effective', { version: doc.data.version, date: doc.data.effectiveDate })}
      </p>
      {doc.data.sections.map((section) => (
        <section key={section.heading}>
          <h2>{section.heading}</h2>
          <p>{section.body}</p>
        </section>
      ))}
    </article>
  );
}

/** `/legal/terms` and `/legal/privacy`: the documents, linked from the login page and 我的. */
export function LegalPage() {
  const { document } = useParams();
  const { i18n } = useTranslation();
  const index = useLegalTitle(document);
  if (document !== 'terms' && document !== 'privacy') return <Navigate to="/" replace />;
  return (
    <SubPage title={index ?? ''} fallback="/me">
      <LegalDocumentText key={i18n.language} document={document} />
    </SubPage>
  );
}

function useLegalTitle(document: string | undefined): string | undefined {
  const { i18n } = useTranslation();
  const doc = useLegalDocument(document === 'privacy' ? 'privacy' : 'terms', appLanguage(i18n.language));
  return doc.data?.title;
}
