// A lot's reason reaches the apps as a code (and a detail), so each language says it its own way; the
// stored Chinese text stays for the ledger. Awarded through the API as billing, feedback and an
// operator do, read back by the customer.
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pointsReasonOf } from './points-reasons';

describe('pointsReasonOf', () => {
  test("billing's on-time lot: on_time_payment with the bill's title", () => {
    expect(pointsReasonOf({ sourceRef: 'bill:bil_01J', reason: '按时支付：3月租金' })).toEqual({
      reasonCode: 'on_time_payment',
      reasonDetail: '3月租金',
    });
    // A bill lot whose text is not billing's: the code still, no detail guessed from it.
    expect(pointsReasonOf({ sourceRef: 'bill:bil_01J', reason: 'paid on time' })).toEqual({
      reasonCode: 'on_time_payment',
      reasonDetail: null,
    });
  });

  test("feedback's valuable lot and the demo's two lots", () => {
    expect(pointsReasonOf({ sourceRef: 'feedback:fb_01J:valuable', reason: '有价值的反馈' })).toEqual({
      reasonCode: 'valuable_feedback',
      reasonDetail: null,
    });
    expect(pointsReasonOf({ sourceRef: 'demo:points:zhang:on-time', reason: '按时还款奖励' }).reasonCode).toBe(
      'on_time_payment',
    );
    expect(pointsReasonOf({ sourceRef: 'demo:points:li', reason: '有用的反馈' }).reasonCode).toBe('valuable_feedback');
  });

  test("an operator's award is other, with their words as the detail; look-alike refs are not taken for billing's", () => {
    expect(pointsReasonOf({ sourceRef: 'campaign:spring', reason: '春季活动' })).toEqual({
      reasonCode: 'other',
      reasonDetail: '春季活动',
    });
    expect(pointsReasonOf({ sourceRef: 'bill:bil_1:extra', reason: '按时支付：x' }).reasonCode).toBe('other');
    expect(pointsReasonOf({ sourceRef: 'feedback:fb_1', reason: '有价值的反馈' }).reasonCode).toBe('other');
  });
});

describeDb('points lots read with their reason code', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('GET /v1/points answers reasonCode and reasonDetail beside the stored reason', async () => {
    const customer = await signInTestCustomer(s, randomTestPhone());
    const admin = bearer((await signInTestStaff(s, 'admin')).token);
    const awards = [
      { sourceRef: 'bill:bil_reasons1', reason: '按时支付：3月租金', points: 350 },
      { sourceRef: 'feedback:fb_reasons1:valuable', reason: '有价值的反馈', points: 200 },
      { sourceRef: 'campaign:reasons:spring', reason: '春季活动', points: 50 },
    ];
    for (const award of awards) {
      const answer = await s.app.inject({
        method: 'POST',
        url: '/v1/admin/wallet/points-awards',
        headers: admin,
        payload: { customerId: customer.customerId, ...award },
      });
      expect(answer.statusCode).toBe(201);
    }
    const read = await s.app.inject({ url: '/v1/points', headers: bearer(customer.token) });
    expect(read.statusCode).toBe(200);
    const body = read.json() as {
      balance: number;
      lots: { points: number; reason: string; reasonCode: string; reasonDetail: string | null }[];
    };
    expect(body.balance).toBe(600);
    const byPoints = new Map(body.lots.map((l) => [l.points, l]));
    expect(byPoints.get(350)).toMatchObject({
      reason: '按时支付：3月租金',
      reasonCode: 'on_time_payment',
      reasonDetail: '3月租金',
    });
    expect(byPoints.get(200)).toMatchObject({ reasonCode: 'valuable_feedback', reasonDetail: null });
    expect(byPoints.get(50)).toMatchObject({ reasonCode: 'other', reasonDetail: '春季活动' });
  });
});
