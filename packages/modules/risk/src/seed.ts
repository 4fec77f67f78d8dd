// Demo decisions (sandbox only): RiskLimits.seedApplications recorded applications across the score
// bands (on and either side of every band edge: 700/699, 650/649, 600/599), with a few that a hard
// rule stops (judicial blacklist, age 17 and 66, a fourth application on one device, a device
// shared by three ID numbers, an order over the limit), so a back-test of a changed rule set shows
// real differences on a fresh start and the review queue has cases in it. The applicants are
// synthetic (test ID numbers, blind-indexed); their applications belong to the demo customers in
// turn. Each is decided by the rule set in force, exactly as a live one. Running it again changes
// nothing (the applications carry the reference `demo-risk-<n>`).
import { queryRows, transaction } from '@zulin/db';
import { blindIndex, findCustomerIdByPhone } from '@zulin/identity';
import { newId } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { activeRuleSet } from './active-rule-set';
import { decide } from './decide';
import { decisionColumns, opensReviewCase } from './decide-application';
import { defaultRuleSet } from './default-rule-set';
import type { Facts } from './facts';
import { RiskLimits } from './limits';
import { riskApplications, riskDecisions, riskReviewCases, riskRuleSets } from './schema';
import { cleanFacts, testIdNumber } from './testing';

const demoPhones = ['+8613800138000', '+8613900139000', '+8613700137000'];
/** Bureau scores in turn: on and beside each band edge of the default set. */
const bureauScores = [760, 720, 700, 699, 680, 660, 650, 649, 630, 610, 600, 599, 580, 540, 500];
const tiers: Facts['tier'][] = ['normal', 'silver', 'normal', 'gold'];
/** Minutes between two demo applications; the newest is this long before the seed runs. */
const spacingMinutes = 20;

/** The facts of demo application `n` (0-based): a clean applicant, then the twist some get. */
export function demoFacts(n: number): Facts {
  const orderValueMinor = 300_000 + (n % 7) * 100_000;
  const facts = cleanFacts({
    bureauScore: bureauScores[n % bureauScores.length] as number,
    tier: tiers[n % tiers.length] as Facts['tier'],
    age: 22 + (n % 30),
    orderValueMinor,
    depositMinor: Math.round(orderValueMinor / 2),
  });
  const twists: Record<number, Partial<Facts>> = {
    9: { judicialBlacklisted: true },
    17: { age: 17 },
    23: { deviceApplications24h: 4, deviceApplications30d: 4 },
    31: { deviceDistinctIds30d: 3 },
    38: { alipayRentalRiskLevel: 'high', wechatPayScoreLevel: 'medium' },
    44: { maxDaysPastDue: 12, onTimeRateBps: 8_000 },
    50: { orderValueMinor: 1_200_000, depositMinor: 600_000 },
    53: { age: 66 },
    57: { addressDistinctIds30d: 4 },
  };
  return { ...facts, ...twists[n] };
}

/**
 * The demo's rule set in force is a published version 1 (the default rule set, drafted by the risk
 * reviewer and published by the administrator), so the console's rule-set list has a version to
 * open and the demo decisions name it. Nothing when any version exists.
 */
export async function seedRuleSetVersion(ctx: AppContext): Promise<{ created: number }> {
  const db = ctx.database.db;
  const existing = await queryRows(db, sql`select 1 from risk_rule_sets limit 1`);
  if (existing.length > 0) return { created: 0 };
  const staff = await queryRows<{ username: string; id: string }>(
    db,
    sql`select username, id from identity_staff where username in ('risk_reviewer', 'admin')`,
  );
  const editor = staff.find((row) => row.username === 'risk_reviewer')?.id;
  const publisher = staff.find((row) => row.username === 'admin')?.id;
  if (editor === undefined || publisher === undefined) return { created: 0 };
  const now = ctx.clock.now();
  const inserted = await db
    .insert(riskRuleSets)
    .values({
      version: 1,
      status: 'published',
      ruleSet: defaultRuleSet,
      basedOn: 0,
      note: '初始规则集（与默认规则相同）',
      editedBy: editor,
      createdAt: now,
      updatedAt: now,
      publishedBy: publisher,
      publishedAt: now,
    })
    .onConflictDoNothing()
    .returning({ version: riskRuleSets.version });
  return { created: inserted.length };
}

export async function seedRisk(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const db = ctx.database.db;
  const ruleSet = await seedRuleSetVersion(ctx);
  const done = await queryRows(db, sql`select 1 from risk_applications where reference like 'demo-risk-%' limit 1`);
  if (done.length > 0) return { created: ruleSet.created };
  const customerIds: string[] = [];
  for (const phone of demoPhones) {
    const id = await findCustomerIdByPhone(db, ctx.config.masterKey, phone);
    if (id !== null) customerIds.push(id);
  }
  if (customerIds.length === 0) return { created: ruleSet.created };
  const { masterKey } = ctx.config;
  return transaction(ctx.database, async (tx) => {
    const live = await activeRuleSet(tx);
    const now = ctx.clock.now();
    const count = RiskLimits.seedApplications;
    const applications: (typeof riskApplications.$inferInsert)[] = [];
    const decisions: (typeof riskDecisions.$inferInsert)[] = [];
    const cases: (typeof riskReviewCases.$inferInsert)[] = [];
    for (let n = 0; n < count; n++) {
      const facts = demoFacts(n);
      const record = decide(facts, live.ruleSet, live.version);
      const createdAt = new Date(now.getTime() - (count - n) * spacingMinutes * 60_000);
      const customerId = customerIds[n % customerIds.length] as string;
      const applicationId = newId('rapp', ctx.clock);
      const decisionId = newId('rdec', ctx.clock);
      const idNumber = testIdNumber(100 + n, `19${String(60 + (n % 40)).padStart(2, '0')}0101`);
      applications.push({
        id: applicationId,
        customerId,
        purpose: 'rental',
        reference: `demo-risk-${n}`,
        idNumberBidx: blindIndex(masterKey, 'id_number', idNumber),
        phoneBidx: blindIndex(masterKey, 'phone', `+86139${String(10_000_000 + n).slice(-8)}`),
        deviceFingerprint: `demo-device-${n % 31}`,
        addressBidx: blindIndex(masterKey, 'address', `北京市东城区演示路 ${n} 号`),
        ip: `198.51.100.${1 + n}`,
        orderValueMinor: facts.orderValueMinor,
        depositMinor: facts.depositMinor,
        createdAt,
      });
      decisions.push({
        id: decisionId,
        applicationId,
        customerId,
        ...decisionColumns(record, live.version),
        sources: [],
        createdAt,
      });
      if (opensReviewCase(record)) {
        cases.push({
          id: newId('rcase', ctx.clock),
          decisionId,
          customerId,
          origin: 'decision',
          status: 'pending',
          slaDueAt: new Date(createdAt.getTime() + RiskLimits.reviewSlaMs),
          notes: [],
          createdAt,
        });
      }
    }
    await tx.insert(riskApplications).values(applications);
    await tx.insert(riskDecisions).values(decisions);
    if (cases.length > 0) await tx.insert(riskReviewCases).values(cases);
    return { created: ruleSet.created + applications.length + decisions.length + cases.length };
  });
}
