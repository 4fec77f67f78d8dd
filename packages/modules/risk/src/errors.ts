// Risk's stable error codes.
import { defineErrors } from '@zulin/kernel';

export const RiskErrors = defineErrors({
  RISK_RULE_SET_INVALID: { status: 422, title: 'The rule set is not valid' },
  RISK_FACTS_INVALID: { status: 422, title: 'The facts of the application are not valid' },
});
