// The channels' own times of a payment (docs/payments.md "Payment orders", completed_at): WeChat Pay
// writes RFC 3339 with its offset (`success_time` 2018-06-08T10:34:56+08:00); Alipay writes Beijing
// wall time without an offset (`send_pay_date`, `gmt_payment`, a statement's 完成时间:
// 2014-11-27 15:45:57). China keeps no daylight saving, so Beijing time is UTC+08:00 all year.

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const beijingWallTime = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/** A channel's time of a payment, or undefined when absent or not a time either channel writes. */
export function channelTime(text: unknown): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const wall = beijingWallTime.exec(text);
  const iso = wall ? `${wall[1]}T${wall[2]}+08:00` : rfc3339.test(text) ? text : undefined;
  if (iso === undefined) return undefined;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * When a payment completed, as we record it: the channel's time when it gave one, never after we
 * learnt it (a channel clock ahead of ours) nor before we recorded the order (its seconds are cut).
 */
export function completedAtOf(channelPaidAt: Date | undefined, order: { createdAt: Date }, now: Date): Date {
  if (!channelPaidAt) return now;
  const at = Math.min(now.getTime(), Math.max(order.createdAt.getTime(), channelPaidAt.getTime()));
  return new Date(at);
}
