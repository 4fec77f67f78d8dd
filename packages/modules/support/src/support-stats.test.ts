// The dashboard's support numbers: tickets per month with first-response attainment, chats with
// their average rating.
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';

describeDb('support statistics', (get) => {
  let s: TestServer;
  const day = '2031-06-03';

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: `${day}T02:00:00Z` });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('one fault ticket answered in time, one late; a chat rated 4', async () => {
    const customer = await signInTestCustomer(s, randomTestPhone());
    const post = (token: string, url: string, payload?: object) =>
      s.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });
    const open = async () =>
      (await post(customer.token, '/v1/tickets', { kind: 'fault', subject: '黑屏', body: '开不了机' })).json()
        .id as string;
    const early = await open();
    const late = await open();
    const agent = await signInTestStaff(s, 'support');
    s.clock.advance(10 * 60_000);
    expect((await post(agent.token, `/v1/admin/tickets/${early}/messages`, { body: '已安排换机' })).statusCode).toBe(
      201,
    );
    s.clock.advance(30 * 60_000);
    const agent2 = await signInTestStaff(s, 'support');
    expect((await post(agent2.token, `/v1/admin/tickets/${late}/messages`, { body: '抱歉久等' })).statusCode).toBe(201);

    const chatter = await signInTestCustomer(s, randomTestPhone());
    const chat = (await post(chatter.token, '/v1/chats')).json();
    expect((await post(agent2.token, `/v1/admin/chats/${chat.id}/take`)).statusCode).toBe(200);
    expect((await post(agent2.token, `/v1/admin/chats/${chat.id}/end`)).statusCode).toBe(200);
    expect((await post(chatter.token, `/v1/chats/${chat.id}/rating`, { rating: 4 })).statusCode).toBe(200);

    const res = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/support/stats?from=${day}&to=${day}`,
      headers: bearer(agent2.token),
    });
    expect(res.statusCode).toBe(200);
    const month = day.slice(0, 7);
    expect(res.json().tickets).toEqual([
      // Half the first responses in time; no resolution is due or done yet.
      { month, opened: 2, firstResponseMetBps: 5000, resolutionMetBps: null },
    ]);
    expect(res.json().chats).toEqual([{ month, chats: 1, answered: 1, rated: 1, averageRatingHundredths: 400 }]);
    // A date that does not exist, or a range backwards, is a 422 with the stats code, never a 500.
    for (const query of ['from=2031-02-30', 'to=2031-13-01', `from=${day}&to=2031-06-02`]) {
      const bad = await s.app.inject({
        method: 'GET',
        url: `/v1/admin/support/stats?${query}`,
        headers: bearer(agent2.token),
      });
      expect(bad.json()).toMatchObject({ status: 422, code: 'SUPPORT_STATS_RANGE_INVALID' });
    }
  });
});
