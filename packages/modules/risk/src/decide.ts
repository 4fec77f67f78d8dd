// The decision engine, pure: facts and a rule set in, a decision record out. The record holds
// everything needed to explain the decision without running anything again: every fact and its
// value, the rule set version, the score line by line, every rule's result and every condition's
// truth value (each condition is evaluated on its own, never short-circuited), the thresholds that
// applied, the waiver and the limit.
import type { ASTNode, ParseResult } from '@marcbachmann/cel-js';
import { assert, Dec, mulRoundHalfUp } from '@zulin/kernel';
import { Value } from 'typebox/value';
import { RiskErrors } from './errors';
import { type DerivedName, type FactName, type Facts, FactsSchema, factCelType } from './facts';
import { celEnvironment, mostSevere, type Outcome, type RuleSet } from './rule-set';

export interface ConditionResult {
  id: string;
  expr: string;
  /** The condition's truth value; null when it could not be evaluated (see `error`), which counts as false. */
  value: boolean | null;
  error?: string;
  /** The facts and derived values the expression reads, with their values. */
  inputs: Record<string, number | boolean | string>;
}

export interface RuleResult {
  id: string;
  description: string;
  require: 'all' | 'any';
  /** Whether the rule's requirement holds; a rule that does not hold asks for its outcome. */
  held: boolean;
  outcome: Outcome;
  reasonCode: string;
  conditions: ConditionResult[];
}

export interface ScoreLine {
  characteristicId: string;
  fact: FactName;
  value: number | boolean | string;
  /** The bin that held the value, or null (0 points). */
  binId: string | null;
  points: number;
}

export interface ThresholdResult {
  id: string;
  scoreBelow: number;
  outcome: Outcome;
  reasonCode: string;
  applied: boolean;
}

export interface DecisionRecord {
  /** The record's own format, so that old records can be read after it changes. */
  format: 1;
  ruleSetVersion: number;
  facts: Facts;
  score: { base: number; baseFact: FactName | null; lines: ScoreLine[]; total: number };
  rules: RuleResult[];
  thresholds: ThresholdResult[];
  outcome: Outcome;
  /** The reason codes of every rule that did not hold and every threshold that applied, in rule-set order. */
  reasonCodes: string[];
  /** The waiver band's share of the deposit; 0 on reject. */
  waiverBps: number;
  depositWaivedMinor: number;
  depositToHoldMinor: number;
  /** The limit band's credit limit; 0 on reject. */
  creditLimitMinor: number;
}

interface Compiled {
  conditions: Map<string, { run: ParseResult; reads: string[] }>;
}

const compiledSets = new WeakMap<RuleSet, Compiled>();

function compile(ruleSet: RuleSet): Compiled {
  const cached = compiledSets.get(ruleSet);
  if (cached !== undefined) return cached;
  const env = celEnvironment();
  const conditions = new Map<string, { run: ParseResult; reads: string[] }>();
  for (const rule of ruleSet.rules) {
    for (const condition of rule.conditions) {
      if (conditions.has(condition.expr)) continue;
      const run = env.parse(condition.expr);
      conditions.set(condition.expr, { run, reads: identifiersOf(run.ast) });
    }
  }
  const compiled = { conditions };
  compiledSets.set(ruleSet, compiled);
  return compiled;
}

/** The variable names an expression reads, in order of first use. */
function identifiersOf(ast: ASTNode): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== 'object' || !('op' in node)) return;
    const { op, args } = node as { op: string; args: unknown };
    if (op === 'id' && typeof args === 'string') {
      if (!names.includes(args)) names.push(args);
      return;
    }
    visit(args);
  };
  visit(ast);
  return names;
}

type Values = Record<FactName | DerivedName, number | boolean | string>;

function celValue(name: string, value: number | boolean | string): unknown {
  const isInt = name === 'score' || name === 'creditLimitMinor' || factCelType(name as FactName) === 'int';
  return isInt && typeof value === 'number' ? BigInt(value) : value;
}

function binHolds(
  bin: RuleSet['scorecard']['characteristics'][number]['bins'][number],
  value: number | boolean | string,
): boolean {
  if (bin.equals !== undefined) return bin.equals === value;
  if (typeof value !== 'number') return false;
  return (bin.min === undefined || value >= bin.min) && (bin.max === undefined || value < bin.max);
}

function bandFor<B extends { minScore: number }>(bands: readonly B[], score: number): B | undefined {
  return bands.find((band) => score >= band.minScore);
}

