// Helpers other modules' tests (and this module's) may use: a clean application's facts.
import { idCheckChar } from '@zulin/identity';
import type { Facts } from './facts';

/**
 * A valid 18-digit ID number (region 110101, Beijing Dongcheng) born on `birthYYYYMMDD` with the
 * 3-digit `sequence` the sandboxes key on (docs/risk.md, "Test identities").
 */
export function testIdNumber(sequence: number, birthYYYYMMDD = '19900101'): string {
  const first17 = `110101${birthYYYYMMDD}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

/** A verified 30-year-old with a 700 bureau score, no history, no velocity: the default set approves it. */
export function cleanFacts(overrides: Partial<Facts> = {}): Facts {
  return {
    identityVerified: true,
    age: 30,
    bureauScore: 700,
    judicialBlacklisted: false,
    blacklistedId: false,
    blacklistedPhone: false,
    blacklistedDevice: false,
    blacklistedAddress: false,
    blacklistedIp: false,
    allowlisted: false,
    tier: 'normal',
    alipayRentalRiskLevel: 'none',
    wechatPayScoreLevel: 'none',
    activeOrders: 0,
    openBalanceMinor: 0,
    onTimeRateBps: 10_000,
    maxDaysPastDue: 0,
    idApplications24h: 1,
    phoneApplications24h: 1,
    deviceApplications24h: 1,
    addressApplications24h: 1,
    ipApplications24h: 1,
    idApplications30d: 1,
    phoneApplications30d: 1,
    deviceApplications30d: 1,
    addressApplications30d: 1,
    ipApplications30d: 1,
    deviceDistinctIds30d: 1,
    addressDistinctIds30d: 1,
    orderValueMinor: 300_000,
    depositMinor: 300_000,
    limitInForceMinor: -1,
    ...overrides,
  };
}
