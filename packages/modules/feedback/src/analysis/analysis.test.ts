import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csvCell, toCsv } from './csv';
import { type FeedbackCsvRow, feedbackRowsCsv, groupsCsv } from './export';
import { type AnalysisRow, groupFeedback, isoWeekOf } from './group';
import { computeNps, type Rating, ratingShares } from './nps';

describe('NPS', () => {
  test('4 promoters, 3 passives, 3 detractors of 10 → 40 % − 30 % = 10', () => {
    expect(computeNps([10, 9, 9, 10, 8, 7, 7, 6, 0, 3])).toEqual({
      responses: 10,
      promoters: 4,
      passives: 3,
      detractors: 3,
      nps: 10,
    });
  });

  test('the band edges: 9 promotes, 8 and 7 are passive, 6 detracts', () => {
    expect(computeNps([9]).nps).toBe(100);
    expect(computeNps([8, 7]).nps).toBe(0);
    expect(computeNps([6]).nps).toBe(-100);
  });

  test('rounds once, half away from zero: 1 of 8 is 12.5 → 13, and its mirror −13', () => {
    expect(computeNps([10, 8, 8, 8, 8, 8, 8, 8]).nps).toBe(13);
    expect(computeNps([0, 8, 8, 8, 8, 8, 8, 8]).nps).toBe(-13);
    // 2 promoters, 1 detractor of 3 = 33.33… → 33
    expect(computeNps([9, 10, 5]).nps).toBe(33);
  });

  test('no answers, no NPS', () => {
    expect(computeNps([]).nps).toBeNull();
  });

  test('an answer outside 0–10 is a bug upstream', () => {
    expect(() => computeNps([11])).toThrow();
    expect(() => computeNps([7.5])).toThrow();
  });

  test('property: NPS is within 1 of the exact value and the bands add up', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 300 }), (scores) => {
        const r = computeNps(scores);
        expect(r.promoters + r.passives + r.detractors).toBe(scores.length);
        const exact = (100 * (r.promoters - r.detractors)) / scores.length;
        expect(Math.abs((r.nps ?? 0) - exact)).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});

describe('rating shares', () => {
  test('1 good, 1 neutral, 1 bad: 3334 + 3333 + 3333 = 10000 bps', () => {
    expect(ratingShares(['good', 'neutral', 'bad'])).toEqual({
      total: 3,
      counts: { good: 1, neutral: 1, bad: 1 },
      sharesBps: { good: 3334, neutral: 3333, bad: 3333 },
    });
  });

  test('property: shares always add up to exactly 100 %', () => {
    const rating = fc.constantFrom<Rating>('good', 'neutral', 'bad');
    fc.assert(
      fc.property(fc.array(rating, { minLength: 1, maxLength: 500 }), (values) => {
        const { sharesBps } = ratingShares(values);
        expect(sharesBps.good + sharesBps.neutral + sharesBps.bad).toBe(10_000);
      }),
    );
  });
});

describe('grouping', () => {
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

  test('ISO weeks across year ends', () => {
    expect(isoWeekOf('2025-01-01')).toBe('2025-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-02-29')).toBe('2024-W09');
    expect(isoWeekOf('2025-03-10')).toBe('2025-W11');
  });

  test('by carrier: NPS and ratings per carrier, missing carrier grouped as (none)', () => {
    const rows = [
      row({ feedbackId: 'a', carrier: 'SF', rating: 'good', npsScore: 10 }),
      row({ feedbackId: 'b', carrier: 'SF', rating: 'bad', npsScore: 3 }),
      row({ feedbackId: 'c', carrier: 'SF', rating: 'good', npsScore: 9 }),
      row({ feedbackId: 'd', carrier: 'JD', rating: 'neutral', npsScore: 7 }),
      row({ feedbackId: 'e', rating: 'good' }),
    ];
    const groups = groupFeedback(rows, 'carrier');
    expect(groups.map((g) => [g.key, g.feedbacks, g.nps.nps])).toEqual([
      ['(none)', 1, null],
      ['JD', 1, 0],
      ['SF', 3, 33],
    ]);
    expect(groups[2]?.ratings.sharesBps).toEqual({ good: 6667, neutral: 0, bad: 3333 });
    expect(groups[2]?.sampleFeedbackIds).toEqual(['a', 'b', 'c']);
  });

  test('by month and by week, in time order', () => {
    const rows = [
      row({ submittedOn: '2025-02-28' }),
      row({ submittedOn: '2025-01-31' }),
      row({ submittedOn: '2025-02-01' }),
    ];
    expect(groupFeedback(rows, 'month').map((g) => [g.key, g.feedbacks])).toEqual([
      ['2025-01', 1],
      ['2025-02', 2],
    ]);
    expect(groupFeedback(rows, 'week').map((g) => g.key)).toEqual(['2025-W05', '2025-W09']);
  });
});

