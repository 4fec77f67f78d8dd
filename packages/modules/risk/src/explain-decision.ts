// "Which condition failed?" answered from a stored decision record alone: no rule set, no engine.
import type { DecisionRecord } from './decide';
import type { Outcome } from './rule-set';

export interface FailedCondition {
  id: string;
  expr: string;
  /** The values the condition read, as recorded. */
  inputs: Record<string, number | boolean | string>;
  error?: string;
}

export interface Explanation {
  outcome: Outcome;
  reasonCodes: string[];
  /** Each rule that did not hold, with the conditions that were false (or could not be evaluated). */
  failedRules: { ruleId: string; reasonCode: string; outcome: Outcome; failedConditions: FailedCondition[] }[];
  /** Each score threshold that applied. */
  thresholds: { id: string; reasonCode: string; outcome: Outcome; score: number; scoreBelow: number }[];
  /** One line per failed condition and applied threshold, e.g. `age_in_range.at_least_18: age >= 18 was false (age = 17)`. */
  lines: string[];
}

export function explainDecision(record: DecisionRecord): Explanation {
  const failedRules = record.rules
    .filter((rule) => !rule.held)
    .map((rule) => ({
      ruleId: rule.id,
      reasonCode: rule.reasonCode,
      outcome: rule.outcome,
      failedConditions: rule.conditions
        .filter((condition) => condition.value !== true)
        .map(({ id, expr, inputs, error }) =>
          error === undefined ? { id, expr, inputs } : { id, expr, inputs, error },
        ),
    }));
  const thresholds = record.thresholds
    .filter((threshold) => threshold.applied)
    .map(({ id, reasonCode, outcome, scoreBelow }) => ({
      id,
      reasonCode,
      outcome,
      scoreBelow,
      score: record.score.total,
    }));
  const lines = [
    ...failedRules.flatMap((rule) =>
      rule.failedConditions.map((condition) => {
        const values = Object.entries(condition.inputs)
          .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
          .join(', ');
        const what = condition.error === undefined ? 'was false' : `could not be evaluated (${condition.error})`;
        return `${rule.ruleId}.${condition.id}: ${condition.expr} ${what}${values === '' ? '' : ` (${values})`} → ${rule.outcome} ${rule.reasonCode}`;
      }),
    ),
    ...thresholds.map((t) => `${t.id}: score ${t.score} is below ${t.scoreBelow} → ${t.outcome} ${t.reasonCode}`),
  ];
  return { outcome: record.outcome, reasonCodes: [...record.reasonCodes], failedRules, thresholds, lines };
}
