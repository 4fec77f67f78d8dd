// The public face of the risk module: the only file other modules may import.
export { type ConditionResult, type DecisionRecord, decide, type RuleResult, type ScoreLine, waiverOf } from './decide';
export { defaultRuleSet } from './default-rule-set';
export { RiskErrors } from './errors';
export { type Explanation, explainDecision, type FailedCondition } from './explain-decision';
export { type ChannelRiskLevel, channelRiskLevels, type FactName, type Facts, FactsSchema, factNames } from './facts';
export { RiskLimits } from './limits';
export {
  type Outcome,
  outcomes,
  parseRuleSet,
  type RuleSet,
  RuleSetSchema,
  ruleSetProblems,
  severity,
} from './rule-set';