describe('CSV export', () => {
  test('starts with a UTF-8 BOM, uses CRLF, and keeps Chinese as is', () => {
    const csv = toCsv(['分类', 'NPS'], [['物流', 33]]);
    expect(csv).toBe('\uFEFF分类,NPS\r\n物流,33\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  test('cells that a spreadsheet would run as formulas are prefixed with a quote', () => {
    expect(csvCell('=HYPERLINK("http://evil","点我")')).toBe(`"'=HYPERLINK(""http://evil"",""点我"")"`);
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('屏幕=坏')).toBe('屏幕=坏');
  });

  test('property: no text cell, once unquoted, starts with a formula character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const cell = csvCell(text);
        const shown = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(shown).not.toMatch(/^[=+\-@\t\r]/);
        expect(shown === text || shown === `'${text}`).toBe(true);
      }),
    );
  });

  test('numbers stay numbers, even negative; null is an empty cell', () => {
    expect(toCsv(['a', 'b', 'c'], [[-5, null, 'line\nbreak']])).toBe('\uFEFFa,b,c\r\n-5,,"line\nbreak"\r\n');
  });
});

describe('analysis downloads', () => {
  const rows: FeedbackCsvRow[] = [
    {
      feedbackId: 'fb_1',
      submittedOn: '2025-03-10',
      rating: 'bad',
      npsScore: 2,
      category: 'logistics',
      productId: 'prd_1',
      model: 'iPhone 16 Pro',
      warehouseId: 'wh_sh',
      carrier: 'ZTO',
      orderId: null,
      source: 'error_screen',
      text: '=cmd|"/c calc"!A1 物流太慢',
    },
    {
      feedbackId: 'fb_2',
      submittedOn: '2025-03-11',
      rating: 'good',
      npsScore: 10,
      category: null,
      productId: 'prd_1',
      model: 'iPhone 16 Pro',
      warehouseId: 'wh_sh',
      carrier: 'SF',
      orderId: 'ord_2',
      source: 'form',
      text: '很好',
    },
  ];

  test('groups by carrier with Chinese headers and exact percentages', () => {
    const csv = groupsCsv(groupFeedback(rows, 'carrier'), 'carrier', 'zh-CN');
    expect(csv).toBe(
      '\uFEFF承运商,反馈数,好评,中评,差评,好评率%,差评率%,NPS 答题数,NPS\r\n' +
        'SF,1,1,0,0,100.00,0.00,1,100\r\n' +
        'ZTO,1,0,0,1,0.00,100.00,1,-100\r\n',
    );
  });

  test('feedback lines neutralise a formula typed by a customer', () => {
    const csv = feedbackRowsCsv(rows, 'en');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFFeedback,Submitted,Rating,NPS,Category,Order,Product,Model,Warehouse,Carrier,Source,Text',
    );
    expect(csv).toContain(`,ZTO,App error screen,"'=cmd|""/c calc""!A1 物流太慢"\r\n`);
    expect(csv).toContain(',ord_2,');
    expect(csv).toContain(',SF,Feedback form,很好\r\n');
  });
});
