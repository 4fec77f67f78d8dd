// Publishing shows an article to customers (list, search, its page); unpublishing hides it again.
// Doing what is already done changes nothing and writes no audit entry.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import type { SupportDeps } from './deps';
import { type ArticleRow, loadArticleForUpdate } from './help-article-edits';
import { supportArticles } from './schema';

export async function setHelpArticlePublished(
  tx: Executor,
  deps: SupportDeps,
  options: { staff: StaffPrincipal; slug: string; published: boolean },
): Promise<ArticleRow> {
  const current = await loadArticleForUpdate(tx, options.slug);
  if (current.published === options.published) return current;
  const now = deps.clock.now();
  const [row] = await tx
    .update(supportArticles)
    .set({
      published: options.published,
      publishedAt: options.published ? now : current.publishedAt,
      updatedBy: options.staff.staffId,
      updatedAt: now,
    })
    .where(eq(supportArticles.slug, options.slug))
    .returning();
  assert(row !== undefined, 'the article is updated');
  await recordAudit(tx, {
    actor: options.staff,
    action: options.published ? 'support.article_published' : 'support.article_unpublished',
    targetType: 'help_article',
    targetId: options.slug,
    at: now,
  });
  return row;
}
