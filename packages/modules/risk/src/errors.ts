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
  RISK_CASE_NOT_FOUND: { status: 404, title: 'Review case not found' },
  RISK_CASE_CLOSED: { status: 409, title: 'The review case is closed' },
  RISK_CASE_CLAIMED: { status: 409, title: 'Another reviewer has claimed this case' },
  RISK_CASE_NOT_CLAIMED: { status: 409, title: 'Claim the case before closing it' },
  RISK_CASE_NOTES_FULL: { status: 409, title: 'The case has as many notes as it may have' },
  RISK_APPEAL_NOT_REJECTED: { status: 409, title: 'Only a rejected decision can be appealed' },
  RISK_APPEAL_ALREADY_MADE: { status: 409, title: 'This decision was already appealed' },
  RISK_BUREAU_UNAVAILABLE: { status: 503, title: 'The credit bureau cannot be reached; try again later' },
  RISK_JUDICIAL_UNAVAILABLE: { status: 503, title: 'The judicial blacklist cannot be reached; try again later' },
  RISK_CHANNEL_UNAVAILABLE: { status: 503, title: 'The payment channel’s risk level cannot be read; try again later' },
});
