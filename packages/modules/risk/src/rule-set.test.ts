import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from './default-rule-set';
import { parseRuleSet, ruleSetProblems } from './rule-set';

const withRule = (expr: string) => ({
  ...defaultRuleSet,
  rules: [
    { id: 'r', description: 'r', require: 'all', conditions: [{ id: 'c', expr }], outcome: 'review', reasonCode: 'R' },
  ],
});

describe('rule set validation', () => {
  it('accepts the default rule set', () => {
    expect(ruleSetProblems(defaultRuleSet)).toEqual([]);
    expect(parseRuleSet(JSON.parse(JSON.stringify(defaultRuleSet)))).toEqual(defaultRuleSet);
  });

  it('refuses an expression that does not parse, names an unknown fact, mixes types or is not bool', () => {
    expect(ruleSetProblems(withRule('age <'))).toEqual([
      { path: '/rules/0/conditions/0/expr', message: expect.stringMatching(/Unexpected/) },
    ]);
    expect(ruleSetProblems(withRule('salary > 1'))).toEqual([
      { path: '/rules/0/conditions/0/expr', message: expect.stringMatching(/Unknown variable: salary/) },
    ]);
    expect(ruleSetProblems(withRule('age < "18"'))[0]?.message).toMatch(/no such overload/);
    expect(ruleSetProblems(withRule('age + 1'))[0]?.message).toBe('The condition is of type int, not bool');
  });

  it('refuses duplicate ids, bands out of order and bins of the wrong type', () => {
    const problems = ruleSetProblems({
      ...defaultRuleSet,
      rules: [defaultRuleSet.rules[0], defaultRuleSet.rules[0]],
      waiverBands: [
        { minScore: 600, waiverBps: 3_000 },
        { minScore: 700, waiverBps: 10_000 },
      ],
      scorecard: {
        baseFact: 'tier',
        characteristics: [{ id: 'age', fact: 'age', bins: [{ id: 'x', equals: 'old', points: 1 }] }],
      },
    });
    expect(problems.map((p) => p.path)).toEqual([
      '/rules/1/id',
      '/scorecard/baseFact',
      '/scorecard/characteristics/0/bins/0',
      '/waiverBands/1/minScore',
    ]);
  });

  it('refuses what the schema does not allow, with RISK_RULE_SET_INVALID naming the fields', () => {
    expect(() => parseRuleSet({ ...defaultRuleSet, waiverBands: [{ minScore: 700, waiverBps: 10_001 }] })).toThrow(
      expect.objectContaining({
        code: 'RISK_RULE_SET_INVALID',
        errors: [expect.objectContaining({ path: '/body/ruleSet/waiverBands/0/waiverBps' })],
      }),
    );
    expect(ruleSetProblems({ ...defaultRuleSet, extra: 1 }).length).toBeGreaterThan(0);
  });
});
