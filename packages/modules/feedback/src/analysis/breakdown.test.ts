import { describe, expect, test } from 'vitest';
import { textHasWord } from '../word-frequency';
import { breakdownFeedback } from './breakdown';
import { feedbackRowsCsv } from './export';
import { type AnalysisRow, isoWeekOf, periodRange } from './group';

const row = (over: Partial<AnalysisRow>): AnalysisRow => ({
  feedbackId: 'fb',
  submittedOn: '2025-03-10',
  rating: null,
  npsScore: null,
  category: null,
  productId: null,
  model: null,
  warehouseId: null,
  carrier: null,
  orderId: null,
  ...over,
});

describe('breakdowns', () => {
  test('largest first, each with its ratings, NPS and top categories; entries without the dimension apart', () => {
    const rows = [
      row({ carrier: 'sf', rating: 'bad', npsScore: 2, category: 'logistics' }),
      row({ carrier: 'sf', rating: 'bad', npsScore: 5, category: 'logistics' }),
      row({ carrier: 'sf', rating: 'good', npsScore: 10, category: 'device' }),
      row({ carrier: 'sf', rating: 'neutral', npsScore: 9, category: null }),
      row({ carrier: 'jd', rating: 'good', npsScore: 9, category: 'service' }),
      row({ carrier: null, rating: 'good' }),
      row({ carrier: null, rating: 'bad' }),
    ];
    const b = breakdownFeedback(rows, 'carrier');
    expect(b.unknown).toBe(2);
    expect(b.others).toBeNull();
    expect(b.groups.map((g) => [g.key, g.feedbacks])).toEqual([
      ['sf', 4],
      ['jd', 1],
    ]);
    const [sf] = b.groups;
    expect(sf?.ratings.counts).toEqual({ good: 1, neutral: 1, bad: 2 });
    expect(sf?.ratings.sharesBps).toEqual({ good: 2500, neutral: 2500, bad: 5000 });
    // 2 promoters (10, 9), 2 detractors (2, 5) of 4: 0.
    expect(sf?.nps).toMatchObject({ responses: 4, promoters: 2, detractors: 2, nps: 0 });
    // Uncategorised is left out; 2 logistics before 1 device.
    expect(sf?.topCategories).toEqual([
      { category: 'logistics', feedbacks: 2 },
      { category: 'device', feedbacks: 1 },
    ]);
    expect(b.groups[1]?.nps.nps).toBe(100);
  });

  test('bounded: the first groups, the rest folded into "others" with their own figures', () => {
    const rows = [
      ...['a', 'a', 'a', 'b', 'b', 'c', 'd', 'e'].map((model, i) =>
        row({ feedbackId: `f${i}`, model, rating: i % 2 === 0 ? 'good' : 'bad', npsScore: i === 7 ? 0 : null }),
      ),
    ];
    const b = breakdownFeedback(rows, 'model', { groupsMax: 2 });
    expect(b.groups.map((g) => [g.key, g.feedbacks])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    // c, d and e (one each), rated good, bad, good: entries 5, 6, 7.
    expect(b.others).toMatchObject({ groups: 3, feedbacks: 3, ratings: { counts: { good: 1, neutral: 0, bad: 2 } } });
    expect(b.others?.nps).toMatchObject({ responses: 1, detractors: 1, nps: -100 });
    expect(b.unknown).toBe(0);
  });

  test('equal counts: ordered by key; equal category counts: in the categories order, at most three', () => {
    const rows = [
      row({ productId: 'p2', category: 'app' }),
      row({ productId: 'p2', category: 'service' }),
      row({ productId: 'p2', category: 'billing' }),
      row({ productId: 'p2', category: 'device' }),
      row({ productId: 'p1', category: 'app' }),
      row({ productId: 'p1', category: 'app' }),
      row({ productId: 'p1', category: 'device' }),
      row({ productId: 'p1', category: 'logistics' }),
    ];
    const b = breakdownFeedback(rows, 'product');
    expect(b.groups.map((g) => g.key)).toEqual(['p1', 'p2']);
    expect(b.groups[0]?.topCategories).toEqual([
      { category: 'app', feedbacks: 2 },
      { category: 'device', feedbacks: 1 },
      { category: 'logistics', feedbacks: 1 },
    ]);
    expect(b.groups[1]?.topCategories.map((c) => c.category)).toEqual(['device', 'billing', 'service']);
  });
});

describe('period ranges (the drill-down from a period)', () => {
  test('a month, February of a leap year and December', () => {
    expect(periodRange('2025-03', 'month')).toEqual({ fromDate: '2025-03-01', toDate: '2025-03-31' });
    expect(periodRange('2024-02', 'month')).toEqual({ fromDate: '2024-02-01', toDate: '2024-02-29' });
    expect(periodRange('2025-12', 'month')).toEqual({ fromDate: '2025-12-01', toDate: '2025-12-31' });
  });

  test('ISO weeks, Monday to Sunday, across year ends, and the inverse of isoWeekOf', () => {
    expect(periodRange('2025-W01', 'week')).toEqual({ fromDate: '2024-12-30', toDate: '2025-01-05' });
    expect(periodRange('2020-W53', 'week')).toEqual({ fromDate: '2020-12-28', toDate: '2021-01-03' });
    expect(periodRange('2025-W11', 'week')).toEqual({ fromDate: '2025-03-10', toDate: '2025-03-16' });
    for (const day of ['2021-01-03', '2024-12-29', '2026-06-15', '2027-01-01']) {
      const { fromDate, toDate } = periodRange(isoWeekOf(day), 'week');
      expect(fromDate <= day && day <= toDate).toBe(true);
      expect(isoWeekOf(fromDate)).toBe(isoWeekOf(toDate));
    }
    expect(() => periodRange('2025-W53', 'week')).toThrow();
  });
});

describe('the word filter', () => {
  test('finds a word as the word list cuts it, not its characters inside a longer word', () => {
    expect(textHasWord('快递太慢了，屏幕也有问题', '快递')).toBe(true);
    expect(textHasWord('快递员没打电话就放在驿站了', '快递')).toBe(false);
    expect(textHasWord('Battery drains fast', 'battery')).toBe(true);
    expect(textHasWord('ＡＰＰ闪退', 'app')).toBe(true);
    expect(textHasWord('anything', '  ')).toBe(false);
  });
});

describe('feedback lines with names', () => {
  test('products, warehouses and carriers by name; ratings and categories in the language of the file', () => {
    const csv = feedbackRowsCsv(
      [
        {
          ...row({ feedbackId: 'fb_1', rating: 'bad', npsScore: 3, category: 'logistics' }),
          productId: 'prd_1',
          model: '苹果 iPhone 16 Pro 256GB 黑色',
          warehouseId: 'wh_1',
          carrier: 'sandbox_express',
          source: 'form',
          text: '慢',
        },
      ],
      'zh-CN',
      {
        product: (id) => (id === 'prd_1' ? '苹果 iPhone 16 Pro' : id),
        warehouse: (id) => (id === 'wh_1' ? '北京仓' : id),
        carrier: (code) => (code === 'sandbox_express' ? 'Zulin 沙箱快递' : code),
      },
    );
    expect(csv.split('\r\n')[1]).toBe(
      'fb_1,2025-03-10,不满意,3,物流,,苹果 iPhone 16 Pro,苹果 iPhone 16 Pro 256GB 黑色,北京仓,Zulin 沙箱快递,反馈表单,慢',
    );
  });
});
