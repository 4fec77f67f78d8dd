// Classification rules as data (DOMAIN.md §13: device, logistics, billing, service, app). A rule
// either looks for words and phrases in the text or looks at facts of the order the feedback is
// about; each carries a weight. Operators edit the rules in the console (反馈 → 分类规则, published as
// versions in `feedback_rule_sets`); this file holds the types and the validation every edited set
// goes through.
import type { FieldError } from '@zulin/kernel';
import { normaliseText } from '@zulin/support';
import { FeedbackErrors } from '../errors';
import { FeedbackLimits } from '../limits';

export const feedbackCategories = ['device', 'logistics', 'billing', 'service', 'app'] as const;
export type FeedbackCategory = (typeof feedbackCategories)[number];

/**
 * What the order tells about a feedback, gathered by the caller from rental, logistics and billing.
 * Every fact is optional: general feedback has no order, and a missing fact matches no rule.
 */
export interface OrderFacts {
  /** The customer reported a fault while the rental was active. */
  faultReportedDuringRental?: boolean;
  /** Whole days the delivery was signed for after the promised date (0 or less: on time). */
  deliveryLateDays?: number;
  /** The shipment ended in the carrier's exception or was sent back. */
  shipmentException?: boolean;
  /** Failed or disputed debits on the order's bills. */
  paymentIssues?: number;
  /** Damage charged at the return inspection, in 分. */
  inspectionChargedMinor?: number;
  /** The feedback was sent from the app's error screen. */
  sentFromErrorScreen?: boolean;
  /** Support tickets on the order that were reopened by the customer. */
  ticketsReopened?: number;
}
export type OrderFactName = keyof OrderFacts;

export const orderFactNames: readonly OrderFactName[] = Object.freeze([
  'faultReportedDuringRental',
  'deliveryLateDays',
  'shipmentException',
  'paymentIssues',
  'inspectionChargedMinor',
  'sentFromErrorScreen',
  'ticketsReopened',
]);

/** `is_true` for the yes/no facts; `at_least` for the counts and amounts. */
export type FactCondition =
  | { fact: OrderFactName; op: 'is_true' }
  | { fact: OrderFactName; op: 'at_least'; value: number };

export interface TermRule {
  id: string;
  kind: 'terms';
  category: FeedbackCategory;
  /** Added once per distinct term found. */
  weight: number;
  /** Chinese words and phrases are found anywhere in the text; Latin ones as whole words. */
  terms: readonly string[];
}

export interface FactRule {
  id: string;
  kind: 'fact';
  category: FeedbackCategory;
  weight: number;
  when: FactCondition;
}

export type ClassificationRule = TermRule | FactRule;

export interface ClassificationRules {
  version: string;
  rules: readonly ClassificationRule[];
  /** The score at which the winning category is fully trusted; below it the confidence falls in proportion. */
  confidentScore: number;
  /** Which category wins a tie, first wins. */
  tieOrder: readonly FeedbackCategory[];
}

const weightMax = 100;

function ruleErrors(rule: ClassificationRule, index: number, seen: Set<string>): FieldError[] {
  const path = `/rules/${index}`;
  const errors: FieldError[] = [];
  if (!/^[a-z][a-z0-9_]{0,47}$/.test(rule.id)) errors.push({ path: `${path}/id`, message: 'lower_snake_case id' });
  if (seen.has(rule.id)) errors.push({ path: `${path}/id`, message: `duplicate id ${rule.id}` });
  seen.add(rule.id);
  if (!feedbackCategories.includes(rule.category))
    errors.push({ path: `${path}/category`, message: 'unknown category' });
  if (!Number.isSafeInteger(rule.weight) || rule.weight < 1 || rule.weight > weightMax) {
    errors.push({ path: `${path}/weight`, message: `an integer 1–${weightMax}` });
  }
  if (rule.kind === 'terms') {
    if (rule.terms.length === 0 || rule.terms.length > FeedbackLimits.ruleTermsMax) {
      errors.push({ path: `${path}/terms`, message: `1–${FeedbackLimits.ruleTermsMax} terms` });
    }
    const terms = new Set<string>();
    rule.terms.forEach((term, t) => {
      const trimmed = term.trim();
      if (trimmed.length === 0 || trimmed !== term || term.length > FeedbackLimits.ruleTermLengthMax) {
        errors.push({ path: `${path}/terms/${t}`, message: 'a trimmed, non-empty term of at most 40 characters' });
      }
      // A term twice would count twice; terms are compared as the classifier reads them.
      const key = normaliseText(term);
      if (terms.has(key)) errors.push({ path: `${path}/terms/${t}`, message: `duplicate term ${term}` });
      terms.add(key);
    });
  } else {
    if (!orderFactNames.includes(rule.when.fact)) errors.push({ path: `${path}/when/fact`, message: 'unknown fact' });
    if (rule.when.op === 'at_least' && !Number.isSafeInteger(rule.when.value)) {
      errors.push({ path: `${path}/when/value`, message: 'an integer' });
    }
  }
  return errors;
}

/** Checks an edited rule set; every problem is listed with its path. */
export function validateClassificationRules(rules: ClassificationRules): ClassificationRules {
  const errors: FieldError[] = [];
  if (rules.rules.length > FeedbackLimits.classificationRulesMax) {
    errors.push({ path: '/rules', message: `at most ${FeedbackLimits.classificationRulesMax} rules` });
  }
  const seen = new Set<string>();
  rules.rules.slice(0, FeedbackLimits.classificationRulesMax).forEach((rule, index) => {
    errors.push(...ruleErrors(rule, index, seen));
  });
  if (!Number.isSafeInteger(rules.confidentScore) || rules.confidentScore < 1) {
    errors.push({ path: '/confidentScore', message: 'a positive integer' });
  }
  const tieOrder = new Set(rules.tieOrder);
  if (tieOrder.size !== feedbackCategories.length || !feedbackCategories.every((c) => tieOrder.has(c))) {
    errors.push({ path: '/tieOrder', message: 'every category exactly once' });
  }
  if (errors.length > 0) throw FeedbackErrors.FEEDBACK_RULES_INVALID({ errors });
  return rules;
}
