// TypeBox schemas of risk's API and the presenters that turn rows into them.
import { type Static, Type } from 'typebox';
import { FactsSchema } from './facts';
import { caseOrigins, caseOutcomes, caseStatuses, listKinds, listNames, ruleSetStatuses } from './kinds';
import type { ListEntryRow } from './list-entries';
import type { PartyNames } from './party-names';
import type { DecisionDetail, DecisionSummary, MyDecision } from './read-decisions';
import type { ReviewCaseRow } from './review-cases';
import { OutcomeSchema, RuleSetSchema } from './rule-set';
import type { RuleSetRow } from './rule-set-versions';

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DecisionSchema = Type.Object(
  {
    id: Type.String(),
    applicationId: Type.String(),
    customerId: Type.String(),
    customerLabel: Nullable(Type.String({ description: 'Masked name and phone, as staff see the customer' })),
    ruleSetVersion: Type.Integer(),
    outcome: OutcomeSchema,
    score: Type.Integer(),
    reasonCodes: Type.Array(Type.String()),
    waiverBps: Type.Integer(),
    depositWaivedMinor: Type.Integer(),
    creditLimitMinor: Type.Integer(),
    shadowVersion: Nullable(Type.Integer()),
    shadowOutcome: Nullable(OutcomeSchema),
    createdAt: Instant,
  },
  { $id: 'RiskDecision' },
);

const FactValue = Type.Union([Type.Number(), Type.Boolean(), Type.String()]);

/** The record as decided (decide.ts, `DecisionRecord`): facts, score lines, every rule and condition. */
export const DecisionRecordSchema = Type.Object(
  {
    format: Type.Literal(1),
    ruleSetVersion: Type.Integer(),
    facts: FactsSchema,
    score: Type.Object({
      base: Type.Integer(),
      baseFact: Nullable(Type.String()),
      lines: Type.Array(
        Type.Object({
          characteristicId: Type.String(),
          fact: Type.String(),
          value: FactValue,
          binId: Nullable(Type.String()),
          points: Type.Integer(),
        }),
      ),
      total: Type.Integer(),
    }),
    rules: Type.Array(
      Type.Object({
        id: Type.String(),
        description: Type.String(),
        require: Type.Enum(['all', 'any'] as const),
        held: Type.Boolean(),
        outcome: OutcomeSchema,
        reasonCode: Type.String(),
        conditions: Type.Array(
          Type.Object({
            id: Type.String(),
            expr: Type.String(),
            value: Nullable(Type.Boolean()),
            error: Type.Optional(Type.String()),
            inputs: Type.Record(Type.String(), FactValue),
          }),
        ),
      }),
    ),
    thresholds: Type.Array(
      Type.Object({
        id: Type.String(),
        scoreBelow: Type.Integer(),
        outcome: OutcomeSchema,
        reasonCode: Type.String(),
        applied: Type.Boolean(),
      }),
    ),
    outcome: OutcomeSchema,
    reasonCodes: Type.Array(Type.String()),
    waiverBps: Type.Integer(),
    depositWaivedMinor: Type.Integer(),
    depositToHoldMinor: Type.Integer(),
    creditLimitMinor: Type.Integer(),
  },
  { description: 'The decision record (facts, score lines, rules, conditions, thresholds)' },
);

export const DecisionDetailSchema = Type.Object(
  {
    ...DecisionSchema.properties,
    record: DecisionRecordSchema,
    shadowRecord: Nullable(DecisionRecordSchema),
    explanation: Type.Object({
      outcome: OutcomeSchema,
      reasonCodes: Type.Array(Type.String()),
      lines: Type.Array(Type.String(), { description: 'One line per failed condition and applied threshold' }),
      failedRules: Type.Array(
        Type.Object({
          ruleId: Type.String(),
          reasonCode: Type.String(),
          outcome: OutcomeSchema,
          failedConditions: Type.Array(
            Type.Object({
              id: Type.String(),
              expr: Type.String(),
              inputs: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Boolean(), Type.String()])),
              error: Type.Optional(Type.String()),
            }),
          ),
        }),
      ),
    }),
    sources: Type.Array(Type.Object({ system: Type.String(), adapter: Type.String(), reference: Type.String() })),
  },
  { $id: 'RiskDecisionDetail' },
);

export const ListEntrySchema = Type.Object(
  {
    id: Type.String(),
    list: Type.Enum(listNames),
    kind: Type.Enum(listKinds),
    display: Type.String({ description: 'Masked for ID numbers, phones and addresses' }),
    reason: Type.String(),
    addedBy: Type.String(),
    createdAt: Instant,
  },
  { $id: 'RiskListEntry' },
);

export const RuleSetVersionSchema = Type.Object(
  {
    version: Type.Integer(),
    status: Type.Enum(ruleSetStatuses),
    ruleSet: RuleSetSchema,
    basedOn: Nullable(Type.Integer()),
    note: Type.String(),
    shadow: Type.Boolean(),
    editedBy: Type.String(),
    createdAt: Instant,
    updatedAt: Instant,
    publishedBy: Nullable(Type.String()),
    publishedAt: Nullable(Instant),
    retiredAt: Nullable(Instant),
  },
  { $id: 'RiskRuleSetVersion' },
);

const DecisionSide = Type.Object({
  outcome: OutcomeSchema,
  score: Type.Integer(),
  waiverBps: Type.Integer(),
  depositWaivedMinor: Type.Integer(),
  creditLimitMinor: Type.Integer(),
  reasonCodes: Type.Array(Type.String()),
});

