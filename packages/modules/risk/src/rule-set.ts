// A rule set is data: JSON validated by the schema below, with its conditions written in CEL (the
// Common Expression Language, a small, non-Turing-complete language made for stored policies).
// Rules are requirements: a rule holds when all (or any) of its conditions are true; a rule that
// does not hold asks for its outcome with its reason code. Then a points scorecard, score
// thresholds, the deposit waiver bands and the credit limit bands.
import { Environment } from '@marcbachmann/cel-js';
import type { FieldError } from '@zulin/kernel';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { RiskErrors } from './errors';
import { derivedNames, type FactName, factCelType, factNames } from './facts';
import { RiskLimits } from './limits';

/** Outcomes from the mildest to the most severe; the most severe any rule asks for wins. */
export const outcomes = ['approve', 'review', 'block_and_review', 'reject'] as const;
export type Outcome = (typeof outcomes)[number];
export const OutcomeSchema = Type.Enum(outcomes);

export function severity(outcome: Outcome): number {
  return outcomes.indexOf(outcome);
}

export function mostSevere(a: Outcome, b: Outcome): Outcome {
  return severity(a) >= severity(b) ? a : b;
}

const Id = Type.String({ pattern: '^[a-z][a-z0-9_]*$', minLength: 1, maxLength: RiskLimits.ruleIdLengthMax });
const ReasonCode = Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', minLength: 1, maxLength: RiskLimits.ruleIdLengthMax });
const Text = Type.String({ minLength: 1, maxLength: RiskLimits.descriptionLengthMax });
const Score = Type.Integer({ minimum: -RiskLimits.scoreAbsMax, maximum: RiskLimits.scoreAbsMax });

export const ConditionSchema = Type.Object(
  {
    id: Id,
    /** A CEL expression of type bool over the facts, `score` and `creditLimitMinor`. */
    expr: Type.String({ minLength: 1, maxLength: RiskLimits.expressionLengthMax }),
  },
  { additionalProperties: false },
);

export const RuleSchema = Type.Object(
  {
    id: Id,
    description: Text,
    /** `all`: the rule holds when every condition is true; `any`: when at least one is. */
    require: Type.Union([Type.Literal('all'), Type.Literal('any')]),
    conditions: Type.Array(ConditionSchema, { minItems: 1, maxItems: RiskLimits.conditionsPerRuleMax }),
    /** What the rule asks for when it does not hold. */
    outcome: OutcomeSchema,
    reasonCode: ReasonCode,
  },
  { additionalProperties: false },
);

export const BinSchema = Type.Object(
  {
    id: Id,
    /** Numeric facts: the bin holds values from `min` (inclusive) to `max` (exclusive); either may be left open. */
    min: Type.Optional(Score),
    max: Type.Optional(Score),
    /** String and boolean facts: the bin holds this one value. */
    equals: Type.Optional(Type.Union([Type.String({ maxLength: RiskLimits.ruleIdLengthMax }), Type.Boolean()])),
    points: Score,
  },
  { additionalProperties: false },
);

export const CharacteristicSchema = Type.Object(
  {
    id: Id,
    fact: Type.String({ maxLength: RiskLimits.ruleIdLengthMax }),
    /** The first bin that holds the fact's value gives its points; none → 0 points. */
    bins: Type.Array(BinSchema, { minItems: 1, maxItems: RiskLimits.binsPerCharacteristicMax }),
  },
  { additionalProperties: false },
);

