// Net Promoter Score and rating shares (DOMAIN.md §13 "Analysis").
//
// NPS: of the 0–10 answers to "是否推荐给他人?", 9–10 are promoters, 7–8 passives, 0–6 detractors;
// NPS = % promoters − % detractors, from −100 to 100. It is computed exactly as the fraction
// 100·(P − D)/N and rounded once to a whole number, half away from zero (12.5 → 13, −12.5 → −13), so
// that a score and its mirror image round alike. With no answers there is no NPS (null), not 0.
import { allocateProportionally, assert } from '@zulin/kernel';

export interface NpsResult {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Whole number from −100 to 100, or null with no responses. */
  nps: number | null;
}

export type NpsBand = 'promoter' | 'passive' | 'detractor';

export function npsBand(score: number): NpsBand {
  assert(Number.isInteger(score) && score >= 0 && score <= 10, `an NPS answer is an integer 0–10: ${score}`);
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** round(100·numerator / denominator), half away from zero, in integers. */
function roundedPercent(numerator: number, denominator: number): number {
  const sign = numerator < 0 ? -1 : 1;
  const scaled = 100 * Math.abs(numerator);
  const quotient = Math.floor(scaled / denominator);
  const remainder = scaled - quotient * denominator;
  return sign * (2 * remainder >= denominator ? quotient + 1 : quotient) + 0;
}

export function computeNps(scores: readonly number[]): NpsResult {
  const counts = { promoter: 0, passive: 0, detractor: 0 };
  for (const score of scores) counts[npsBand(score)] += 1;
  const responses = scores.length;
  const nps = responses === 0 ? null : roundedPercent(counts.promoter - counts.detractor, responses);
  assert(nps === null || (nps >= -100 && nps <= 100), 'NPS lies in −100…100');
  return { responses, promoters: counts.promoter, passives: counts.passive, detractors: counts.detractor, nps };
}

export const ratings = ['good', 'neutral', 'bad'] as const;
export type Rating = (typeof ratings)[number];

export interface RatingShares {
  total: number;
  counts: Record<Rating, number>;
  /**
   * Shares in basis points (10000 = 100 %) by the largest-remainder method, so that they add up to
   * exactly 10000 and a chart never shows 99.9 % or 100.1 %. All zero when there are no ratings.
   */
  sharesBps: Record<Rating, number>;
}

export function ratingShares(values: readonly Rating[]): RatingShares {
  const counts: Record<Rating, number> = { good: 0, neutral: 0, bad: 0 };
  for (const value of values) counts[value] += 1;
  const total = values.length;
  const parts =
    total === 0
      ? [0, 0, 0]
      : allocateProportionally(
          10_000,
          ratings.map((r) => counts[r]),
        );
  const sharesBps = { good: parts[0] ?? 0, neutral: parts[1] ?? 0, bad: parts[2] ?? 0 };
  assert(total === 0 || sharesBps.good + sharesBps.neutral + sharesBps.bad === 10_000, 'shares add up to 100 %');
  return { total, counts, sharesBps };
}