export const BacktestSchema = Type.Object(
  {
    version: Type.Integer(),
    replayed: Type.Integer(),
    changed: Type.Integer(),
    outcomeChanged: Type.Integer(),
    waiverChanged: Type.Integer(),
    limitChanged: Type.Integer(),
    changes: Type.Array(
      Type.Object({
        decisionId: Type.String(),
        ruleSetVersion: Type.Integer(),
        before: DecisionSide,
        after: DecisionSide,
      }),
    ),
  },
  { $id: 'RiskBacktest' },
);

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function presentDecision(d: DecisionSummary, names: PartyNames): Static<typeof DecisionSchema> {
  return { ...d, customerLabel: names.customer(d.customerId), createdAt: d.createdAt.toISOString() };
}

export function presentDecisionDetail(d: DecisionDetail, names: PartyNames) {
  return {
    ...presentDecision(d, names),
    record: d.record,
    shadowRecord: d.shadowRecord,
    explanation: d.explanation,
    sources: d.sources,
  };
}

export function presentListEntry(e: ListEntryRow): Static<typeof ListEntrySchema> {
  return {
    id: e.id,
    list: e.list,
    kind: e.kind,
    display: e.display,
    reason: e.reason,
    addedBy: e.addedBy,
    createdAt: e.createdAt.toISOString(),
  };
}

export function presentRuleSet(r: RuleSetRow) {
  return {
    ...r,
    ruleSet: r.ruleSet as Static<typeof RuleSetSchema>,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    publishedAt: iso(r.publishedAt),
    retiredAt: iso(r.retiredAt),
  };
}

export const ReviewCaseSchema = Type.Object(
  {
    id: Type.String(),
    decisionId: Type.String(),
    customerId: Type.String(),
    customerLabel: Nullable(Type.String({ description: 'Masked name and phone, as staff see the customer' })),
    origin: Type.Enum(caseOrigins),
    status: Type.Enum(caseStatuses),
    slaDueAt: Instant,
    breached: Type.Boolean(),
    assignedTo: Nullable(Type.String()),
    assignedToName: Nullable(Type.String()),
    notes: Type.Array(
      Type.Object({
        at: Instant,
        by: Type.String({ description: 'A staff id, or "customer" for the appeal text' }),
        byName: Nullable(Type.String()),
        text: Type.String(),
      }),
    ),
    resolution: Nullable(Type.Enum(['approve', 'reject'] as const)),
    outcome: Nullable(Type.Enum(caseOutcomes)),
    waiverBps: Nullable(Type.Integer()),
    depositWaivedMinor: Nullable(Type.Integer()),
    creditLimitMinor: Nullable(Type.Integer()),
    closedBy: Nullable(Type.String()),
    closedByName: Nullable(Type.String()),
    closedAt: Nullable(Instant),
    createdAt: Instant,
  },
  { $id: 'RiskReviewCase' },
);

/** The staff and customers a page of cases names, for `partyNames`. */
export function partiesOf(cases: readonly ReviewCaseRow[]) {
  return {
    customerIds: cases.map((c) => c.customerId),
    staffIds: cases.flatMap((c) => [c.assignedTo, c.closedBy, ...caseNotes(c).map((n) => n.by)]),
  };
}

const caseNotes = (c: ReviewCaseRow) => c.notes as { at: string; by: string; text: string }[];

export function presentReviewCase(c: ReviewCaseRow, names: PartyNames): Static<typeof ReviewCaseSchema> {
  return {
    id: c.id,
    decisionId: c.decisionId,
    customerId: c.customerId,
    customerLabel: names.customer(c.customerId),
    origin: c.origin,
    status: c.status,
    slaDueAt: c.slaDueAt.toISOString(),
    breached: c.breachedAt !== null,
    assignedTo: c.assignedTo,
    assignedToName: names.staff(c.assignedTo),
    notes: caseNotes(c).map((n) => ({ ...n, byName: n.by === 'customer' ? null : names.staff(n.by) })),
    resolution: c.resolution,
    outcome: c.outcome,
    waiverBps: c.waiverBps,
    depositWaivedMinor: c.depositWaivedMinor,
    creditLimitMinor: c.creditLimitMinor,
    closedBy: c.closedBy,
    closedByName: names.staff(c.closedBy),
    closedAt: iso(c.closedAt),
    createdAt: c.createdAt.toISOString(),
  };
}

/** What the customer is told of their appeal: its state and when a reviewer answers by. */
export const MyAppealSchema = Type.Object(
  { decisionId: Type.String(), status: Type.Enum(caseStatuses), slaDueAt: Instant, createdAt: Instant },
  { $id: 'RiskMyAppeal' },
);

export function presentMyAppeal(c: ReviewCaseRow): Static<typeof MyAppealSchema> {
  return {
    decisionId: c.decisionId,
    status: c.status,
    slaDueAt: c.slaDueAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
  };
}

export const MyDecisionSchema = Type.Object(
  {
    id: Type.String(),
    outcome: OutcomeSchema,
    reasonCodes: Type.Array(Type.String(), { description: 'Stable codes; the app words them for the customer' }),
    depositMinor: Type.Integer(),
    depositWaivedMinor: Type.Integer(),
    depositToHoldMinor: Type.Integer(),
    creditLimitMinor: Type.Integer(),
    appeal: Nullable(
      Type.Object({
        status: Type.Enum(caseStatuses),
        resolution: Nullable(Type.Enum(['approve', 'reject'] as const)),
      }),
    ),
    createdAt: Instant,
  },
  { $id: 'RiskMyDecision' },
);

export function presentMyDecision(d: MyDecision): Static<typeof MyDecisionSchema> {
  return { ...d, createdAt: d.createdAt.toISOString() };
}
