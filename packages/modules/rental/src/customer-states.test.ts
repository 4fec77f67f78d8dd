// The line of copy a customer reads after the courier lost their return parcel: it says they owe
// nothing, and says the deposit is released only once the channel has released it (issue #14: the page
// said "已全额释放" while the release could still be pending).
import { describe, expect, test } from 'vitest';
import { customerStateText } from './customer-states';
import { defaultRentalTimers } from './timers';

describe('a lost return parcel on the customer’s order page', () => {
  const lost = (facts: { depositAuthorisationId: string | null; depositReleasedAt: Date | null }) =>
    customerStateText('inspected', defaultRentalTimers, { returnParcelLost: true, ...facts }).copy;

  test('released by the channel: 押金已全额释放', () => {
    const copy = lost({ depositAuthorisationId: 'auth_1', depositReleasedAt: new Date('2027-03-12T03:00:00Z') });
    expect(copy['zh-CN']).toBe('退货包裹被快递在运输途中丢失，您无需为手机承担任何费用，押金已全额释放');
    expect(copy.en).toContain('the deposit is released in full');
  });

  test('not yet released (the channel has not answered): it says the release is under way, not done', () => {
    const copy = lost({ depositAuthorisationId: 'auth_1', depositReleasedAt: null });
    expect(copy['zh-CN']).toBe(
      '退货包裹被快递在运输途中丢失，您无需为手机承担任何费用，押金将全额释放（支付渠道处理中）',
    );
    expect(copy['zh-CN']).not.toContain('已全额释放');
    expect(copy.en).toContain('is being released in full');
  });

  test('no deposit held (waived in full): nothing about a release', () => {
    const copy = lost({ depositAuthorisationId: null, depositReleasedAt: null });
    expect(copy['zh-CN']).toBe('退货包裹被快递在运输途中丢失，您无需为手机承担任何费用');
    expect(copy.en).not.toContain('deposit');
  });

  test('a completed order keeps the same line', () => {
    const copy = customerStateText('completed', defaultRentalTimers, {
      returnParcelLost: true,
      depositAuthorisationId: 'auth_1',
      depositReleasedAt: new Date('2027-03-12T03:00:00Z'),
    }).copy;
    expect(copy['zh-CN']).toContain('押金已全额释放');
  });
});