export const RuleSetSchema = Type.Object(
  {
    name: Text,
    rules: Type.Array(RuleSchema, { maxItems: RiskLimits.rulesPerSetMax }),
    scorecard: Type.Object(
      {
        /** The score starts from this integer fact (the bureau score by default), or from 0. */
        baseFact: Type.Union([Type.String({ maxLength: RiskLimits.ruleIdLengthMax }), Type.Null()]),
        characteristics: Type.Array(CharacteristicSchema, { maxItems: RiskLimits.characteristicsMax }),
      },
      { additionalProperties: false },
    ),
    /** A score below `scoreBelow` asks for the outcome. */
    thresholds: Type.Array(
      Type.Object(
        { id: Id, scoreBelow: Score, outcome: OutcomeSchema, reasonCode: ReasonCode },
        { additionalProperties: false },
      ),
      { maxItems: RiskLimits.bandsMax },
    ),
    /** Highest `minScore` first; the first band at or below the score gives the waived share of the deposit. */
    waiverBands: Type.Array(
      Type.Object(
        { minScore: Score, waiverBps: Type.Integer({ minimum: 0, maximum: 10_000 }) },
        { additionalProperties: false },
      ),
      { maxItems: RiskLimits.bandsMax },
    ),
    /** Highest `minScore` first; the first band at or below the score gives the credit limit. */
    limitBands: Type.Array(
      Type.Object(
        { minScore: Score, limitMinor: Type.Integer({ minimum: 0, maximum: RiskLimits.creditLimitMaxMinor }) },
        { additionalProperties: false },
      ),
      { maxItems: RiskLimits.bandsMax },
    ),
    /**
     * During the rental: a bill paid in full without having been overdue raises the customer's
     * credit limit by `onTimeStepMinor` (up to `ceilingMinor`); a bill that goes overdue lowers it
     * by `lateStepMinor` (down to 0). Absent: the defaults of the built-in set.
     */
    limitMoves: Type.Optional(
      Type.Object(
        {
          onTimeStepMinor: Type.Integer({ minimum: 0, maximum: RiskLimits.creditLimitMaxMinor }),
          lateStepMinor: Type.Integer({ minimum: 0, maximum: RiskLimits.creditLimitMaxMinor }),
          ceilingMinor: Type.Integer({ minimum: 0, maximum: RiskLimits.creditLimitMaxMinor }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type RuleSet = Static<typeof RuleSetSchema>;
export type Rule = Static<typeof RuleSchema>;
export type Characteristic = Static<typeof CharacteristicSchema>;
export type Bin = Static<typeof BinSchema>;

/** The CEL environment every expression is checked and evaluated in: the facts and derived values, typed. */
export function celEnvironment(): Environment {
  const env = new Environment({
    limits: {
      maxAstNodes: RiskLimits.expressionAstNodesMax,
      maxDepth: RiskLimits.expressionDepthMax,
      maxListElements: RiskLimits.expressionListElementsMax,
      maxMapEntries: RiskLimits.expressionListElementsMax,
      maxCallArguments: 8,
    },
  });
  for (const name of factNames) env.registerVariable(name, factCelType(name));
  for (const name of derivedNames) env.registerVariable(name, 'int');
  return env;
}

const isFact = (name: string): name is FactName => (factNames as string[]).includes(name);

/**
 * Every problem of a rule set, each with a JSON pointer: the schema, unique ids, bands in order,
 * expressions that parse and are of type bool, scorecard facts that exist with bins of their type.
 */
export function ruleSetProblems(input: unknown): FieldError[] {
  if (!Value.Check(RuleSetSchema, input)) {
    return [...Value.Errors(RuleSetSchema, input)]
      .slice(0, RiskLimits.problemsReportedMax)
      .map((e) => ({ path: e.instancePath || '/', message: e.message }));
  }
  const ruleSet = input;
  const problems: FieldError[] = [];
  const env = celEnvironment();
  const ruleIds = new Set<string>();
  ruleSet.rules.forEach((rule, r) => {
    if (ruleIds.has(rule.id)) problems.push({ path: `/rules/${r}/id`, message: `Rule id ${rule.id} is used twice` });
    ruleIds.add(rule.id);
    const conditionIds = new Set<string>();
    rule.conditions.forEach((condition, c) => {
      const path = `/rules/${r}/conditions/${c}`;
      if (conditionIds.has(condition.id))
        problems.push({ path: `${path}/id`, message: `Condition id ${condition.id} is used twice` });
      conditionIds.add(condition.id);
      const message = expressionProblem(env, condition.expr);
      if (message !== null) problems.push({ path: `${path}/expr`, message });
    });
  });
  const { baseFact, characteristics } = ruleSet.scorecard;
  if (baseFact !== null && (!isFact(baseFact) || factCelType(baseFact) !== 'int')) {
    problems.push({ path: '/scorecard/baseFact', message: `${baseFact} is not an integer fact` });
  }
  characteristics.forEach((characteristic, k) => {
    const path = `/scorecard/characteristics/${k}`;
    if (!isFact(characteristic.fact)) {
      problems.push({ path: `${path}/fact`, message: `${characteristic.fact} is not a fact` });
      return;
    }
    const type = factCelType(characteristic.fact);
    characteristic.bins.forEach((bin, b) => {
      const numeric = bin.equals === undefined;
      if (type === 'int' && !numeric) {
        problems.push({ path: `${path}/bins/${b}`, message: 'An integer fact is binned with min and max' });
      }
      if (
        type !== 'int' &&
        (bin.min !== undefined ||
          bin.max !== undefined ||
          typeof bin.equals !== (type === 'bool' ? 'boolean' : 'string'))
      ) {
        problems.push({ path: `${path}/bins/${b}`, message: `A ${type} fact is binned with equals of its type` });
      }
      if (bin.min !== undefined && bin.max !== undefined && bin.min >= bin.max) {
        problems.push({ path: `${path}/bins/${b}`, message: 'min must be below max' });
      }
    });
  });
  const descending = (bands: readonly { minScore: number }[], name: string) => {
    for (let i = 1; i < bands.length; i++) {
      if ((bands[i]?.minScore ?? 0) >= (bands[i - 1]?.minScore ?? 0)) {
        problems.push({
          path: `/${name}/${i}/minScore`,
          message: 'Bands go from the highest minScore down, each lower than the last',
        });
      }
    }
  };
  descending(ruleSet.waiverBands, 'waiverBands');
  descending(ruleSet.limitBands, 'limitBands');
  return problems.slice(0, RiskLimits.problemsReportedMax);
}

function expressionProblem(env: Environment, expr: string): string | null {
  try {
    const checked = env.check(expr);
    if (!checked.valid) return firstLine(checked.error?.message ?? 'invalid expression');
    if (checked.type !== 'bool') return `The condition is of type ${checked.type}, not bool`;
    return null;
  } catch (e) {
    return firstLine(e instanceof Error ? e.message : String(e));
  }
}

const firstLine = (message: string) => message.split('\n')[0] ?? message;

/** The rule set, or RISK_RULE_SET_INVALID naming every problem. */
export function parseRuleSet(input: unknown): RuleSet {
  const problems = ruleSetProblems(input);
  if (problems.length > 0) {
    throw RiskErrors.RISK_RULE_SET_INVALID({
      errors: problems.map((p) => ({ ...p, path: `/body/ruleSet${p.path === '/' ? '' : p.path}` })),
    });
  }
  return input as RuleSet;
}
