// The public face of the risk module: the only file other modules may import.
export { riskDeps } from './adapters';
export { type ConditionResult, type DecisionRecord, decide, type RuleResult, type ScoreLine, waiverOf } from './decide';
export {
  type ApplicationInput,
  type CustomerHistory,
  type PreCheck,
  type PreparedApplication,
  preCheck,
  prepareApplication,
  type RecordedDecision,
  recordApplication,
} from './decide-application';
export { defaultRuleSet } from './default-rule-set';
export type { RiskDeps } from './deps';
export { RiskErrors } from './errors';
export { RiskEvents } from './events';
export { type Explanation, explainDecision, type FailedCondition } from './explain-decision';
export { type ChannelRiskLevel, channelRiskLevels, type FactName, type Facts, FactsSchema, factNames } from './facts';
export { RiskLimits } from './limits';
export { riskModule } from './module';
export {
  type Outcome,
  outcomes,
  parseRuleSet,
  type RuleSet,
  RuleSetSchema,
  ruleSetProblems,
  severity,
} from './rule-set';
