// The analysis dashboard's feedback numbers on a fixed sample: rating shares, NPS (promoters minus
// detractors), categories and the top words — whole Chinese words, never single characters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';

describeDb('feedback analysis', (get) => {
  let s: TestServer;
  let dataDir: string;
  // A day no other test writes feedback on, so the sample is alone in its range.
  const day = '2031-05-10';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zulin-analysis-'));
    s = await createTestServer(get().database, { modules, env: { ZULIN_DATA_DIR: dataDir }, now: `${day}T04:00:00Z` });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('ratings, NPS, categories and top words of a fixed sample', async () => {
    const sample = [
      { rating: 'bad', text: '屏幕有划痕，屏幕还会闪烁', nps: 2 },
      { rating: 'bad', text: '快递太慢了，屏幕也有问题', nps: 5 },
      { rating: 'good', text: '客服态度很好，押金退得很快', nps: 10 },
      { rating: 'good', text: '手机很新，客服回复及时', nps: 9 },
      { rating: 'neutral', text: '押金退款有点慢', nps: 7 },
    ] as const;
    for (const f of sample) {
      const customer = await signInTestCustomer(s, randomTestPhone());
      const sent = await s.app.inject({
        method: 'POST',
        url: '/v1/feedback',
        headers: bearer(customer.token),
        payload: {
          rating: f.rating,
          text: f.text,
          anonymous: false,
          answers: [{ questionId: 'recommend@v1', value: f.nps }],
        },
      });
      expect(sent.statusCode).toBe(201);
    }
    const staff = await signInTestStaff(s, 'support');
    const res = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/feedback/analysis?from=${day}&to=${day}&words=5`,
      headers: bearer(staff.token),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.feedbacks).toBe(5);
    expect(body.ratings.counts).toEqual({ good: 2, neutral: 1, bad: 2 });
    expect(body.ratings.sharesBps).toEqual({ good: 4000, neutral: 2000, bad: 4000 });
    // 2 promoters (10, 9), 1 passive (7), 2 detractors (2, 5): (2 − 2) / 5 = 0.
    expect(body.nps).toMatchObject({ responses: 5, promoters: 2, passives: 1, detractors: 2, nps: 0 });
    expect(body.byPeriod.map((g: { key: string; feedbacks: number }) => [g.key, g.feedbacks])).toEqual([
      ['2031-05', 5],
    ]);
    expect(body.byCategory.reduce((n: number, g: { feedbacks: number }) => n + g.feedbacks, 0)).toBe(5);
    const words = body.topWords.map((w: { word: string }) => w.word);
    expect(words[0]).toBe('屏幕');
    expect(body.topWords[0]).toMatchObject({ texts: 2, occurrences: 3 });
    expect(words).toEqual(expect.arrayContaining(['客服', '押金']));
    expect(words.every((w: string) => [...w].length >= 2)).toBe(true);

    const backwards = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/feedback/analysis?from=2031-05-11&to=2031-05-10',
      headers: bearer(staff.token),
    });
    expect(backwards.json().code).toBe('FEEDBACK_ANALYSIS_RANGE_INVALID');
    const noSuchDay = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/feedback/analysis?from=2031-02-30',
      headers: bearer(staff.token),
    });
    expect(noSuchDay.json()).toMatchObject({ status: 422, code: 'FEEDBACK_ANALYSIS_RANGE_INVALID' });
  });
});