/** Decides one application. `facts` must satisfy FactsSchema; `ruleSet` must have passed `parseRuleSet`. */
export function decide(facts: Facts, ruleSet: RuleSet, ruleSetVersion: number): DecisionRecord {
  if (!Value.Check(FactsSchema, facts)) {
    throw RiskErrors.RISK_FACTS_INVALID({
      errors: [...Value.Errors(FactsSchema, facts)].map((e) => ({
        path: `/facts${e.instancePath}`,
        message: e.message,
      })),
    });
  }
  const compiled = compile(ruleSet);

  const baseFact = ruleSet.scorecard.baseFact as FactName | null;
  const base = baseFact === null ? 0 : facts[baseFact];
  assert(typeof base === 'number', `The scorecard's base fact ${baseFact} is not a number`);
  const lines: ScoreLine[] = ruleSet.scorecard.characteristics.map((characteristic) => {
    const fact = characteristic.fact as FactName;
    const value = facts[fact];
    const bin = characteristic.bins.find((candidate) => binHolds(candidate, value));
    return { characteristicId: characteristic.id, fact, value, binId: bin?.id ?? null, points: bin?.points ?? 0 };
  });
  const total = base + lines.reduce((sum, line) => sum + line.points, 0);
  const limitBand = bandFor(ruleSet.limitBands, total);
  const bandLimitMinor = limitBand?.limitMinor ?? 0;

  // The limit the customer already has (payments moved it) is the limit; a first one comes from the score.
  const limitMinor = facts.limitInForceMinor >= 0 ? facts.limitInForceMinor : bandLimitMinor;
  const values: Values = { ...facts, score: total, creditLimitMinor: limitMinor };
  const context: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) context[name] = celValue(name, value);

  // Widened on purpose: the rules below raise it inside callbacks, which narrowing does not see.
  let outcome = 'approve' as Outcome;
  const reasonCodes: string[] = [];
  const rules: RuleResult[] = ruleSet.rules.map((rule) => {
    const conditions = rule.conditions.map((condition): ConditionResult => {
      const entry = compiled.conditions.get(condition.expr);
      assert(entry !== undefined, 'Every condition is compiled');
      const inputs: ConditionResult['inputs'] = {};
      for (const name of entry.reads) {
        if (name in values) inputs[name] = values[name as keyof Values];
      }
      try {
        const result: unknown = entry.run(context);
        if (typeof result !== 'boolean') {
          return {
            id: condition.id,
            expr: condition.expr,
            value: null,
            error: `not a bool: ${String(result)}`,
            inputs,
          };
        }
        return { id: condition.id, expr: condition.expr, value: result, inputs };
      } catch (e) {
        const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'error';
        return { id: condition.id, expr: condition.expr, value: null, error: message, inputs };
      }
    });
    const held =
      rule.require === 'all' ? conditions.every((c) => c.value === true) : conditions.some((c) => c.value === true);
    if (!held) {
      outcome = mostSevere(outcome, rule.outcome);
      if (!reasonCodes.includes(rule.reasonCode)) reasonCodes.push(rule.reasonCode);
    }
    return {
      id: rule.id,
      description: rule.description,
      require: rule.require,
      held,
      outcome: rule.outcome,
      reasonCode: rule.reasonCode,
      conditions,
    };
  });

  const thresholds = ruleSet.thresholds.map((threshold): ThresholdResult => {
    const applied = total < threshold.scoreBelow;
    if (applied) {
      outcome = mostSevere(outcome, threshold.outcome);
      if (!reasonCodes.includes(threshold.reasonCode)) reasonCodes.push(threshold.reasonCode);
    }
    return { ...threshold, applied };
  });

  const rejected = outcome === 'reject';
  const waiverBps = rejected ? 0 : (bandFor(ruleSet.waiverBands, total)?.waiverBps ?? 0);
  const depositWaivedMinor = waiverOf(facts.depositMinor, waiverBps);
  return {
    format: 1,
    ruleSetVersion,
    facts: { ...facts },
    score: { base, baseFact, lines, total },
    rules,
    thresholds,
    outcome,
    reasonCodes,
    waiverBps,
    depositWaivedMinor,
    depositToHoldMinor: facts.depositMinor - depositWaivedMinor,
    creditLimitMinor: rejected ? 0 : limitMinor,
  };
}

/** The waived part of a deposit: deposit × bps / 10 000, rounded half-up, never more than the deposit. */
export function waiverOf(depositMinor: number, waiverBps: number): number {
  assert(Number.isInteger(waiverBps) && waiverBps >= 0 && waiverBps <= 10_000, `waiverBps out of range: ${waiverBps}`);
  return mulRoundHalfUp(depositMinor, new Dec(waiverBps).div(10_000));
}
