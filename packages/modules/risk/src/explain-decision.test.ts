import { describe, expect, it } from 'vitest';
import { type DecisionRecord, decide } from './decide';
import { defaultRuleSet } from './default-rule-set';
import { explainDecision } from './explain-decision';
import { cleanFacts } from './testing';

// The record as it comes back from the database: plain JSON, no engine, no rule set.
const stored = (record: DecisionRecord): DecisionRecord => JSON.parse(JSON.stringify(record));

describe('explainDecision', () => {
  it('names the failed condition and its values from the stored record alone', () => {
    const record = stored(decide(cleanFacts({ age: 17 }), defaultRuleSet, 1));
    const explanation = explainDecision(record);
    expect(explanation.outcome).toBe('reject');
    expect(explanation.failedRules).toEqual([
      {
        ruleId: 'age_in_range',
        reasonCode: 'AGE_OUT_OF_RANGE',
        outcome: 'reject',
        failedConditions: [{ id: 'at_least_18', expr: 'age >= 18', inputs: { age: 17 } }],
      },
    ]);
    expect(explanation.lines).toEqual([
      'age_in_range.at_least_18: age >= 18 was false (age = 17) → reject AGE_OUT_OF_RANGE',
    ]);
  });

  it('names the device condition of the fourth application in 24 h', () => {
    const explanation = explainDecision(stored(decide(cleanFacts({ deviceApplications24h: 4 }), defaultRuleSet, 1)));
    expect(explanation.lines).toEqual([
      'velocity_24h.device: deviceApplications24h <= 3 was false (deviceApplications24h = 4) → reject VELOCITY_24H',
    ]);
  });

  it('names an applied score threshold and nothing for a clean approval', () => {
    const low = explainDecision(stored(decide(cleanFacts({ bureauScore: 599 }), defaultRuleSet, 1)));
    expect(low.failedRules).toEqual([]);
    expect(low.lines).toEqual(['score_below_600: score 599 is below 600 → review SCORE_BELOW_600']);
    const clean = explainDecision(stored(decide(cleanFacts(), defaultRuleSet, 1)));
    expect(clean).toMatchObject({ outcome: 'approve', reasonCodes: [], failedRules: [], thresholds: [], lines: [] });
  });

  it('names every failed condition of several rules, in rule-set order', () => {
    const explanation = explainDecision(
      stored(decide(cleanFacts({ blacklistedPhone: true, judicialBlacklisted: true, age: 66 }), defaultRuleSet, 1)),
    );
    expect(explanation.failedRules.map((r) => [r.ruleId, r.failedConditions.map((c) => c.id)])).toEqual([
      ['not_blacklisted', ['judicial', 'phone']],
      ['age_in_range', ['at_most_65']],
    ]);
  });
});
