// Why a customer earned a lot of points, as a code the apps render in their language (issue #16: the
// reason text the awarding module wrote is Chinese only). The code comes from the lot's `sourceRef`,
// which every award has and keeps (no new column: the lots stored before have it too):
//
//  * `bill:<id>` (billing's on-time points) → on_time_payment, with the bill's title as the detail
//    (the reason billing wrote is 按时支付：<title>; the title is the bill's own words);
//  * `feedback:<id>:valuable` (feedback marked valuable) → valuable_feedback;
//  * the demo's two lots (wallet's seed) → the same codes;
//  * anything else (an operator's award through POST /v1/admin/wallet/points-awards) → other, whose
//    detail is the reason as the operator wrote it, shown as written.

export const pointsReasonCodes = ['on_time_payment', 'valuable_feedback', 'other'] as const;
export type PointsReasonCode = (typeof pointsReasonCodes)[number];

/** The prefix billing's on-time award writes before the bill's title (billing/on-time-points.ts). */
const ON_TIME_PREFIX = '按时支付：';

/** The seed's lots (seed.ts), named for what they stand for. */
const DEMO_REASONS: Readonly<Record<string, PointsReasonCode>> = {
  'demo:points:zhang:on-time': 'on_time_payment',
  'demo:points:li': 'valuable_feedback',
};

export function pointsReasonOf(lot: { reason: string; sourceRef: string }): {
  reasonCode: PointsReasonCode;
  /** What the code's sentence names (a bill's title), or an operator's own reason; null when none. */
  reasonDetail: string | null;
} {
  if (/^bill:[^:]+$/.test(lot.sourceRef)) {
    const title = lot.reason.startsWith(ON_TIME_PREFIX) ? lot.reason.slice(ON_TIME_PREFIX.length).trim() : '';
    return { reasonCode: 'on_time_payment', reasonDetail: title.length > 0 ? title : null };
  }
  if (/^feedback:[^:]+:valuable$/.test(lot.sourceRef)) return { reasonCode: 'valuable_feedback', reasonDetail: null };
  const demo = DEMO_REASONS[lot.sourceRef];
  if (demo !== undefined) return { reasonCode: demo, reasonDetail: null };
  return { reasonCode: 'other', reasonDetail: lot.reason };
}
