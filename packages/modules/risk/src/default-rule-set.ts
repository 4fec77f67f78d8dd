// The default rule set: DOMAIN.md §4 as data. Hard rejects (blacklists, identity, age 18–65, more
// than 2 active orders, more than 3 applications in 24 h on one ID, phone, device or address), the
// bureau score adjusted by tier, payment history and the channels' own risk levels, the deposit
// waiver by score (≥ 700 → 100 %, 650–699 → 70 %, 600–649 → 30 %, < 600 → 0 % and review) and a
// credit limit by score. docs/risk.md explains each number.
import type { RuleSet } from './rule-set';

export const defaultRuleSet: RuleSet = {
  name: 'DOMAIN.md §4 defaults',
  rules: [
    {
      id: 'not_blacklisted',
      description: 'Nothing of the application is on a blacklist, ours or the judicial one',
      require: 'all',
      conditions: [
        { id: 'judicial', expr: '!judicialBlacklisted' },
        { id: 'id_number', expr: '!blacklistedId' },
        { id: 'phone', expr: '!blacklistedPhone' },
        { id: 'device', expr: '!blacklistedDevice' },
        { id: 'address', expr: '!blacklistedAddress' },
        { id: 'ip', expr: '!blacklistedIp' },
      ],
      outcome: 'reject',
      reasonCode: 'BLACKLISTED',
    },
    {
      id: 'identity_verified',
      description: 'The customer passed real-name verification',
      require: 'all',
      conditions: [{ id: 'verified', expr: 'identityVerified' }],
      outcome: 'reject',
      reasonCode: 'IDENTITY_MISMATCH',
    },
    {
      id: 'age_in_range',
      description: 'The customer is 18 to 65 years old',
      require: 'all',
      conditions: [
        { id: 'at_least_18', expr: 'age >= 18' },
        { id: 'at_most_65', expr: 'age <= 65' },
      ],
      outcome: 'reject',
      reasonCode: 'AGE_OUT_OF_RANGE',
    },
    {
      id: 'active_orders',
      description: 'The customer has at most 2 active orders',
      require: 'all',
      conditions: [{ id: 'at_most_2', expr: 'activeOrders <= 2' }],
      outcome: 'reject',
      reasonCode: 'TOO_MANY_ACTIVE_ORDERS',
    },
    {
      id: 'velocity_24h',
      description: 'At most 3 applications in 24 h on one ID number, phone, device or address',
      require: 'all',
      conditions: [
        { id: 'id_number', expr: 'idApplications24h <= 3' },
        { id: 'phone', expr: 'phoneApplications24h <= 3' },
        { id: 'device', expr: 'deviceApplications24h <= 3' },
        { id: 'address', expr: 'addressApplications24h <= 3' },
      ],
      outcome: 'reject',
      reasonCode: 'VELOCITY_24H',
    },
    {
      id: 'shared_device_address',
      description: 'In 30 days, one device used by at most 2 ID numbers, one address by at most 3',
      require: 'all',
      conditions: [
        { id: 'device', expr: 'deviceDistinctIds30d <= 2' },
        { id: 'address', expr: 'addressDistinctIds30d <= 3' },
      ],
      outcome: 'block_and_review',
      reasonCode: 'SHARED_DEVICE_OR_ADDRESS',
    },
    {
      id: 'order_within_limit',
      description: 'What is applied for is worth no more than the credit limit',
      require: 'all',
      conditions: [{ id: 'value_within_limit', expr: 'orderValueMinor <= creditLimitMinor' }],
      outcome: 'review',
      reasonCode: 'ORDER_OVER_LIMIT',
    },
  ],
  scorecard: {
    baseFact: 'bureauScore',
    characteristics: [
      {
        id: 'tier',
        fact: 'tier',
        bins: [
          { id: 'normal', equals: 'normal', points: 0 },
          { id: 'silver', equals: 'silver', points: 10 },
          { id: 'gold', equals: 'gold', points: 20 },
          { id: 'platinum', equals: 'platinum', points: 30 },
        ],
      },
      {
        id: 'days_past_due',
        fact: 'maxDaysPastDue',
        bins: [
          { id: 'never_late', max: 1, points: 0 },
          { id: 'up_to_30', min: 1, max: 31, points: -30 },
          { id: 'over_30', min: 31, points: -100 },
        ],
      },
      {
        id: 'alipay_level',
        fact: 'alipayRentalRiskLevel',
        bins: [
          { id: 'none', equals: 'none', points: 0 },
          { id: 'low', equals: 'low', points: 0 },
          { id: 'medium', equals: 'medium', points: -30 },
          { id: 'high', equals: 'high', points: -80 },
        ],
      },
      {
        id: 'wechat_level',
        fact: 'wechatPayScoreLevel',
        bins: [
          { id: 'none', equals: 'none', points: 0 },
          { id: 'low', equals: 'low', points: 0 },
          { id: 'medium', equals: 'medium', points: -30 },
          { id: 'high', equals: 'high', points: -80 },
        ],
      },
    ],
  },
  thresholds: [{ id: 'score_below_600', scoreBelow: 600, outcome: 'review', reasonCode: 'SCORE_BELOW_600' }],
  waiverBands: [
    { minScore: 700, waiverBps: 10_000 },
    { minScore: 650, waiverBps: 7_000 },
    { minScore: 600, waiverBps: 3_000 },
  ],
  limitBands: [
    { minScore: 700, limitMinor: 1_500_000 },
    { minScore: 650, limitMinor: 1_000_000 },
    { minScore: 600, limitMinor: 600_000 },
    { minScore: 350, limitMinor: 300_000 },
  ],
  limitMoves: { onTimeStepMinor: 20_000, lateStepMinor: 50_000, ceilingMinor: 3_000_000 },
};
