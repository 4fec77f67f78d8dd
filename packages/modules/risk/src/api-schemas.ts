// TypeBox schemas of risk's API and the presenters that turn rows into them.
import { Instant, Nullable, Ref } from '@zulin/platform';
import { type Static, Type } from 'typebox';
import type { AlertRow } from './alerts';
import type { CreditLimitNow, LimitMoveRow } from './credit-limits';
import type { DeviceCommandRow, DeviceLocationRow, DeviceRow } from './devices';
import { FactsSchema } from './facts';
import { type GeofenceRow, regionOfRow } from './geofences';
import {
  alertKinds,
  alertStatuses,
  caseOrigins,
  caseOutcomes,
  caseStatuses,
  deviceCommandKinds,
  deviceCommandStatuses,
  deviceLockStates,
  geofenceShapes,
  limitMoveKinds,
  listKinds,
  listNames,
  ruleSetStatuses,
} from './kinds';
import type { ListEntryRow } from './list-entries';
import type { PartyNames } from './party-names';
import type { DecisionDetail, DecisionSummary, MyDecision } from './read-decisions';
import type { ReviewCaseRow } from './review-cases';
import { OutcomeSchema, RuleSetSchema } from './rule-set';
import type { RuleSetRow } from './rule-set-versions';

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

// ---- During the rental: devices, commands, locations, regions, alerts, credit-limit moves ----

const Degrees = Type.Number({ description: 'degrees (WGS-84)' });
const degrees = (e6: number) => e6 / 1_000_000;

export const DeviceCommandSchema = Type.Object(
  {
    id: Type.String(),
    deviceId: Type.String(),
    kind: Type.Enum(deviceCommandKinds),
    status: Type.Enum(deviceCommandStatuses),
    reason: Type.String(),
    reverses: Nullable(Type.String({ description: 'The lock an unlock undoes' })),
    failure: Nullable(
      Type.String({ description: 'device_offline, timeout, mdm_unreachable, device_released, or the MDM’s refusal' }),
    ),
    attempts: Type.Integer(),
    requestedBy: Type.String(),
    requestedByName: Nullable(Type.String()),
    createdAt: Instant,
    sentAt: Nullable(Instant),
    answeredAt: Nullable(Instant),
  },
  { $id: 'RiskDeviceCommand' },
);

export const DeviceSchema = Type.Object(
  {
    id: Type.String(),
    imei: Type.String(),
    customerId: Type.String(),
    customerLabel: Nullable(Type.String()),
    reference: Nullable(Type.String({ description: 'The order the phone is rented under' })),
    lockState: Type.Enum(deviceLockStates),
    lastLocation: Nullable(Type.Object({ lat: Degrees, lng: Degrees, reportedAt: Instant })),
    openAlerts: Type.Integer(),
    enrolledBy: Type.String(),
    enrolledByName: Nullable(Type.String()),
    enrolledAt: Instant,
    releasedAt: Nullable(Instant),
    releaseReason: Nullable(
      Type.String({
        description:
          'Why monitoring ended: the order state (inspecting, settled, bought_out, closed), swapped, or enrolled_again',
      }),
    ),
  },
  { $id: 'RiskDevice' },
);

export const DeviceLocationSchema = Type.Object(
  {
    id: Type.String(),
    lat: Degrees,
    lng: Degrees,
    accuracyM: Type.Integer(),
    inside: Nullable(Type.Boolean({ description: 'Inside an allowed region; null when none is configured' })),
    reportedAt: Instant,
    receivedAt: Instant,
  },
  { $id: 'RiskDeviceLocation' },
);

export const DeviceDetailSchema = Type.Object({
  device: Ref<Static<typeof DeviceSchema>>('RiskDevice'),
  commands: Type.Array(Ref<Static<typeof DeviceCommandSchema>>('RiskDeviceCommand')),
  locations: Type.Array(Ref<Static<typeof DeviceLocationSchema>>('RiskDeviceLocation')),
});

export const GeofenceSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    shape: Type.Enum(geofenceShapes),
    points: Type.Optional(Type.Array(Type.Tuple([Degrees, Degrees]), { description: '[lat, lng] of a polygon' })),
    centre: Type.Optional(Type.Tuple([Degrees, Degrees])),
    radiusM: Type.Optional(Type.Integer()),
    addedBy: Type.String(),
    createdAt: Instant,
  },
  { $id: 'RiskGeofence' },
);

export const AlertSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Enum(alertKinds),
    deviceId: Type.String(),
    imei: Nullable(Type.String()),
    customerId: Type.String(),
    customerLabel: Nullable(Type.String()),
    alertDate: Type.String({ format: 'date' }),
    status: Type.Enum(alertStatuses),
    reports: Type.Integer({ description: 'Reports outside the regions that day' }),
    first: Type.Object({ lat: Degrees, lng: Degrees, reportedAt: Instant }),
    latest: Type.Object({ lat: Degrees, lng: Degrees, reportedAt: Instant }),
    resolution: Nullable(Type.String()),
    resolvedByName: Nullable(Type.String()),
    resolvedAt: Nullable(Instant),
    createdAt: Instant,
  },
  { $id: 'RiskAlert' },
);

