// The outside half of a decision (docs/modules.md, "Outside systems are never called while a
// transaction is open"): asks the bureau, the judicial blacklist and both payment channels, at the
// same time, each through its timeout, retries and breaker. The answers become facts; the
// references are stored with the decision.
import type { RiskAdapters } from './adapters';
import type { Facts } from './facts';
import type { PersonQuery } from './outside-systems';

export type OutsideFacts = Pick<
  Facts,
  'bureauScore' | 'judicialBlacklisted' | 'alipayRentalRiskLevel' | 'wechatPayScoreLevel'
>;

export interface OutsideAnswers {
  facts: OutsideFacts;
  /** Each system's name and its reference for this call, for the decision record. */
  sources: { system: string; adapter: string; reference: string }[];
}

export async function fetchOutsideFacts(adapters: RiskAdapters, person: PersonQuery): Promise<OutsideAnswers> {
  const { bureau, judicial, channels, guards } = adapters;
  const [score, listed, alipay, wechat] = await Promise.all([
    guards.bureau.run((signal) => bureau.score(person, signal)),
    guards.judicial.run((signal) => judicial.check(person, signal)),
    guards.alipay.run((signal) => channels.alipay.level(person, signal)),
    guards.wechat.run((signal) => channels.wechat.level(person, signal)),
  ]);
  return {
    facts: {
      bureauScore: score.score,
      judicialBlacklisted: listed.listed,
      alipayRentalRiskLevel: alipay.level,
      wechatPayScoreLevel: wechat.level,
    },
    sources: [
      { system: 'bureau', adapter: bureau.name, reference: score.reference },
      { system: 'judicial_blacklist', adapter: judicial.name, reference: listed.reference },
      { system: 'alipay_risk_level', adapter: channels.alipay.name, reference: alipay.reference },
      { system: 'wechat_payscore_level', adapter: channels.wechat.name, reference: wechat.reference },
    ],
  };
}
