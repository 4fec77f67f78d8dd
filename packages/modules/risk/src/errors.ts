// Risk's stable error codes.
import { defineErrors } from '@zulin/kernel';

export const RiskErrors = defineErrors({
  RISK_RULE_SET_INVALID: { status: 422, title: 'The rule set is not valid' },
  RISK_FACTS_INVALID: { status: 422, title: 'The facts of the application are not valid' },
  RISK_BUREAU_UNAVAILABLE: { status: 503, title: 'The credit bureau cannot be reached; try again later' },
  RISK_JUDICIAL_UNAVAILABLE: { status: 503, title: 'The judicial blacklist cannot be reached; try again later' },
  RISK_CHANNEL_UNAVAILABLE: { status: 503, title: 'The payment channel’s risk level cannot be read; try again later' },
});
