// The console's classification-rule editor: the shapes it reads (a rule set version, the history, a
// trial classification, the suggestions) and writes (a new version, a draft to try), and the
// functions that present rows.
import { Instant, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import { CategorySchema } from './api-schemas';
import type { Classification } from './classify/classify';
import { feedbackCategories, type OrderFactName, orderFactNames } from './classify/rules';
import { FeedbackLimits } from './limits';
import type { RuleSetRow } from './rule-sets';

// The rule objects allow other fields: the request validator strips unknown fields, and with a
// union it would strip the second kind's fields while trying the first (`when` off a fact rule).
// The use case rebuilds each rule field by field (`cleanRules`), so nothing else is stored.
// Request bounds are generous: the rules (ids, 1–100 weights, 1–200 trimmed terms of at most 40
// characters, every category once in the tie order, …) are the core's `validateClassificationRules`,
// refused with FEEDBACK_RULES_INVALID naming every field.
const FactSchema = Type.Unsafe<OrderFactName>(Type.Union(orderFactNames.map((f) => Type.Literal(f))));
const RuleId = Type.String({ maxLength: 64, description: 'lower_snake_case, unique in the set' });
const Weight = Type.Integer({ description: '1–100: added per distinct term found, or once when the fact holds' });

const TermRuleSchema = Type.Object(
  {
    id: RuleId,
    kind: Type.Literal('terms'),
    category: CategorySchema,
    weight: Weight,
    terms: Type.Array(Type.String({ maxLength: FeedbackLimits.ruleTermLengthMax * 2 }), {
      maxItems: FeedbackLimits.ruleTermsMax * 2,
      description: 'Chinese terms are found anywhere in the text; Latin ones as whole words (+s/es/ed/d/ing)',
    }),
  },
  { additionalProperties: true },
);

const FactRuleSchema = Type.Object(
  {
    id: RuleId,
    kind: Type.Literal('fact'),
    category: CategorySchema,
    weight: Weight,
    when: Type.Union([
      Type.Object({ fact: FactSchema, op: Type.Literal('is_true') }, { additionalProperties: true }),
      Type.Object(
        { fact: FactSchema, op: Type.Literal('at_least'), value: Type.Integer() },
        { additionalProperties: true },
      ),
    ]),
  },
  { additionalProperties: true },
);

/** What an editor writes: the rules in order, the confident score and the tie order. */
export const ruleSetContentFields = {
  rules: Type.Array(Type.Union([TermRuleSchema, FactRuleSchema]), {
    maxItems: FeedbackLimits.classificationRulesMax * 2,
  }),
  confidentScore: Type.Integer({
    description:
      'the winning score at which the category is fully trusted; below it the confidence falls in proportion',
  }),
  tieOrder: Type.Array(CategorySchema, {
    maxItems: feedbackCategories.length * 2,
    description: 'every category once: which wins a tie, first wins',
  }),
};

export const RulesVersion = Type.String({ minLength: 1, maxLength: 64 });

export const RuleSetSchema = Type.Object(
  {
    version: Type.String({ description: 'default-1 for the defaults, then r2, r3, …' }),
    ...ruleSetContentFields,
    publishedAt: Instant,
    publishedBy: Nullable(Type.String({ description: 'staff id; null for the defaults' })),
    publishedByName: Nullable(Type.String()),
    note: Nullable(Type.String()),
  },
  { $id: 'FeedbackRuleSet', title: 'FeedbackRuleSet' },
);

export const RuleSetVersionSchema = Type.Object(
  {
    version: Type.String(),
    rules: Type.Integer({ description: 'how many rules the version holds' }),
    current: Type.Boolean(),
    publishedAt: Instant,
    publishedBy: Nullable(Type.String()),
    publishedByName: Nullable(Type.String()),
    note: Nullable(Type.String()),
  },
  { $id: 'FeedbackRuleSetVersion', title: 'FeedbackRuleSetVersion' },
);

const Scores = Type.Object(
  Object.fromEntries(feedbackCategories.map((c) => [c, Type.Integer({ minimum: 0 })])) as Record<
    (typeof feedbackCategories)[number],
    ReturnType<typeof Type.Integer>
  >,
);

export const TrialClassificationSchema = Type.Object({
  category: Type.Union([CategorySchema, Type.Null()]),
  confidencePct: Type.Integer({ minimum: 0, maximum: 100 }),
  scores: Scores,
  matched: Type.Array(
    Type.Object({
      ruleId: Type.String(),
      category: CategorySchema,
      score: Type.Integer(),
      terms: Type.Array(Type.String()),
    }),
  ),
});

/** The facts of an order a trial may add to its text (general feedback has none). */
export const TrialFactsSchema = Type.Object(
  {
    faultReportedDuringRental: Type.Optional(Type.Boolean()),
    deliveryLateDays: Type.Optional(Type.Integer()),
    shipmentException: Type.Optional(Type.Boolean()),
    paymentIssues: Type.Optional(Type.Integer({ minimum: 0 })),
    inspectionChargedMinor: Type.Optional(Type.Integer({ minimum: 0 })),
    sentFromErrorScreen: Type.Optional(Type.Boolean()),
    ticketsReopened: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const RuleSuggestionSchema = Type.Object({
  kind: Type.Unsafe<'add_term' | 'review_rule'>(Type.Union([Type.Literal('add_term'), Type.Literal('review_rule')])),
  category: CategorySchema,
  term: Type.Optional(Type.String({ description: 'add_term: the word to add to the category' })),
  ruleId: Type.Optional(
    Type.String({ description: 'review_rule: a rule that matched feedback corrected to another category' }),
  ),
  corrections: Type.Integer({ minimum: 0, description: 'the corrections behind it' }),
  feedbackIds: Type.Array(Type.String(), { description: 'the newest of those feedbacks' }),
});

export function presentRuleSet(row: RuleSetRow, names: ReadonlyMap<string, string>) {
  return {
    version: row.version,
    rules: row.rules,
    confidentScore: row.confidentScore,
    tieOrder: row.tieOrder,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    publishedByName: row.publishedBy === null ? null : (names.get(row.publishedBy) ?? null),
    note: row.note,
  };
}

export function presentTrial(classification: Classification) {
  return {
    category: classification.category,
    confidencePct: classification.confidencePct,
    scores: classification.scores,
    matched: classification.matched,
  };
}
