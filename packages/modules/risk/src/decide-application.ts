// Deciding an application, in two halves (docs/modules.md, "Outside systems"):
// `prepareApplication` reads the customer and asks the outside systems, with no transaction open;
// `recordApplication` gathers the facts from our own tables in the command's transaction, decides
// with the published rule set (and the shadow draft, if any), and stores the application and the
// whole decision. `preCheck` does the same without storing anything, for the rental quote.
import { isIP } from 'node:net';
import { type Executor, emitEvent } from '@zulin/db';
import { ageOn, blindIndex, checkIdNumber, customerIdentity } from '@zulin/identity';
import { type BusinessDate, businessDateOf, newId } from '@zulin/kernel';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { activeRuleSet, shadowRuleSet } from './active-rule-set';
import { creditLimitOf } from './credit-limits';
import { type DecisionRecord, decide } from './decide';
import type { RiskDeps } from './deps';
import { RiskErrors } from './errors';
import type { Facts } from './facts';
import { fetchOutsideFacts, type OutsideAnswers } from './fetch-outside-facts';
import { RiskLimits } from './limits';
import { openReviewCase } from './open-review-case';
import type { Outcome } from './rule-set';
import { riskApplications, riskDecisions, riskListEntries } from './schema';

/** What the caller knows of the customer's history in other modules (orders, bills). */
export interface CustomerHistory {
  activeOrders: number;
  openBalanceMinor: number;
  onTimeRateBps: number;
  maxDaysPastDue: number;
}

export interface ApplicationInput {
  customerId: string;
  purpose: 'rental' | 'installment';
  /** The caller's order id, when there is one. */
  reference?: string | null;
  deviceFingerprint: string | null;
  ip: string | null;
  /** The shipping address as one line (province, city, district, street). */
  address: string | null;
  orderValueMinor: number;
  depositMinor: number;
  history: CustomerHistory;
}

export interface PreparedApplication {
  input: ApplicationInput;
  identityVerified: boolean;
  birthDate: BusinessDate | null;
  tier: Facts['tier'];
  keys: { idNumberBidx: string | null; phoneBidx: string; addressBidx: string | null };
  outside: OutsideAnswers;
}

/** The outside facts of a customer who cannot be asked about (no verified ID number). */
const UNASKED: OutsideAnswers = {
  facts: { bureauScore: 350, judicialBlacklisted: false, alipayRentalRiskLevel: 'none', wechatPayScoreLevel: 'none' },
  sources: [],
};

function checkInput(input: ApplicationInput): void {
  const errors: { path: string; message: string }[] = [];
  if (input.ip !== null && isIP(input.ip) === 0) errors.push({ path: '/ip', message: 'Not an IP address' });
  if (input.deviceFingerprint !== null && input.deviceFingerprint.length > RiskLimits.deviceFingerprintLengthMax) {
    errors.push({ path: '/deviceFingerprint', message: 'Too long' });
  }
  if (input.address !== null && input.address.length > RiskLimits.addressLengthMax) {
    errors.push({ path: '/address', message: 'Too long' });
  }
  if (errors.length > 0) throw RiskErrors.RISK_APPLICATION_INVALID({ errors });
}

export async function prepareApplication(
  db: Executor,
  deps: RiskDeps,
  input: ApplicationInput,
): Promise<PreparedApplication> {
  checkInput(input);
  const person = await customerIdentity(db, deps.masterKey, input.customerId);
  if (person === null) throw RiskErrors.RISK_CUSTOMER_NOT_FOUND();
  const checked = person.idNumber === null ? null : checkIdNumber(person.idNumber);
  const idNumber = checked?.ok === true ? checked.idNumber : null;
  const identityVerified = person.status === 'verified' && idNumber !== null;
  const outside =
    identityVerified && idNumber !== null
      ? await fetchOutsideFacts(deps.adapters, { idNumber, name: person.realName ?? '', phone: person.phone })
      : UNASKED;
  return {
    input,
    identityVerified,
    birthDate: checked?.ok === true ? checked.birthDate : null,
    tier: person.tier,
    keys: {
      idNumberBidx: idNumber === null ? null : blindIndex(deps.masterKey, 'id_number', idNumber),
      phoneBidx: blindIndex(deps.masterKey, 'phone', person.phone),
      addressBidx: input.address === null ? null : blindIndex(deps.masterKey, 'address', input.address),
    },
    outside,
  };
}

