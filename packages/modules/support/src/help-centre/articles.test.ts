import { describe, expect, test } from 'vitest';
import { SupportLimits } from '../limits';
import { helpArticles, helpTopics } from './articles';

describe('seeded help-centre articles', () => {
  test('at least 20 articles, every topic covered, slugs unique', () => {
    expect(helpArticles.length).toBeGreaterThanOrEqual(20);
    expect(new Set(helpArticles.map((a) => a.slug)).size).toBe(helpArticles.length);
    for (const topic of helpTopics) expect(helpArticles.some((a) => a.topic === topic)).toBe(true);
  });

  test('every article has both languages within the limits', () => {
    for (const article of helpArticles) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(article.title[locale].length).toBeGreaterThan(0);
        expect(article.title[locale].length).toBeLessThanOrEqual(SupportLimits.articleTitleLengthMax);
        expect(article.body[locale].length).toBeGreaterThan(50);
        expect(article.body[locale].length).toBeLessThanOrEqual(SupportLimits.articleBodyLengthMax);
      }
    }
  });

  const body = (slug: string, locale: 'zh-CN' | 'en') => helpArticles.find((a) => a.slug === slug)?.body[locale] ?? '';

  test('the deposit waiver bands are those of DOMAIN.md §4', () => {
    expect(body('credit-deposit-waiver', 'zh-CN')).toContain(
      '700 分及以上免全部押金；650–699 分免 70%；600–649 分免 30%；低于 600 分不免押',
    );
    expect(body('credit-deposit-waiver', 'en')).toContain('650–699 waives 70 %; 600–649 waives 30 %');
  });

  test('the early-return example is 2 periods of ¥299 = ¥598 (DOMAIN.md §5)', () => {
    expect(body('early-return', 'zh-CN')).toContain('需付 2 期共 598 元');
    expect(body('early-return', 'en')).toContain('costs 2 periods, ¥598');
  });

  test('the annualised-rate example is the check of DOMAIN.md §6', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(body('annualised-rate', locale)).toContain('8,833.30');
      expect(body('annualised-rate', locale)).toContain('12.80');
      expect(body('annualised-rate', locale)).toContain('13.58');
    }
  });

  test('wallet limits and the second factor match DOMAIN.md §8', () => {
    expect(body('wallet-basics', 'en')).toContain('at most ¥50,000 and at most ¥200,000 a day');
    expect(body('wallet-basics', 'en')).toContain('¥5,000 or more and transfers of ¥2,000 or more');
  });
});
