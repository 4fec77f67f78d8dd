// A new help article from the console: a draft (customers see it once published), placed after the
// existing articles. The slug is its address (`/help/<slug>`) and never changes.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { count, max } from 'drizzle-orm';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { type ArticleContent, type ArticleRow, checkArticleContent, slugPattern } from './help-article-edits';
import { SupportLimits } from './limits';
import { supportArticles } from './schema';

export async function createHelpArticle(
  tx: Executor,
  deps: SupportDeps,
  options: { staff: StaffPrincipal; slug: string; content: ArticleContent },
): Promise<ArticleRow> {
  const slug = options.slug.trim();
  if (!slugPattern.test(slug) || slug.length > SupportLimits.articleSlugLengthMax) {
    throw SupportErrors.SUPPORT_ARTICLE_INVALID({
      errors: [{ path: '/slug', message: 'lowercase letters, digits and hyphens (2–80)' }],
    });
  }
  const content = checkArticleContent(options.content);
  const [stats] = await tx.select({ n: count(), last: max(supportArticles.position) }).from(supportArticles);
  if ((stats?.n ?? 0) >= SupportLimits.articlesMax) throw SupportErrors.SUPPORT_ARTICLES_FULL();
  const now = deps.clock.now();
  const [row] = await tx
    .insert(supportArticles)
    .values({
      slug,
      ...content,
      position: (stats?.last ?? -1) + 1,
      published: false,
      publishedAt: null,
      updatedBy: options.staff.staffId,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (row === undefined) throw SupportErrors.SUPPORT_ARTICLE_SLUG_TAKEN();
  assert(row.slug === slug, 'the inserted article has its slug');
  await recordAudit(tx, {
    actor: options.staff,
    action: 'support.article_created',
    targetType: 'help_article',
    targetId: slug,
    at: now,
  });
  return row;
}
