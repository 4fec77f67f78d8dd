// The help centre's FAQ (renting, deposits, returns, payments, the wallet, …) loaded from
// help-centre/articles.ts. It is product content, not demo data, so it is loaded in every mode;
// articles already stored (perhaps edited) are left as they are. One insert.
import type { AppContext } from '@zulin/platform';
import { helpArticles } from './help-centre/articles';
import { supportArticles } from './schema';

export async function seedSupport(ctx: AppContext): Promise<{ created: number }> {
  const now = ctx.clock.now();
  const inserted = await ctx.database.db
    .insert(supportArticles)
    .values(
      helpArticles.map((a, position) => ({
        slug: a.slug,
        topic: a.topic,
        position,
        title: a.title,
        body: a.body,
        keywords: a.keywords,
        published: true,
        publishedAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ slug: supportArticles.slug });
  return { created: inserted.length };
}
