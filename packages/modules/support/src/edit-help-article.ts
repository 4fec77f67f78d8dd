// An edit from the console. A published article changes for customers at once (the help centre
// keeps no separate draft of a published article; unpublish first to rework it out of sight).
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import type { SupportDeps } from './deps';
import { type ArticleContent, type ArticleRow, checkArticleContent, loadArticleForUpdate } from './help-article-edits';
import { supportArticles } from './schema';

export async function editHelpArticle(
  tx: Executor,
  deps: SupportDeps,
  options: { staff: StaffPrincipal; slug: string; content: ArticleContent },
): Promise<ArticleRow> {
  const content = checkArticleContent(options.content);
  await loadArticleForUpdate(tx, options.slug);
  const now = deps.clock.now();
  const [row] = await tx
    .update(supportArticles)
    .set({ ...content, updatedBy: options.staff.staffId, updatedAt: now })
    .where(eq(supportArticles.slug, options.slug))
    .returning();
  assert(row !== undefined, 'the article is updated');
  await recordAudit(tx, {
    actor: options.staff,
    action: 'support.article_edited',
    targetType: 'help_article',
    targetId: options.slug,
    at: now,
  });
  return row;
}
