// Text this module produces for people, in zh-CN (the default) and English.
import { assert } from '@zulin/kernel';

export type Locale = 'zh-CN' | 'en';

/** A rate in basis points as a percentage with two decimals: 1358 → "13.58", −5 → "-0.05". */
export function formatBpsAsPercent(bps: number): string {
  assert(Number.isSafeInteger(bps), `bps must be an integer: ${bps}`);
  const magnitude = Math.abs(bps);
  const whole = Math.floor(magnitude / 100);
  const fraction = String(magnitude % 100).padStart(2, '0');
  return `${bps < 0 ? '-' : ''}${whole}.${fraction}`;
}

/** Why an offer was refused (saved, or ordered under a lowered cap): its annualised rate and the cap, both named. */
export function rateAboveCapText(
  locale: Locale,
  offerBps: number,
  capBps: number,
  refusal: 'save' | 'order' = 'save',
): string {
  const offer = formatBpsAsPercent(offerBps);
  const cap = formatBpsAsPercent(capBps);
  if (refusal === 'order') {
    if (locale === 'zh-CN') return `该分期方案的年化利率 ${offer}% 超过现行上限 ${cap}%，暂不能下单。`;
    return `The offer's annualised rate of ${offer} % is above the cap of ${cap} % in force, so it cannot be ordered until the offer is changed.`;
  }
  if (locale === 'zh-CN') return `该分期方案的年化利率 ${offer}% 超过上限 ${cap}%，不能保存。`;
  return `The offer's annualised rate of ${offer} % is above the cap of ${cap} %, so it cannot be saved.`;
}
