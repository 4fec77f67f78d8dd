// Help-centre search text. Chinese has no spaces, so a database LIKE or trigram search on the raw
// text misses nothing but ranks poorly and cannot match a query word to the same word cut
// differently. Each article gets a search document per locale: its words as jieba's search mode
// cuts them (long words and the shorter words inside them), space-separated and framed by spaces,
// so that phase 2 can store it in a column and match a query token as `LIKE '% token %'`.

import type { Locale } from '../canned-replies';
import { SupportLimits } from '../limits';
import { isHanWord, segmentWords } from '../text/segment';
import type { HelpArticle } from './articles';

// Words too common to search by; a query of only these finds nothing rather than everything.
const searchStopWords: ReadonlySet<string> = new Set([
  '的',
  '了',
  '是',
  '我',
  '你',
  '吗',
  '呢',
  '怎么',
  '怎么办',
  '什么',
  '如何',
  '可以',
  '能',
  '会',
  '要',
  '在',
  '有',
  'the',
  'a',
  'an',
  'is',
  'are',
  'do',
  'does',
  'i',
  'my',
  'how',
  'what',
  'can',
  'to',
  'of',
  'and',
  'or',
  'it',
  'in',
]);

function searchTokensOf(text: string): string[] {
  const tokens = new Set<string>();
  for (const word of segmentWords(text, { mode: 'search' })) {
    if (searchStopWords.has(word)) continue;
    tokens.add(word);
  }
  return [...tokens];
}

export interface ArticleSearchDocument {
  slug: string;
  locale: Locale;
  /** ` token token … ` with a space on both ends. */
  title: string;
  body: string;
}

function framed(tokens: readonly string[]): string {
  return ` ${tokens.join(' ')} `;
}

/** The search documents of an article, one per locale; title and keywords form the heavier part. */
export function articleSearchDocuments(article: HelpArticle): ArticleSearchDocument[] {
  return (['zh-CN', 'en'] as const).map((locale) => ({
    slug: article.slug,
    locale,
    title: framed(searchTokensOf(`${article.title[locale]} ${article.keywords[locale]}`)),
    body: framed(searchTokensOf(article.body[locale])),
  }));
}

/**
 * The tokens of a query. Chinese is cut in plain word mode, so "押金什么时候退" asks for 押金, 时候,
 * 退 rather than every sub-word; single Han characters are kept only when the query has nothing
 * else (a customer who types "退" still finds something).
 */
export function searchQueryTokens(query: string): string[] {
  const words = segmentWords(query.slice(0, SupportLimits.searchQueryLengthMax)).filter((w) => !searchStopWords.has(w));
  const longer = words.filter((w) => !(isHanWord(w) && w.length === 1));
  const chosen = longer.length > 0 ? longer : words;
  return [...new Set(chosen)].slice(0, SupportLimits.searchTokensMax);
}

export interface ArticleHit {
  slug: string;
  score: number;
}

/**
 * Ranks articles for a query in one locale: each query token found in the title or keywords scores
 * 3, in the body 1; articles that match no token are left out. Ties keep the articles' own order.
 * This is the reference ranking that the stored search of phase 2 reproduces in SQL.
 */
export function rankArticles(documents: readonly ArticleSearchDocument[], query: string, locale: Locale): ArticleHit[] {
  const tokens = searchQueryTokens(query);
  if (tokens.length === 0) return [];
  const hits: ArticleHit[] = [];
  for (const doc of documents.slice(0, SupportLimits.articlesMax * 2)) {
    if (doc.locale !== locale) continue;
    let score = 0;
    for (const token of tokens) {
      if (doc.title.includes(` ${token} `)) score += 3;
      else if (doc.body.includes(` ${token} `)) score += 1;
    }
    if (score > 0) hits.push({ slug: doc.slug, score });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, SupportLimits.searchResultsMax);
}
