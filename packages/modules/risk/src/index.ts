// The public face of the risk module: the only file other modules may import.
export { type MdmDeps, mdmDeps, riskDeps } from './adapters';
export { type CreditLimitNow, creditLimitOf } from './credit-limits';
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
export { enrolAtMdm, recordEnrolment } from './enrol-device';
export { enrolRequestedDevices, releaseDevice, requestEnrolment } from './enrol-on-delivery';
export { RiskErrors } from './errors';
export { RiskEvents } from './events';
export { type Explanation, explainDecision, type FailedCondition } from './explain-decision';
export { type ChannelRiskLevel, channelRiskLevels, type FactName, type Facts, FactsSchema, factNames } from './facts';
export { RiskLimits } from './limits';
export { riskModule, useMdmPoster } from './module';
export { requestDeviceCommand } from './request-device-command';
export {
  type Outcome,
  outcomes,
  parseRuleSet,
  type RuleSet,
  RuleSetSchema,
  ruleSetProblems,
  severity,
} from './rule-set';
