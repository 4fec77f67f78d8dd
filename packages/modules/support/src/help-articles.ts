// The help centre as stored: articles in their order, one by slug, and search — the stored
// articles ranked by the core's `rankArticles` (jieba tokens, title and keywords weigh 3, body 1).
import type { Executor } from '@zulin/db';
import { and, asc, eq } from 'drizzle-orm';
import type { Locale } from './canned-replies';
import { SupportErrors } from './errors';
import type { ArticleRow } from './help-article-edits';
import type { HelpArticle } from './help-centre/articles';
import { articleSearchDocuments, rankArticles } from './help-centre/search';
import { SupportLimits } from './limits';
import { supportArticles } from './schema';

function articleOf(row: ArticleRow): HelpArticle {
  return { slug: row.slug, topic: row.topic, title: row.title, body: row.body, keywords: row.keywords };
}

async function publishedArticles(db: Executor): Promise<ArticleRow[]> {
  return db
    .select()
    .from(supportArticles)
    .where(eq(supportArticles.published, true))
    .orderBy(asc(supportArticles.position))
    .limit(SupportLimits.articlesMax);
}

/** Every article, drafts too, in their order: the console's list. */
export async function listAllArticles(db: Executor): Promise<ArticleRow[]> {
  return db.select().from(supportArticles).orderBy(asc(supportArticles.position)).limit(SupportLimits.articlesMax);
}

/** Published articles matching `q` (best first), or all of them in order when there is no query. */
export async function searchArticles(db: Executor, q: string | undefined, locale: Locale): Promise<HelpArticle[]> {
  const rows = await publishedArticles(db);
  if (q === undefined || q.trim().length === 0) return rows.slice(0, SupportLimits.articlesListMax).map(articleOf);
  const articles = rows.map(articleOf);
  const hits = rankArticles(articles.flatMap(articleSearchDocuments), q, locale);
  return hits.map((hit) => articles.find((a) => a.slug === hit.slug)).filter((a) => a !== undefined);
}

/** A published article; a draft is "not found" to customers. */
export async function getArticle(db: Executor, slug: string): Promise<HelpArticle> {
  const [row] = await db
    .select()
    .from(supportArticles)
    .where(and(eq(supportArticles.slug, slug), eq(supportArticles.published, true)));
  if (row === undefined) throw SupportErrors.SUPPORT_ARTICLE_NOT_FOUND();
  return articleOf(row);
}

/** Any article, drafts too: the console's editor. */
export async function getArticleRow(db: Executor, slug: string): Promise<ArticleRow> {
  const [row] = await db.select().from(supportArticles).where(eq(supportArticles.slug, slug));
  if (row === undefined) throw SupportErrors.SUPPORT_ARTICLE_NOT_FOUND();
  return row;
}
