import { describeDb } from '@zulin/db/testing';
import type { ServerModule } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPartnerKey } from './create-partner-key';
import { partnerOf } from './principal';
import { revokePartnerKey } from './revoke-partner-key';
import { bearer, signInTestStaff } from './testing';

const feedModule: ServerModule = {
  name: 'test-feed',
  async routes(app) {
    app.post('/v1/partner/test-feed', { config: { auth: { partnerScope: 'inventory.feed' } } }, async (request) => ({
      partnerId: partnerOf(request).partnerId,
    }));
  },
};

describeDb('partner API keys', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, extraModules: [feedModule] });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a key with the scope is let in, by header or bearer; without the scope 403; revoked or unknown 401', async () => {
    const db = s.ctx.database.db;
    const good = await createPartnerKey(db, s.clock, { partnerId: 'ptn_supplier1', scopes: ['inventory.feed'] });
    const other = await createPartnerKey(db, s.clock, { partnerId: 'ptn_carrier1', scopes: ['shipments.track'] });
    const call = (headers: Record<string, string>) =>
      s.app.inject({ method: 'POST', url: '/v1/partner/test-feed', headers, payload: {} });
    expect((await call({ 'x-api-key': good.apiKey })).json()).toEqual({ partnerId: 'ptn_supplier1' });
    expect((await call(bearer(good.apiKey))).statusCode).toBe(200);
    expect((await call({ 'x-api-key': other.apiKey })).statusCode).toBe(403);
    expect((await call({ 'x-api-key': 'zpk_nope' })).statusCode).toBe(401);
    const staff = await signInTestStaff(s, 'admin');
    expect((await call(bearer(staff.token))).statusCode).toBe(401);
    await revokePartnerKey(db, s.clock, good.keyId);
    expect((await call({ 'x-api-key': good.apiKey })).statusCode).toBe(401);
  });
});