/** The facts of a prepared application at `now`: lists, velocity (this application counted) and age. */
export async function gatherFacts(
  db: Executor,
  deps: RiskDeps,
  prepared: PreparedApplication,
  now: Date,
): Promise<Facts> {
  const { input, keys } = prepared;
  const since24h = new Date(now.getTime() - RiskLimits.velocityShortMs);
  const since30d = new Date(now.getTime() - RiskLimits.velocityLongMs);
  const a = riskApplications;
  const count = (column: AnyPgColumn, value: string | null, since: Date) =>
    sql<number>`(count(*) filter (where ${column} = ${value} and ${a.createdAt} > ${since}))::int`;
  const distinctIds = (column: AnyPgColumn, value: string | null) =>
    sql<number>`(count(distinct ${a.idNumberBidx}) filter (where ${column} = ${value} and ${a.idNumberBidx} is distinct from ${keys.idNumberBidx}))::int`;
  const identifiers: [AnyPgColumn, string | null][] = [
    [a.idNumberBidx, keys.idNumberBidx],
    [a.phoneBidx, keys.phoneBidx],
    [a.deviceFingerprint, input.deviceFingerprint],
    [a.addressBidx, keys.addressBidx],
    [a.ip, input.ip],
  ];
  const [velocity] = await db
    .select({
      id24: count(a.idNumberBidx, keys.idNumberBidx, since24h),
      phone24: count(a.phoneBidx, keys.phoneBidx, since24h),
      device24: count(a.deviceFingerprint, input.deviceFingerprint, since24h),
      address24: count(a.addressBidx, keys.addressBidx, since24h),
      ip24: count(a.ip, input.ip, since24h),
      id30: count(a.idNumberBidx, keys.idNumberBidx, since30d),
      phone30: count(a.phoneBidx, keys.phoneBidx, since30d),
      device30: count(a.deviceFingerprint, input.deviceFingerprint, since30d),
      address30: count(a.addressBidx, keys.addressBidx, since30d),
      ip30: count(a.ip, input.ip, since30d),
      deviceIds: distinctIds(a.deviceFingerprint, input.deviceFingerprint),
      addressIds: distinctIds(a.addressBidx, keys.addressBidx),
    })
    .from(a)
    // Only rows sharing one of the identifiers can count: each is an indexed equality, so the
    // database reads those rows (a bitmap OR of the indexes), not the whole 30-day window.
    .where(
      and(
        sql`${a.createdAt} > ${since30d}`,
        or(...identifiers.flatMap(([column, value]) => (value === null ? [] : [eq(column, value)]))),
      ),
    );
  const v = velocity ?? {
    id24: 0,
    phone24: 0,
    device24: 0,
    address24: 0,
    ip24: 0,
    id30: 0,
    phone30: 0,
    device30: 0,
    address30: 0,
    ip30: 0,
    deviceIds: 0,
    addressIds: 0,
  };
  // The application itself counts once on each identifier it has.
  const self = (value: string | null) => (value === null ? 0 : 1);

  const l = riskListEntries;
  const entries = await db
    .select({ list: l.list, kind: l.kind })
    .from(l)
    .where(
      and(
        isNull(l.removedAt),
        or(
          keys.idNumberBidx === null ? undefined : and(eq(l.kind, 'id_number'), eq(l.value, keys.idNumberBidx)),
          and(eq(l.kind, 'phone'), eq(l.value, keys.phoneBidx)),
          input.deviceFingerprint === null
            ? undefined
            : and(eq(l.kind, 'device'), eq(l.value, input.deviceFingerprint)),
          keys.addressBidx === null ? undefined : and(eq(l.kind, 'address'), eq(l.value, keys.addressBidx)),
          input.ip === null ? undefined : and(eq(l.kind, 'ip_cidr'), sql`${input.ip}::inet <<= ${l.value}::cidr`),
        ),
      ),
    );
  const on = (list: 'blacklist' | 'allowlist', ...kinds: string[]) =>
    entries.some((e) => e.list === list && kinds.includes(e.kind));

  const applicationDate = businessDateOf(now, deps.timeZone);
  const limitInForce = await creditLimitOf(db, input.customerId);
  return {
    identityVerified: prepared.identityVerified,
    age: prepared.birthDate === null ? 0 : Math.max(0, ageOn(prepared.birthDate, applicationDate)),
    ...prepared.outside.facts,
    blacklistedId: on('blacklist', 'id_number'),
    blacklistedPhone: on('blacklist', 'phone'),
    blacklistedDevice: on('blacklist', 'device'),
    blacklistedAddress: on('blacklist', 'address'),
    blacklistedIp: on('blacklist', 'ip_cidr'),
    allowlisted: on('allowlist', 'id_number', 'phone'),
    tier: prepared.tier,
    activeOrders: input.history.activeOrders,
    openBalanceMinor: input.history.openBalanceMinor,
    onTimeRateBps: input.history.onTimeRateBps,
    maxDaysPastDue: input.history.maxDaysPastDue,
    idApplications24h: v.id24 + self(keys.idNumberBidx),
    phoneApplications24h: v.phone24 + 1,
    deviceApplications24h: v.device24 + self(input.deviceFingerprint),
    addressApplications24h: v.address24 + self(keys.addressBidx),
    ipApplications24h: v.ip24 + self(input.ip),
    idApplications30d: v.id30 + self(keys.idNumberBidx),
    phoneApplications30d: v.phone30 + 1,
    deviceApplications30d: v.device30 + self(input.deviceFingerprint),
    addressApplications30d: v.address30 + self(keys.addressBidx),
    ipApplications30d: v.ip30 + self(input.ip),
    deviceDistinctIds30d: input.deviceFingerprint === null ? 0 : v.deviceIds + self(keys.idNumberBidx),
    addressDistinctIds30d: keys.addressBidx === null ? 0 : v.addressIds + self(keys.idNumberBidx),
    orderValueMinor: input.orderValueMinor,
    depositMinor: input.depositMinor,
    limitInForceMinor: limitInForce?.limitMinor ?? -1,
  };
}