export const CreditLimitSchema = Type.Object(
  {
    customerId: Type.String(),
    customerLabel: Nullable(Type.String()),
    limitMinor: Nullable(Type.Integer({ description: 'The limit in force; null before any decision' })),
    source: Nullable(
      Type.Object({ kind: Type.Enum(['decision', 'review_case', 'move'] as const), id: Type.String(), at: Instant }),
    ),
    moves: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.Enum(limitMoveKinds),
        billId: Type.String(),
        billTitle: Nullable(Type.String({ description: "the bill's title (租金 第 3/12 期); null if it is gone" })),
        billDueDate: Nullable(Type.String({ format: 'date' })),
        ruleSetVersion: Type.Integer(),
        limitBeforeMinor: Type.Integer(),
        deltaMinor: Type.Integer(),
        limitAfterMinor: Type.Integer(),
        createdAt: Instant,
      }),
    ),
  },
  { $id: 'RiskCreditLimit' },
);

export function presentDeviceCommand(c: DeviceCommandRow, names: PartyNames) {
  return {
    id: c.id,
    deviceId: c.deviceId,
    kind: c.kind,
    status: c.status,
    reason: c.reason,
    reverses: c.reverses,
    failure: c.failure,
    attempts: c.attempts,
    requestedBy: c.requestedBy,
    requestedByName: names.staff(c.requestedBy),
    createdAt: c.createdAt.toISOString(),
    sentAt: c.sentAt?.toISOString() ?? null,
    answeredAt: c.answeredAt?.toISOString() ?? null,
  };
}

export function presentDevice(d: DeviceRow, names: PartyNames, openAlerts: number) {
  return {
    id: d.id,
    imei: d.imei,
    customerId: d.customerId,
    customerLabel: names.customer(d.customerId),
    reference: d.reference,
    lockState: d.lockState,
    lastLocation:
      d.lastLatE6 === null || d.lastLngE6 === null || d.lastReportedAt === null
        ? null
        : { lat: degrees(d.lastLatE6), lng: degrees(d.lastLngE6), reportedAt: d.lastReportedAt.toISOString() },
    openAlerts,
    enrolledBy: d.enrolledBy,
    enrolledByName: names.staff(d.enrolledBy),
    enrolledAt: d.enrolledAt.toISOString(),
    releasedAt: d.releasedAt?.toISOString() ?? null,
    releaseReason: d.releaseReason,
  };
}

export function presentDeviceLocation(l: DeviceLocationRow) {
  return {
    id: l.id,
    lat: degrees(l.latE6),
    lng: degrees(l.lngE6),
    accuracyM: l.accuracyM,
    inside: l.inside,
    reportedAt: l.reportedAt.toISOString(),
    receivedAt: l.receivedAt.toISOString(),
  };
}

export function presentGeofence(g: GeofenceRow) {
  const region = regionOfRow(g).definition;
  const point = (p: readonly [number, number]) => [degrees(p[0]), degrees(p[1])] as [number, number];
  return {
    id: g.id,
    name: g.name,
    shape: g.shape,
    ...(region.shape === 'polygon'
      ? { points: region.points.map(point) }
      : { centre: point(region.centre), radiusM: region.radiusM }),
    addedBy: g.addedBy,
    createdAt: g.createdAt.toISOString(),
  };
}

interface StoredPosition {
  latE6: number;
  lngE6: number;
  reportedAt: string;
}
const position = (p: StoredPosition) => ({ lat: degrees(p.latE6), lng: degrees(p.lngE6), reportedAt: p.reportedAt });

export function presentAlert(a: AlertRow, names: PartyNames, imei: string | null) {
  const detail = a.detail as { first: StoredPosition; latest: StoredPosition };
  return {
    id: a.id,
    kind: a.kind,
    deviceId: a.deviceId,
    imei,
    customerId: a.customerId,
    customerLabel: names.customer(a.customerId),
    alertDate: a.alertDate,
    status: a.status,
    reports: a.reports,
    first: position(detail.first),
    latest: position(detail.latest),
    resolution: a.resolution,
    resolvedByName: names.staff(a.resolvedBy),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}

export function presentCreditLimit(
  customerId: string,
  names: PartyNames,
  current: CreditLimitNow | null,
  moves: LimitMoveRow[],
  bills: ReadonlyMap<string, { title: string; dueDate: string }>,
) {
  return {
    customerId,
    customerLabel: names.customer(customerId),
    limitMinor: current?.limitMinor ?? null,
    source: current === null ? null : { ...current.source, at: current.source.at.toISOString() },
    moves: moves.map((m) => ({
      id: m.id,
      kind: m.kind,
      billId: m.billId,
      billTitle: bills.get(m.billId)?.title ?? null,
      billDueDate: bills.get(m.billId)?.dueDate ?? null,
      ruleSetVersion: m.ruleSetVersion,
      limitBeforeMinor: m.limitBeforeMinor,
      deltaMinor: m.deltaMinor,
      limitAfterMinor: m.limitAfterMinor,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}
