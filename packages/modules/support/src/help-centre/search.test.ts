import { describe, expect, test } from 'vitest';
import { helpArticles } from './articles';
import { articleSearchDocuments, rankArticles, searchQueryTokens } from './search';

const documents = helpArticles.flatMap(articleSearchDocuments);
const top = (query: string, locale: 'zh-CN' | 'en') => rankArticles(documents, query, locale)[0]?.slug;

describe('help-centre search', () => {
  test('a Chinese question is cut into words, question words dropped', () => {
    expect(searchQueryTokens('押金什么时候退?')).toEqual(['押金', '时候']);
  });

  test('a single character is kept when it is all the query has', () => {
    expect(searchQueryTokens('退')).toEqual(['退']);
  });

  test('the search document is framed by spaces and holds sub-words', () => {
    const [zh] = articleSearchDocuments(helpArticles.find((a) => a.slug === 'auto-debit')!);
    expect(zh?.title.startsWith(' ')).toBe(true);
    expect(zh?.title).toContain(' 自动扣款 ');
    expect(zh?.title).toContain(' 扣款 ');
  });

  test('customers find the article that answers them', () => {
    expect(top('押金什么时候退', 'zh-CN')).toBe('deposit-release');
    expect(top('自动扣款失败了怎么办', 'zh-CN')).toBe('auto-debit');
    expect(top('免押金需要多少信用分', 'zh-CN')).toBe('credit-deposit-waiver');
    expect(top('提前归还要付多少钱', 'zh-CN')).toBe('early-return');
    expect(top('charged twice', 'en')).toBe('transaction-disputes');
    expect(top('annualised rate', 'en')).toBe('annualised-rate');
  });

  test('a query of stop words only finds nothing', () => {
    expect(rankArticles(documents, '怎么 什么', 'zh-CN')).toEqual([]);
  });
});
