// Risk's stable error codes.
import { defineErrors } from '@zulin/kernel';

export const RiskErrors = defineErrors({
  RISK_RULE_SET_INVALID: { status: 422, title: 'The rule set is not valid' },
  RISK_FACTS_INVALID: { status: 422, title: 'The facts of the application are not valid' },
  RISK_CUSTOMER_NOT_FOUND: { status: 404, title: 'Customer not found' },
  RISK_APPLICATION_INVALID: { status: 422, title: 'The application is not valid' },
  RISK_DECISION_NOT_FOUND: { status: 404, title: 'Decision not found' },
  RISK_RULE_SET_NOT_FOUND: { status: 404, title: 'Rule set version not found' },
  RISK_RULE_SET_NOT_DRAFT: { status: 409, title: 'Only a draft rule set can be changed, shadowed or published' },
  RISK_PUBLISH_SELF_APPROVAL: {
    status: 403,
    title: 'A rule set must be published by someone other than the person who last edited it',
  },
  RISK_NOTHING_TO_ROLL_BACK_TO: { status: 409, title: 'There is no earlier published rule set to go back to' },
  RISK_LIST_ENTRY_EXISTS: { status: 409, title: 'This value is already on that list' },
  RISK_LIST_ENTRY_NOT_FOUND: { status: 404, title: 'List entry not found' },
  RISK_LIST_VALUE_INVALID: { status: 422, title: 'The value is not valid for this kind of list entry' },
  RISK_BUREAU_UNAVAILABLE: { status: 503, title: 'The credit bureau cannot be reached; try again later' },
  RISK_JUDICIAL_UNAVAILABLE: { status: 503, title: 'The judicial blacklist cannot be reached; try again later' },
  RISK_CHANNEL_UNAVAILABLE: { status: 503, title: 'The payment channel’s risk level cannot be read; try again later' },
});
