// The help centre as stored: articles in their order, one by slug, and search — the stored
// articles ranked by the core's `rankArticles` (jieba tokens, title and keywords weigh 3, body 1).
import type { Executor } from '@zulin/db';
import { asc, eq } from 'drizzle-orm';
import type { Locale } from './canned-replies';
import { SupportErrors } from './errors';
import type { HelpArticle } from './help-centre/articles';
import { articleSearchDocuments, rankArticles } from './help-centre/search';
import { SupportLimits } from './limits';
import { supportArticles } from './schema';

export type ArticleRow = typeof supportArticles.$inferSelect;

function articleOf(row: ArticleRow): HelpArticle {
  return { slug: row.slug, topic: row.topic, title: row.title, body: row.body, keywords: row.keywords };
}

async function allArticles(db: Executor): Promise<ArticleRow[]> {
  return db.select().from(supportArticles).orderBy(asc(supportArticles.position)).limit(SupportLimits.articlesMax);
}

/** Articles matching `q` (best first), or all of them in order when there is no query. */
export async function searchArticles(db: Executor, q: string | undefined, locale: Locale): Promise<HelpArticle[]> {
  const rows = await allArticles(db);
  if (q === undefined || q.trim().length === 0) return rows.slice(0, SupportLimits.articlesListMax).map(articleOf);
  const articles = rows.map(articleOf);
  const hits = rankArticles(articles.flatMap(articleSearchDocuments), q, locale);
  return hits.map((hit) => articles.find((a) => a.slug === hit.slug)).filter((a) => a !== undefined);
}

export async function getArticle(db: Executor, slug: string): Promise<HelpArticle> {
  const [row] = await db.select().from(supportArticles).where(eq(supportArticles.slug, slug));
  if (row === undefined) throw SupportErrors.SUPPORT_ARTICLE_NOT_FOUND();
  return articleOf(row);
}
