// Points for valuable feedback (seed 001: 对提供有价值反馈的用户给予一定的奖励或积分; DOMAIN.md §8).
// The award is keyed by the feedback: the wallet's points lots are unique by `sourceRef`, so marking
// a feedback valuable twice, two handlers marking it at once, or a retried request all award once.
// Unmarking does not take points back (they were promised to the customer).
import { assert } from '@zulin/kernel';
import { authorCustomerId, type Decrypt, type FeedbackAuthor } from './author';

export interface ValuablePolicy {
  /** 200 points = ¥2 off (100 points = ¥1). */
  points: number;
}

export const defaultValuablePolicy: ValuablePolicy = Object.freeze({ points: 200 });

/** The idempotency key of the award for one feedback; the wallet's `sourceRef`. */
export function valuableAwardRef(feedbackId: string): string {
  assert(/^[a-z0-9]{2,8}_[0-9A-Za-z]+$/.test(feedbackId), `a feedback id: ${feedbackId}`);
  return `feedback:${feedbackId}:valuable`;
}

/** What to hand to the wallet's `awardPoints`. */
export interface PointsAward {
  customerId: string;
  points: number;
  reason: string;
  sourceRef: string;
}

/**
 * The award for a feedback marked valuable. For anonymous feedback the author is revealed to the
 * system only (not to the handler), through `decrypt`; the caller audits that reveal as a reward.
 */
export async function valuableAward(options: {
  feedbackId: string;
  author: FeedbackAuthor;
  decrypt: Decrypt;
  policy?: ValuablePolicy;
}): Promise<PointsAward> {
  const points = (options.policy ?? defaultValuablePolicy).points;
  assert(Number.isSafeInteger(points) && points > 0, 'an award is a positive whole number of points');
  return {
    customerId: await authorCustomerId(options.feedbackId, options.author, options.decrypt),
    points,
    // Stored in Chinese like the other sources (按时支付：…); the apps show the lot's reasonCode
    // (valuable_feedback, from the sourceRef below: wallet's points-reasons.ts) in their language.
    reason: '有价值的反馈',
    sourceRef: valuableAwardRef(options.feedbackId),
  };
}
