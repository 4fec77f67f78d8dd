import { describe, expect, test } from 'vitest';
import { classify } from './classify';
import { correctionRecord, suggestRuleChanges } from './corrections';
import { defaultClassificationRules as rules } from './default-rules';
import { type ClassificationRules, validateClassificationRules } from './rules';

describe('classify', () => {
  test('a scratched screen is a device matter', () => {
    const result = classify('收到的手机屏幕有一道划痕', {}, rules);
    expect(result.category).toBe('device');
    expect(result.matched).toEqual([{ ruleId: 'device_parts', category: 'device', score: 6, terms: ['屏幕', '划痕'] }]);
    expect(result.confidencePct).toBe(100);
  });

  test('deposit not released, support slow: billing 6 against service 4 → 60 % sure', () => {
    const result = classify('押金为什么还没解冻？客服一直说在处理。', {}, rules);
    expect(result.category).toBe('billing');
    expect(result.scores).toEqual({ device: 0, logistics: 0, billing: 6, service: 4, app: 0 });
    // share 6/10 × strength min(6, 6)/6 = 60 %
    expect(result.confidencePct).toBe(60);
  });

  test('a fault reported during the rental is a device matter whatever the words say', () => {
    const result = classify('用不了了，怎么办', { faultReportedDuringRental: true }, rules);
    expect(result.category).toBe('device');
    expect(result.matched.map((m) => m.ruleId)).toEqual(['fault_during_rental']);
    // share 5/5 × strength 5/6 = 83.3 % → 83
    expect(result.confidencePct).toBe(83);
  });

  test('a delivery later than promised makes a vague text a logistics matter', () => {
    expect(classify('还行吧', { deliveryLateDays: 2 }, rules).category).toBe('logistics');
    expect(classify('还行吧', { deliveryLateDays: 0 }, rules).category).toBeNull();
  });

  test('facts outweigh a single word: late delivery (4) + 物流 (3) beat 客服 (3)', () => {
    const result = classify('物流的事问客服也没用', { deliveryLateDays: 1 }, rules);
    expect(result.category).toBe('logistics');
    expect(result.scores.logistics).toBe(7);
    expect(result.scores.service).toBe(3);
  });

  test('English: whole words with their common endings', () => {
    const result = classify('The app crashed every time I tried to upload photos.', {}, rules);
    expect(result.category).toBe('app');
    expect(result.matched.flatMap((m) => m.terms)).toEqual(['app', 'crash', 'upload']);
    // "bill" is not found inside "billion", "dead" not inside "deadline".
    expect(classify('a billion reasons before the deadline', {}, rules).category).toBeNull();
  });

  test('nothing matched: unclassified, confidence 0', () => {
    expect(classify('谢谢', {}, rules)).toMatchObject({ category: null, confidencePct: 0, matched: [] });
  });

  test('a tie goes to the first category of the tie order, at low confidence', () => {
    const result = classify('屏幕和押金', {}, rules);
    expect(result.scores.device).toBe(3);
    expect(result.scores.billing).toBe(3);
    expect(result.category).toBe('device');
    // share 3/6 × strength 3/6 = 25 %
    expect(result.confidencePct).toBe(25);
  });
});

describe('rule validation', () => {
  test('the default rules are valid', () => {
    expect(validateClassificationRules(rules)).toBe(rules);
  });

  test('every problem of an edited set is listed with its path', () => {
    const broken: ClassificationRules = {
      ...rules,
      tieOrder: ['device', 'billing'],
      rules: [
        { id: 'a', kind: 'terms', category: 'device', weight: 0, terms: ['屏幕', ' 电池'] },
        { id: 'a', kind: 'fact', category: 'logistics', weight: 2, when: { fact: 'deliveryLateDays', op: 'is_true' } },
      ],
    };
    expect(() => validateClassificationRules(broken)).toThrow(
      expect.objectContaining({
        code: 'FEEDBACK_RULES_INVALID',
        errors: [
          { path: '/rules/0/weight', message: 'an integer 1–100' },
          { path: '/rules/0/terms/1', message: 'a trimmed, non-empty term of at most 40 characters' },
          { path: '/rules/1/id', message: 'duplicate id a' },
          { path: '/tieOrder', message: 'every category exactly once' },
        ],
      }),
    );
  });
});

describe('corrections', () => {
  const now = new Date('2025-04-01T02:00:00Z');

  test('a correction keeps what the rules said, why, and the words', () => {
    const text = '押金退了但是积分没到账';
    const classification = classify(text, {}, rules);
    const record = correctionRecord({
      feedbackId: 'fb_1',
      text,
      classification,
      corrected: 'service',
      staffId: 'stf_1',
      now,
    });
    expect(record).toEqual({
      feedbackId: 'fb_1',
      rulesVersion: 'default-1',
      suggested: 'billing',
      suggestedConfidencePct: 100,
      matchedRuleIds: ['billing_words'],
      corrected: 'service',
      correctedBy: 'stf_1',
      correctedAt: '2025-04-01T02:00:00.000Z',
      note: null,
      words: ['押金', '积分', '到账'],
    });
  });

  test('correcting to the same category is refused', () => {
    const classification = classify('屏幕坏了', {}, rules);
    expect(() =>
      correctionRecord({
        feedbackId: 'fb_1',
        text: '屏幕坏了',
        classification,
        corrected: 'device',
        staffId: 's',
        now,
      }),
    ).toThrow(expect.objectContaining({ code: 'FEEDBACK_CORRECTION_UNCHANGED' }));
  });

  test('three corrections to app with 卡顿 suggest the term and a review of device_parts', () => {
    const texts = ['手机很卡顿', '用起来卡顿', '卡顿严重，点了没反应'];
    const corrections = texts.map((text, i) =>
      correctionRecord({
        feedbackId: `fb_${i}`,
        text,
        classification: classify(text, {}, rules),
        corrected: 'app',
        staffId: 's',
        now,
      }),
    );
    const suggestions = suggestRuleChanges({ corrections, rules });
    expect(suggestions).toEqual([
      { kind: 'add_term', category: 'app', term: '卡顿', corrections: 3 },
      { kind: 'review_rule', ruleId: 'device_parts', category: 'device', misledCorrections: 3 },
    ]);
  });
});
