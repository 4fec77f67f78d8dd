// The facts a decision is made from: one flat record per application, every value a plain integer,
// boolean or string so that it can be stored as it was and replayed later (back-tests). The
// catalog below is the only place a fact is declared: the rule-set validator type-checks every
// expression against it, and `gatherFacts` fills every field from the adapters and our own tables.
import { type Static, Type } from 'typebox';

const Int = (description: string, minimum = 0, maximum = Number.MAX_SAFE_INTEGER) =>
  Type.Integer({ description, minimum, maximum });
const Flag = (description: string) => Type.Boolean({ description });

/** A payment channel's own view of the customer, normalised: `none` when the channel gave none. */
export const channelRiskLevels = ['none', 'low', 'medium', 'high'] as const;
export type ChannelRiskLevel = (typeof channelRiskLevels)[number];

export const tiers = ['normal', 'silver', 'gold', 'platinum'] as const;

export const FactsSchema = Type.Object(
  {
    identityVerified: Flag('The customer passed real-name verification (name, ID number, liveness)'),
    age: Int('Whole years from the birth date in the ID number to the application date', 0, 200),
    bureauScore: Int('Bureau score, Sesame-style 350–950', 350, 950),
    judicialBlacklisted: Flag('The judicial blacklist (失信被执行人) names this ID number'),
    blacklistedId: Flag('Our blacklist holds the ID number (blind index)'),
    blacklistedPhone: Flag('Our blacklist holds the phone number (blind index)'),
    blacklistedDevice: Flag('Our blacklist holds the device fingerprint'),
    blacklistedAddress: Flag('Our blacklist holds the shipping address (blind index)'),
    blacklistedIp: Flag('An IP range (CIDR) on our blacklist holds the IP address'),
    allowlisted: Flag('Our allowlist holds the ID number or the phone'),
    tier: Type.Enum(tiers, { description: 'Membership tier' }),
    alipayRentalRiskLevel: Type.Enum(channelRiskLevels, {
      description: 'Alipay rental-scene risk level (租物场景风险等级), normalised',
    }),
    wechatPayScoreLevel: Type.Enum(channelRiskLevels, {
      description: 'WeChat Pay Score user risk level (支付分用户分层), normalised',
    }),
    activeOrders: Int('Rental and installment orders of this customer not yet finished'),
    openBalanceMinor: Int('Unpaid bills of this customer, in 分'),
    onTimeRateBps: Int(
      'Share of this customer’s past bills paid by their due date, in basis points (10000 when none)',
      0,
      10_000,
    ),
    maxDaysPastDue: Int('Most days any bill of this customer is or was past due', 0, 100_000),
    idApplications24h: Int('Applications with this ID number in the last 24 h, this one included'),
    phoneApplications24h: Int('Applications with this phone in the last 24 h, this one included'),
    deviceApplications24h: Int('Applications from this device in the last 24 h, this one included'),
    addressApplications24h: Int('Applications to this shipping address in the last 24 h, this one included'),
    ipApplications24h: Int('Applications from this IP address in the last 24 h, this one included'),
    idApplications30d: Int('Applications with this ID number in the last 30 days, this one included'),
    phoneApplications30d: Int('Applications with this phone in the last 30 days, this one included'),
    deviceApplications30d: Int('Applications from this device in the last 30 days, this one included'),
    addressApplications30d: Int('Applications to this shipping address in the last 30 days, this one included'),
    ipApplications30d: Int('Applications from this IP address in the last 30 days, this one included'),
    deviceDistinctIds30d: Int('Distinct ID numbers that applied from this device in 30 days, this one included'),
    addressDistinctIds30d: Int('Distinct ID numbers that applied to this address in 30 days, this one included'),
    orderValueMinor: Int('Market value of what is applied for, in 分'),
    depositMinor: Int('The deposit the plan asks for, in 分'),
    limitInForceMinor: Int(
      'The customer’s credit limit in force before this application (payments move it), in 分; −1 when none yet',
      -1,
    ),
  },
  { additionalProperties: false },
);

export type Facts = Static<typeof FactsSchema>;
export type FactName = keyof Facts;

/** Each fact's type as the expression language sees it (integers are CEL `int`). */
export function factCelType(name: FactName): 'int' | 'bool' | 'string' {
  const schema = FactsSchema.properties[name] as { type?: string };
  if (schema.type === 'integer') return 'int';
  if (schema.type === 'boolean') return 'bool';
  return 'string';
}

export const factNames = Object.keys(FactsSchema.properties) as FactName[];

/** Values the engine derives before the rules run; rules may read them like facts. */
export const derivedNames = ['score', 'creditLimitMinor'] as const;
export type DerivedName = (typeof derivedNames)[number];

/** Facts recorded before a fact was added get its neutral value, so old decisions still replay. */
export function withFactDefaults(facts: Partial<Facts> & Omit<Facts, 'limitInForceMinor'>): Facts {
  return { limitInForceMinor: -1, ...facts };
}
