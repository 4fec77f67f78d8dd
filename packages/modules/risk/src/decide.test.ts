import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, waiverOf } from './decide';
import { defaultRuleSet } from './default-rule-set';
import { channelRiskLevels, type Facts } from './facts';
import { outcomes, parseRuleSet, type RuleSet, severity } from './rule-set';
import { cleanFacts } from './testing';

const run = (overrides: Partial<Facts>) => decide(cleanFacts(overrides), defaultRuleSet, 1);

describe('decide with the default rule set (DOMAIN.md §4)', () => {
  it('waives the deposit by score: 700 → 100 %, 699/650 → 70 %, 649/600 → 30 %, 599 → 0 % and review', () => {
    const cases: [number, number, number, string, string[]][] = [
      [700, 10_000, 300_000, 'approve', []],
      [699, 7_000, 210_000, 'approve', []],
      [650, 7_000, 210_000, 'approve', []],
      [649, 3_000, 90_000, 'approve', []],
      [600, 3_000, 90_000, 'approve', []],
      [599, 0, 0, 'review', ['SCORE_BELOW_600']],
    ];
    for (const [bureauScore, waiverBps, waived, outcome, reasons] of cases) {
      const record = run({ bureauScore, depositMinor: 300_000 });
      expect({ bureauScore, score: record.score.total, waiverBps: record.waiverBps }).toEqual({
        bureauScore,
        score: bureauScore,
        waiverBps,
      });
      expect(record.depositWaivedMinor).toBe(waived);
      expect(record.depositToHoldMinor).toBe(300_000 - waived);
      expect(record.outcome).toBe(outcome);
      expect(record.reasonCodes).toEqual(reasons);
    }
  });

  it('rejects a blacklisted applicant, with nothing waived and no limit', () => {
    for (const flag of [
      'blacklistedId',
      'blacklistedPhone',
      'blacklistedDevice',
      'blacklistedAddress',
      'blacklistedIp',
      'judicialBlacklisted',
    ] as const) {
      const record = run({ [flag]: true, bureauScore: 800 });
      expect(record.outcome).toBe('reject');
      expect(record.reasonCodes).toEqual(['BLACKLISTED']);
      expect(record.depositWaivedMinor).toBe(0);
      expect(record.creditLimitMinor).toBe(0);
    }
  });

  it('rejects the fourth application in 24 h on one device, not the third', () => {
    expect(run({ deviceApplications24h: 3 }).outcome).toBe('approve');
    const fourth = run({ deviceApplications24h: 4 });
    expect(fourth.outcome).toBe('reject');
    expect(fourth.reasonCodes).toEqual(['VELOCITY_24H']);
    const rule = fourth.rules.find((r) => r.id === 'velocity_24h');
    expect(rule?.conditions.map((c) => [c.id, c.value])).toEqual([
      ['id_number', true],
      ['phone', true],
      ['device', false],
      ['address', true],
    ]);
  });

  it('rejects ages 17 and 66 and accepts 18 and 65', () => {
    expect(run({ age: 17 }).outcome).toBe('reject');
    expect(run({ age: 66 }).outcome).toBe('reject');
    expect(run({ age: 18 }).outcome).toBe('approve');
    expect(run({ age: 65 }).outcome).toBe('approve');
    const at17 = run({ age: 17 }).rules.find((r) => r.id === 'age_in_range');
    expect(at17?.conditions).toEqual([
      { id: 'at_least_18', expr: 'age >= 18', value: false, inputs: { age: 17 } },
      { id: 'at_most_65', expr: 'age <= 65', value: true, inputs: { age: 17 } },
    ]);
  });

  it('rejects an unverified identity and a third active order', () => {
    expect(run({ identityVerified: false }).reasonCodes).toEqual(['IDENTITY_MISMATCH']);
    expect(run({ activeOrders: 2 }).outcome).toBe('approve');
    expect(run({ activeOrders: 3 }).reasonCodes).toEqual(['TOO_MANY_ACTIVE_ORDERS']);
  });

  it('lets the most severe outcome win and lists every reason', () => {
    const record = run({ age: 17, bureauScore: 550, deviceDistinctIds30d: 3, orderValueMinor: 300_001 });
    expect(record.outcome).toBe('reject');
    expect(record.reasonCodes).toEqual([
      'AGE_OUT_OF_RANGE',
      'SHARED_DEVICE_OR_ADDRESS',
      'ORDER_OVER_LIMIT',
      'SCORE_BELOW_600',
    ]);
    expect(run({ deviceDistinctIds30d: 3 }).outcome).toBe('block_and_review');
  });

  it('adjusts the score by tier, history and the channels’ risk levels, line by line', () => {
    const record = run({ bureauScore: 690, tier: 'gold', maxDaysPastDue: 5, alipayRentalRiskLevel: 'medium' });
    expect(record.score).toEqual({
      base: 690,
      baseFact: 'bureauScore',
      total: 690 + 20 - 30 - 30,
      lines: [
        { characteristicId: 'tier', fact: 'tier', value: 'gold', binId: 'gold', points: 20 },
        { characteristicId: 'days_past_due', fact: 'maxDaysPastDue', value: 5, binId: 'up_to_30', points: -30 },
        {
          characteristicId: 'alipay_level',
          fact: 'alipayRentalRiskLevel',
          value: 'medium',
          binId: 'medium',
          points: -30,
        },
        { characteristicId: 'wechat_level', fact: 'wechatPayScoreLevel', value: 'none', binId: 'none', points: 0 },
      ],
    });
    expect(record.score.total).toBe(650);
    expect(record.waiverBps).toBe(7_000);
    expect(record.creditLimitMinor).toBe(1_000_000);
    expect(run({ bureauScore: 690, tier: 'gold', maxDaysPastDue: 5, alipayRentalRiskLevel: 'high' }).waiverBps).toBe(
      3_000,
    ); // 600
  });

  it('asks for review when the order is worth more than the credit limit', () => {
    expect(run({ bureauScore: 700, orderValueMinor: 1_500_000 }).outcome).toBe('approve');
    const over = run({ bureauScore: 700, orderValueMinor: 1_500_001 });
    expect(over.outcome).toBe('review');
    expect(over.reasonCodes).toEqual(['ORDER_OVER_LIMIT']);
    expect(over.rules.find((r) => r.id === 'order_within_limit')?.conditions[0]?.inputs).toEqual({
      orderValueMinor: 1_500_001,
      creditLimitMinor: 1_500_000,
    });
  });

  it('compares with the limit in force when the customer has one (moved by payments), else the score band', () => {
    const moved = run({ bureauScore: 700, orderValueMinor: 1_400_001, limitInForceMinor: 1_400_000 });
    expect(moved).toMatchObject({ outcome: 'review', reasonCodes: ['ORDER_OVER_LIMIT'], creditLimitMinor: 1_400_000 });
    // Raised past the band by on-time payments: ¥16,000 at a 700 score.
    expect(run({ bureauScore: 700, orderValueMinor: 1_600_000, limitInForceMinor: 1_600_000 })).toMatchObject({
      outcome: 'approve',
      creditLimitMinor: 1_600_000,
    });
    // Moved down to nothing: any order is over it.
    expect(run({ bureauScore: 760, orderValueMinor: 1, limitInForceMinor: 0 }).reasonCodes).toEqual([
      'ORDER_OVER_LIMIT',
    ]);
    expect(run({ bureauScore: 700, limitInForceMinor: -1 }).creditLimitMinor).toBe(1_500_000);
  });

  it('records every fact, the version, and every condition of every rule', () => {
    const facts = cleanFacts({ bureauScore: 720 });
    const record = decide(facts, defaultRuleSet, 7);
    expect(record.ruleSetVersion).toBe(7);
    expect(record.facts).toEqual(facts);
    expect(record.rules.map((r) => r.id)).toEqual(defaultRuleSet.rules.map((r) => r.id));
    expect(record.rules.flatMap((r) => r.conditions).length).toBe(
      defaultRuleSet.rules.reduce((n, r) => n + r.conditions.length, 0),
    );
    expect(record.rules.every((r) => r.conditions.every((c) => typeof c.value === 'boolean'))).toBe(true);
    // The record survives a JSON round trip unchanged (it is stored as jsonb).
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it('refuses facts outside their schema with RISK_FACTS_INVALID', () => {
    expect(() => run({ bureauScore: 951 })).toThrow(expect.objectContaining({ code: 'RISK_FACTS_INVALID' }));
    expect(() => run({ tier: 'diamond' as Facts['tier'] })).toThrow(
      expect.objectContaining({ code: 'RISK_FACTS_INVALID' }),
    );
  });
});

describe('decide with other rule sets', () => {
  const base: RuleSet = { ...defaultRuleSet, rules: [], thresholds: [] };

  it('holds an `any` rule when one condition is true and records the others', () => {
    const ruleSet = parseRuleSet({
      ...base,
      rules: [
        {
          id: 'known_or_verified',
          description: 'Allowlisted or verified',
          require: 'any',
          conditions: [
            { id: 'allowlisted', expr: 'allowlisted' },
            { id: 'verified', expr: 'identityVerified' },
          ],
          outcome: 'block_and_review',
          reasonCode: 'UNKNOWN_CUSTOMER',
        },
      ],
    });
    const held = decide(cleanFacts({ allowlisted: false, identityVerified: true }), ruleSet, 2);
    expect(held.outcome).toBe('approve');
    expect(held.rules[0]?.conditions.map((c) => c.value)).toEqual([false, true]);
    const failed = decide(cleanFacts({ allowlisted: false, identityVerified: false }), ruleSet, 2);
    expect(failed.outcome).toBe('block_and_review');
    expect(failed.rules[0]?.conditions.map((c) => c.value)).toEqual([false, false]);
  });

  it('counts a condition that fails at run time as false and records the error', () => {
    const ruleSet = parseRuleSet({
      ...base,
      rules: [
        {
          id: 'ratio',
          description: 'Order value per unit of age',
          require: 'all',
          conditions: [{ id: 'divides', expr: 'orderValueMinor / (age - 30) < 100000' }],
          outcome: 'review',
          reasonCode: 'RATIO',
        },
      ],
    });
    const record = decide(cleanFacts({ age: 30 }), ruleSet, 3);
    expect(record.outcome).toBe('review');
    expect(record.rules[0]?.conditions[0]?.value).toBeNull();
    expect(record.rules[0]?.conditions[0]?.error).toMatch(/division by zero/i);
  });

  it('gives 0 waiver and 0 limit below every band', () => {
    const record = decide(
      cleanFacts({ bureauScore: 350 }),
      { ...base, limitBands: [{ minScore: 400, limitMinor: 1 }] },
      4,
    );
    expect(record.waiverBps).toBe(0);
    expect(record.depositWaivedMinor).toBe(0);
    expect(record.creditLimitMinor).toBe(0);
  });
});

describe('properties of the default rule set', () => {
  const facts = fc.record({
    age: fc.integer({ min: 0, max: 120 }),
    bureauScore: fc.integer({ min: 350, max: 950 }),
    judicialBlacklisted: fc.boolean(),
    blacklistedDevice: fc.boolean(),
    identityVerified: fc.boolean(),
    activeOrders: fc.integer({ min: 0, max: 6 }),
    deviceApplications24h: fc.integer({ min: 1, max: 8 }),
    addressDistinctIds30d: fc.integer({ min: 1, max: 6 }),
    maxDaysPastDue: fc.integer({ min: 0, max: 400 }),
    alipayRentalRiskLevel: fc.constantFrom(...channelRiskLevels),
    orderValueMinor: fc.oneof(fc.constantFrom(0, 1, 1_500_000, 1_500_001), fc.integer({ min: 0, max: 3_000_000 })),
    depositMinor: fc.oneof(
      fc.constantFrom(0, 1, 2, Number.MAX_SAFE_INTEGER),
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    ),
  });

  it('never waives more than the deposit, nor less than 0, and holds the rest', () => {
    fc.assert(
      fc.property(facts, (partial) => {
        const record = decide(cleanFacts(partial), defaultRuleSet, 1);
        expect(record.depositWaivedMinor).toBeGreaterThanOrEqual(0);
        expect(record.depositWaivedMinor).toBeLessThanOrEqual(partial.depositMinor);
        expect(record.depositWaivedMinor + record.depositToHoldMinor).toBe(partial.depositMinor);
        expect(Number.isSafeInteger(record.depositWaivedMinor)).toBe(true);
      }),
    );
  });

  it('is monotone: more risk is never a milder outcome, a larger waiver or a larger limit', () => {
    const riskier = fc.record({
      scoreDrop: fc.integer({ min: 0, max: 600 }),
      blacklist: fc.boolean(),
      unverify: fc.boolean(),
      moreOrders: fc.integer({ min: 0, max: 3 }),
      moreDeviceApps: fc.integer({ min: 0, max: 3 }),
      moreSharing: fc.integer({ min: 0, max: 3 }),
      moreDaysPastDue: fc.integer({ min: 0, max: 100 }),
      worseLevel: fc.boolean(),
      moreValue: fc.integer({ min: 0, max: 1_000_000 }),
    });
    const worse = (level: Facts['alipayRentalRiskLevel']) => (level === 'none' || level === 'low' ? 'medium' : 'high');
    fc.assert(
      fc.property(facts, riskier, (partial, more) => {
        const before = decide(cleanFacts(partial), defaultRuleSet, 1);
        const after = decide(
          cleanFacts({
            ...partial,
            bureauScore: Math.max(350, partial.bureauScore - more.scoreDrop),
            judicialBlacklisted: partial.judicialBlacklisted || more.blacklist,
            identityVerified: partial.identityVerified && !more.unverify,
            activeOrders: partial.activeOrders + more.moreOrders,
            deviceApplications24h: partial.deviceApplications24h + more.moreDeviceApps,
            addressDistinctIds30d: partial.addressDistinctIds30d + more.moreSharing,
            maxDaysPastDue: partial.maxDaysPastDue + more.moreDaysPastDue,
            alipayRentalRiskLevel: more.worseLevel
              ? worse(partial.alipayRentalRiskLevel)
              : partial.alipayRentalRiskLevel,
            orderValueMinor: partial.orderValueMinor + more.moreValue,
          }),
          defaultRuleSet,
          1,
        );
        expect(severity(after.outcome)).toBeGreaterThanOrEqual(severity(before.outcome));
        expect(after.depositWaivedMinor).toBeLessThanOrEqual(before.depositWaivedMinor);
        expect(after.creditLimitMinor).toBeLessThanOrEqual(before.creditLimitMinor);
      }),
    );
  });
});

describe('waiverOf', () => {
  it('rounds half-up and stays within the deposit at 0, 1 分 and the largest amount', () => {
    expect(waiverOf(0, 10_000)).toBe(0);
    expect(waiverOf(1, 3_000)).toBe(0);
    expect(waiverOf(1, 7_000)).toBe(1);
    expect(waiverOf(5, 3_000)).toBe(2); // 1.5 → 2
    expect(waiverOf(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
        fc.oneof(fc.constantFrom(0, 1, 9_999, 10_000), fc.integer({ min: 0, max: 10_000 })),
        (deposit, bps) => {
          const waived = waiverOf(deposit, bps);
          expect(waived).toBeGreaterThanOrEqual(0);
          expect(waived).toBeLessThanOrEqual(deposit);
        },
      ),
    );
  });
});

it('orders outcomes approve < review < block_and_review < reject', () => {
  expect(outcomes.map(severity)).toEqual([0, 1, 2, 3]);
});