export interface RecordedDecision {
  decisionId: string;
  applicationId: string;
  outcome: Outcome;
  score: number;
  reasonCodes: string[];
  depositWaivedMinor: number;
  depositToHoldMinor: number;
  creditLimitMinor: number;
  ruleSetVersion: number;
  record: DecisionRecord;
}

export async function recordApplication(
  tx: Executor,
  deps: RiskDeps,
  prepared: PreparedApplication,
): Promise<RecordedDecision> {
  const now = deps.clock.now();
  const facts = await gatherFacts(tx, deps, prepared, now);
  const live = await activeRuleSet(tx);
  const record = decide(facts, live.ruleSet, live.version);
  const shadow = await shadowRuleSet(tx);
  const shadowRecord = shadow === null ? null : decide(facts, shadow.ruleSet, shadow.version);
  const applicationId = newId('rapp', deps.clock);
  const decisionId = newId('rdec', deps.clock);
  const { input, keys } = prepared;
  await tx.insert(riskApplications).values({
    id: applicationId,
    customerId: input.customerId,
    purpose: input.purpose,
    reference: input.reference ?? null,
    idNumberBidx: keys.idNumberBidx,
    phoneBidx: keys.phoneBidx,
    deviceFingerprint: input.deviceFingerprint,
    addressBidx: keys.addressBidx,
    ip: input.ip,
    orderValueMinor: input.orderValueMinor,
    depositMinor: input.depositMinor,
    createdAt: now,
  });
  await tx.insert(riskDecisions).values({
    id: decisionId,
    applicationId,
    customerId: input.customerId,
    ...decisionColumns(record, live.version),
    sources: prepared.outside.sources,
    shadowVersion: shadow?.version ?? null,
    shadowRecord,
    createdAt: now,
  });
  const opened = opensReviewCase(record)
    ? await openReviewCase(tx, deps.clock, { decisionId, customerId: input.customerId, origin: 'decision' })
    : null;
  await emitEvent(tx, now, {
    type: 'risk.decision_made',
    aggregateType: 'risk_decision',
    aggregateId: decisionId,
    payload: {
      decisionId,
      applicationId,
      customerId: input.customerId,
      purpose: input.purpose,
      reference: input.reference ?? null,
      ruleSetVersion: live.version,
      outcome: record.outcome,
      score: record.score.total,
      reasonCodes: record.reasonCodes,
      depositWaivedMinor: record.depositWaivedMinor,
      creditLimitMinor: record.creditLimitMinor,
      caseId: opened?.id ?? null,
    },
  });
  return summary(decisionId, applicationId, record);
}

/** The decision row's columns that come from the record (the rest say whose and when). */
export function decisionColumns(record: DecisionRecord, ruleSetVersion: number) {
  return {
    ruleSetVersion,
    outcome: record.outcome,
    score: record.score.total,
    reasonCodes: record.reasonCodes,
    waiverBps: record.waiverBps,
    depositWaivedMinor: record.depositWaivedMinor,
    creditLimitMinor: record.creditLimitMinor,
    record,
  };
}

/** A review or block_and_review outcome waits for a person (DOMAIN.md §4). */
export function opensReviewCase(record: DecisionRecord): boolean {
  return record.outcome === 'review' || record.outcome === 'block_and_review';
}

function summary(decisionId: string, applicationId: string, record: DecisionRecord): RecordedDecision {
  return {
    decisionId,
    applicationId,
    outcome: record.outcome,
    score: record.score.total,
    reasonCodes: record.reasonCodes,
    depositWaivedMinor: record.depositWaivedMinor,
    depositToHoldMinor: record.depositToHoldMinor,
    creditLimitMinor: record.creditLimitMinor,
    ruleSetVersion: record.ruleSetVersion,
    record,
  };
}

export interface PreCheck {
  outcome: Outcome;
  reasonCodes: string[];
  depositWaivedMinor: number;
  depositToHoldMinor: number;
  creditLimitMinor: number;
  ruleSetVersion: number;
}

/**
 * What the decision would be if the order were placed now, for the quote: nothing is stored and
 * the application is not counted for velocity. The real decision is made when the order is placed.
 */
export async function preCheck(db: Executor, deps: RiskDeps, input: ApplicationInput): Promise<PreCheck> {
  const prepared = await prepareApplication(db, deps, input);
  const facts = await gatherFacts(db, deps, prepared, deps.clock.now());
  const live = await activeRuleSet(db);
  const record = decide(facts, live.ruleSet, live.version);
  return {
    outcome: record.outcome,
    reasonCodes: record.reasonCodes,
    depositWaivedMinor: record.depositWaivedMinor,
    depositToHoldMinor: record.depositToHoldMinor,
    creditLimitMinor: record.creditLimitMinor,
    ruleSetVersion: record.ruleSetVersion,
  };
}
