// What the console's article editor writes: an article's content, checked the same way for a new
// draft and an edit (both languages required, within the limits), and the row it loads for update.
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import type { LocalText } from './canned-replies';
import { SupportErrors } from './errors';
import { type HelpTopic, helpTopics } from './help-centre/articles';
import { SupportLimits } from './limits';
import { supportArticles } from './schema';

export type ArticleRow = typeof supportArticles.$inferSelect;

export interface ArticleContent {
  topic: HelpTopic;
  title: LocalText;
  body: LocalText;
  keywords: LocalText;
}

const locales = ['zh-CN', 'en'] as const;
export const slugPattern = /^[a-z0-9][a-z0-9-]*[a-z0-9]$/;

/** Trims every text and refuses the content with every wrong field named. */
export function checkArticleContent(content: ArticleContent): ArticleContent {
  const errors: { path: string; message: string }[] = [];
  if (!(helpTopics as readonly string[]).includes(content.topic)) {
    errors.push({ path: '/topic', message: `one of ${helpTopics.join(', ')}` });
  }
  const clean = (field: 'title' | 'body' | 'keywords', max: number, required: boolean): LocalText => {
    const out = { 'zh-CN': '', en: '' } as LocalText;
    for (const locale of locales) {
      const text = (content[field][locale] ?? '').trim();
      if ((required && text.length === 0) || text.length > max) {
        errors.push({ path: `/${field}/${locale}`, message: `${required ? 1 : 0}–${max} characters` });
      }
      out[locale] = text;
    }
    return out;
  };
  const checked = {
    topic: content.topic,
    title: clean('title', SupportLimits.articleTitleLengthMax, true),
    body: clean('body', SupportLimits.articleBodyLengthMax, true),
    keywords: clean('keywords', SupportLimits.articleKeywordsLengthMax, false),
  };
  if (errors.length > 0) throw SupportErrors.SUPPORT_ARTICLE_INVALID({ errors });
  return checked;
}

export async function loadArticleForUpdate(tx: Executor, slug: string): Promise<ArticleRow> {
  const [row] = await tx.select().from(supportArticles).where(eq(supportArticles.slug, slug)).for('update');
  if (row === undefined) throw SupportErrors.SUPPORT_ARTICLE_NOT_FOUND();
  return row;
}
