import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { identityModule } from '@zulin/identity';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { backtestRuleSet } from './backtest-rule-set';
import { createRuleSetDraft } from './create-rule-set-draft';
import { defaultRuleSet } from './default-rule-set';
import { riskModule } from './module';

describeDb('risk demo data', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  const staff = {
    kind: 'staff' as const,
    staffId: 'stf_01JDEMOSEEDTEST000000000000',
    username: 'seed-test',
    role: 'admin' as const,
    permissions: new Set<never>(),
  };

  test('60 applications across the bands, every outcome, cases for the reviews; a second run changes nothing; a back-test shows the band edge', async () => {
    await identityModule.seed?.(s.ctx);
    const first = await riskModule.seed?.(s.ctx);
    const db = s.ctx.database.db;
    const outcomes = await queryRows<{ outcome: string; n: number }>(
      db,
      sql`select outcome, count(*)::int as n from risk_decisions group by outcome order by outcome`,
    );
    const byOutcome = Object.fromEntries(outcomes.map((row) => [row.outcome, row.n]));
    expect(byOutcome).toEqual({ approve: 32, block_and_review: 2, reject: 4, review: 22 });
    const twists = await queryRows<{ reference: string; outcome: string; reason_codes: string[] }>(
      db,
      sql`select a.reference, d.outcome, d.reason_codes from risk_decisions d join risk_applications a on a.id = d.application_id
          where a.reference in ('demo-risk-9', 'demo-risk-17', 'demo-risk-23', 'demo-risk-31', 'demo-risk-53') order by a.created_at`,
    );
    expect(twists.map((row) => [row.reference, row.outcome, row.reason_codes])).toEqual([
      ['demo-risk-9', 'reject', ['BLACKLISTED']],
      ['demo-risk-17', 'reject', ['AGE_OUT_OF_RANGE']],
      ['demo-risk-23', 'reject', ['VELOCITY_24H']],
      ['demo-risk-31', 'block_and_review', ['SHARED_DEVICE_OR_ADDRESS']],
      ['demo-risk-53', 'reject', ['AGE_OUT_OF_RANGE', 'ORDER_OVER_LIMIT']],
    ]);
    const [cases] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from risk_review_cases`);
    expect(cases?.n).toBe(24);
    // The published rule set v1 (the default set, drafted by the risk reviewer, published by the
    // administrator: maker–checker), then applications, decisions, cases; then the rental-time demo: the region, two phones, their four
    // location reports, 小李's acknowledged lock and her phone's geofence alert (seed-devices.ts).
    expect(first?.created).toBe(1 + 60 + 60 + 24 + (1 + 2 + 4 + 1 + 1));
    const ruleSets = await queryRows<{ version: number; status: string; edited_by: string; published_by: string }>(
      db,
      sql`select version, status, edited_by, published_by from risk_rule_sets`,
    );
    expect(ruleSets).toHaveLength(1);
    expect(ruleSets[0]).toMatchObject({ version: 1, status: 'published' });
    expect(ruleSets[0]?.edited_by).not.toBe(ruleSets[0]?.published_by);
    const versions = await queryRows<{ v: number }>(db, sql`select distinct rule_set_version as v from risk_decisions`);
    expect(versions).toEqual([{ v: 1 }]);
    const [alerts] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from risk_alerts where status = 'open'`,
    );
    expect(alerts?.n).toBe(1);
    // Every waiver band is represented.
    const waivers = await queryRows<{ waiver_bps: number }>(
      db,
      sql`select distinct waiver_bps from risk_decisions order by waiver_bps`,
    );
    expect(waivers.map((row) => row.waiver_bps)).toEqual([0, 3_000, 7_000, 10_000]);

    expect((await riskModule.seed?.(s.ctx))?.created).toBe(0);
    const [again] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from risk_applications`);
    expect(again?.n).toBe(60);

    // Raising the 70 % band from 650 to 660 moves exactly the decisions scored 650–659 (not rejected)
    // from 70 % to 30 %.
    const draft = await transaction(s.ctx.database, (tx) =>
      createRuleSetDraft(tx, s.clock, staff, {
        note: '70 % from 660',
        ruleSet: {
          ...defaultRuleSet,
          waiverBands: [
            { minScore: 700, waiverBps: 10_000 },
            { minScore: 660, waiverBps: 7_000 },
            { minScore: 600, waiverBps: 3_000 },
          ],
        },
      }),
    );
    const report = await backtestRuleSet(db, { version: draft.version });
    const expected = await queryRows<{ id: string }>(
      db,
      sql`select id from risk_decisions where score between 650 and 659 and waiver_bps = 7000 order by id`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(report.replayed).toBe(60);
    expect(report.changes.map((change) => change.decisionId).sort()).toEqual(expected.map((row) => row.id));
    expect(report).toMatchObject({ changed: expected.length, waiverChanged: expected.length, outcomeChanged: 0 });
    for (const change of report.changes) {
      expect(change.before.waiverBps).toBe(7_000);
      expect(change.after.waiverBps).toBe(3_000);
    }
  });
});
