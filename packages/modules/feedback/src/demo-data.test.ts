import { describe, expect, test } from 'vitest';
import { groupFeedback } from './analysis/group';
import { classify } from './classify/classify';
import { defaultClassificationRules } from './classify/default-rules';
import { generateDemoFeedback } from './demo-data';
import { topWords } from './word-frequency';

const demo = generateDemoFeedback({ seed: 16, count: 400, startDate: '2025-01-01', days: 90 });

describe('demo feedback', () => {
  test('the same seed gives the same entries; another seed other entries', () => {
    expect(generateDemoFeedback({ seed: 16, count: 400, startDate: '2025-01-01', days: 90 })).toEqual(demo);
    expect(generateDemoFeedback({ seed: 17, count: 400, startDate: '2025-01-01', days: 90 })).not.toEqual(demo);
  });

  test('covers both languages, every category, every rating, within the dates', () => {
    expect(new Set(demo.map((d) => d.id)).size).toBe(400);
    expect(new Set(demo.map((d) => d.locale))).toEqual(new Set(['zh-CN', 'en']));
    expect(new Set(demo.map((d) => d.writtenAbout))).toEqual(
      new Set([null, 'device', 'logistics', 'billing', 'service', 'app']),
    );
    expect(new Set(demo.map((d) => d.rating))).toEqual(new Set(['good', 'neutral', 'bad']));
    for (const d of demo) {
      expect(d.submittedOn >= '2025-01-01' && d.submittedOn <= '2025-03-31').toBe(true);
      expect(d.text).not.toMatch(/[{}]/);
    }
  });

  test('the Chinese demo texts give meaningful top words, not single characters', () => {
    const zh = demo.filter((d) => d.locale === 'zh-CN').map((d) => d.text);
    const top = topWords({ texts: zh, limit: 12 }).map((w) => w.word);
    for (const word of ['屏幕', '物流', '押金', '客服']) expect(top).toContain(word);
    for (const word of top) expect(Array.from(word).length).toBeGreaterThan(1);
  });

  test('the classifier finds what most complaints were written about', () => {
    const complaints = demo.filter((d) => d.writtenAbout !== null);
    const agreed = complaints.filter(
      (d) => classify(d.text, {}, defaultClassificationRules).category === d.writtenAbout,
    );
    expect(agreed.length / complaints.length).toBeGreaterThanOrEqual(0.85);
  });

  test('the planted pattern shows: ZTO draws more logistics complaints than SF', () => {
    const share = (carrier: string) => {
      const rows = demo.filter((d) => d.carrier === carrier);
      return rows.filter((d) => d.writtenAbout === 'logistics').length / rows.length;
    };
    expect(share('ZTO')).toBeGreaterThan(share('SF'));
    const byCarrier = groupFeedback(
      demo.map((d) => ({ ...d, feedbackId: d.id, category: d.writtenAbout, orderId: null })),
      'carrier',
    );
    expect(byCarrier.map((g) => g.key)).toEqual(['JD', 'SF', 'ZTO']);
  });
});
