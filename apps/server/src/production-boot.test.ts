// The app as production builds it (NODE_ENV=production): no sandbox adapter, no sandbox route or
// webhook channel, and every outside system without a production adapter named by /readyz. The
// test walks what the modules registered, so a module added later is checked without a change here.

import { generateKeyPairSync } from 'node:crypto';
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { generateAlipayCertificates } from '@zulin/payments/testing';
import { declaredRoutes } from '@zulin/platform';
import { createTestServer, type TestServer, testMasterKey } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';

describeDb('production boot', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, {
      modules,
      env: { NODE_ENV: 'production', ZULIN_MASTER_KEY: testMasterKey },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('production turns sandbox mode off, whatever ZULIN_SANDBOX says', async () => {
    expect(s.ctx.config.production).toBe(true);
    expect(s.ctx.config.sandbox).toBe(false);
    const forced = await createTestServer(get().database, {
      modules,
      env: { NODE_ENV: 'production', ZULIN_MASTER_KEY: testMasterKey, ZULIN_SANDBOX: 'true' },
    });
    try {
      expect(forced.ctx.config.sandbox).toBe(false);
    } finally {
      await forced.close();
    }
  });

  test('no outside system is a sandbox; each one without a production adapter is named by /readyz', async () => {
    const adapters = s.app.adapterStatuses;
    expect(adapters.length).toBeGreaterThan(0);
    expect(adapters.filter((a) => a.mode === 'sandbox')).toEqual([]);
    const ready = await s.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    const body = ready.json();
    expect(body.checks.adapters).toBe('failing');
    expect(body.unconfiguredAdapters.map((a: { name: string }) => a.name).sort()).toEqual(
      adapters
        .filter((a) => a.mode === 'unconfigured')
        .map((a) => a.name)
        .sort(),
    );
  });

  test('no sandbox route exists, and every webhook channel of sandbox mode that production lacks answers 404', async () => {
    const sandboxRoutes = declaredRoutes(s.app).filter((r) => /sandbox/i.test(r.url));
    expect(sandboxRoutes.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(s.app.webhookChannels.filter((c) => c.sandboxOnly)).toEqual([]);
    // The same modules in sandbox mode: the channels they add there are the sandbox's.
    const sandboxMode = await createTestServer(get().database, { modules });
    const inProduction = new Set(s.app.webhookChannels.map((c) => c.channel));
    const sandboxOnly = sandboxMode.app.webhookChannels.filter((c) => !inProduction.has(c.channel));
    await sandboxMode.close();
    expect(sandboxOnly.length).toBeGreaterThan(0);
    for (const { channel, sandboxOnly: flagged } of sandboxOnly) {
      expect(flagged, `${channel} is registered only in sandbox mode but not marked sandboxOnly`).toBe(true);
      const res = await s.app.inject({ method: 'POST', url: `/v1/webhooks/${channel}`, payload: '{}' });
      expect(res.statusCode, channel).toBe(404);
    }
    const spec = (await s.app.inject('/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths).filter((p) => /sandbox/i.test(p))).toEqual([]);
  });

  test('an outside call without a production adapter refuses clearly: no card is verified by a sandbox bank', async () => {
    const customer = await signInTestCustomer(s);
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/bank-cards',
      headers: { authorization: `Bearer ${customer.token}` },
      payload: { cardNumber: '6222021234567890128' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('WALLET_BANK_UNAVAILABLE');
  });

  test('the MDM without a provider refuses to enrol a phone (503, RISK_MDM_UNAVAILABLE) and /readyz names it', async () => {
    expect(s.app.adapterStatuses.find((a) => a.name === 'risk.mdm')?.mode).toBe('unconfigured');
    const ready = (await s.app.inject('/readyz')).json();
    expect(ready.unconfiguredAdapters.map((a: { name: string }) => a.name)).toContain('risk.mdm');
    const staff = await signInTestStaff(s, 'admin');
    const customer = await signInTestCustomer(s);
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/risk/devices',
      headers: { authorization: `Bearer ${staff.token}` },
      payload: { imei: '490154203237518', customerId: customer.customerId, reference: 'ord_production' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('RISK_MDM_UNAVAILABLE');
  });

  test('signing mode own: the unconfigured e-signature provider is "unused", not a failing adapter', async () => {
    expect(s.app.adapterStatuses.find((a) => a.name === 'contracts.esign')?.mode).toBe('unused');
    const ready = (await s.app.inject('/readyz')).json();
    expect(ready.unconfiguredAdapters.map((a: { name: string }) => a.name)).not.toContain('contracts.esign');
    expect(ready.unusedAdapters.map((a: { name: string }) => a.name)).toEqual(['contracts.esign']);
    expect(s.app.webhookChannels.map((c) => c.channel)).not.toContain('esign');
  });

  test('signing mode provider without the provider’s settings refuses to start; with them it registers the webhook', async () => {
    const env = { NODE_ENV: 'production', ZULIN_MASTER_KEY: testMasterKey };
    vi.stubEnv('ZULIN_CONTRACT_SIGNING', 'provider');
    try {
      await expect(createTestServer(get().database, { modules, env })).rejects.toThrow(
        /ZULIN_CONTRACT_SIGNING=provider needs ZULIN_ESIGN_APP_ID, ZULIN_ESIGN_SECRET, ZULIN_ESIGN_BASE_URL, ZULIN_ESIGN_CALLBACK_URL/,
      );
      vi.stubEnv('ZULIN_ESIGN_APP_ID', 'app');
      vi.stubEnv('ZULIN_ESIGN_SECRET', 'secret');
      vi.stubEnv('ZULIN_ESIGN_BASE_URL', 'https://esign.example');
      vi.stubEnv('ZULIN_ESIGN_CALLBACK_URL', 'https://zulin.example/v1/webhooks/esign');
      const configured = await createTestServer(get().database, { modules, env });
      try {
        expect(configured.app.adapterStatuses.find((a) => a.name === 'contracts.esign')?.mode).toBe('production');
        expect(configured.app.webhookChannels).toContainEqual({ channel: 'esign', sandboxOnly: false });
        const forged = await configured.app.inject({ method: 'POST', url: '/v1/webhooks/esign', payload: '{}' });
        expect(forged.statusCode).toBe(401);
      } finally {
        await configured.close();
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('WeChat entrusted debit: /readyz names a missing ZULIN_WECHATPAY_PAPAY_PLAN_ID; off is unused; a plan id that is no number refuses to start', async () => {
    const env = { NODE_ENV: 'production', ZULIN_MASTER_KEY: testMasterKey };
    expect(s.app.adapterStatuses.find((a) => a.name === 'payments.wechatpay_papay')).toMatchObject({
      mode: 'unconfigured',
      detail: expect.stringContaining('ZULIN_WECHATPAY_PAPAY_PLAN_ID'),
    });
    const ready = (await s.app.inject('/readyz')).json();
    expect(ready.unconfiguredAdapters).toContainEqual({
      name: 'payments.wechatpay_papay',
      detail: expect.stringContaining('set ZULIN_WECHATPAY_PAPAY_PLAN_ID'),
    });
    try {
      vi.stubEnv('ZULIN_WECHATPAY_PAPAY_PLAN_ID', 'plan-one');
      await expect(createTestServer(get().database, { modules, env })).rejects.toThrow(
        /ZULIN_WECHATPAY_PAPAY_PLAN_ID must be WeChat's numeric plan id/,
      );
      vi.stubEnv('ZULIN_WECHATPAY_PAPAY_PLAN_ID', '12535');
      const withPlan = await createTestServer(get().database, { modules, env });
      try {
        expect(withPlan.app.adapterStatuses.find((a) => a.name === 'payments.wechatpay_papay')?.mode).toBe(
          'production',
        );
        const names = (await withPlan.app.inject('/readyz'))
          .json()
          .unconfiguredAdapters.map((a: { name: string }) => a.name);
        expect(names).not.toContain('payments.wechatpay_papay');
      } finally {
        await withPlan.close();
      }
      vi.stubEnv('ZULIN_WECHATPAY_PAPAY_PLAN_ID', '');
      vi.stubEnv('ZULIN_WECHATPAY_PAPAY', 'off');
      const alipayOnly = await createTestServer(get().database, { modules, env });
      try {
        const off = (await alipayOnly.app.inject('/readyz')).json();
        expect(off.unconfiguredAdapters.map((a: { name: string }) => a.name)).not.toContain('payments.wechatpay_papay');
        expect(off.unusedAdapters.map((a: { name: string }) => a.name)).toContain('payments.wechatpay_papay');
      } finally {
        await alipayOnly.close();
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('Alipay: an incomplete certificate set refuses to start, naming what is missing; without either mode /readyz names both; the complete set is production', async () => {
    const env = { NODE_ENV: 'production', ZULIN_MASTER_KEY: testMasterKey };
    expect(s.app.adapterStatuses.find((a) => a.name === 'payments.alipay')).toMatchObject({
      mode: 'unconfigured',
      detail: expect.stringContaining(
        'ZULIN_ALIPAY_PUBLIC_KEY (key mode) or ZULIN_ALIPAY_APP_CERT, ZULIN_ALIPAY_PUBLIC_CERT, ZULIN_ALIPAY_ROOT_CERT (certificate mode)',
      ),
    });
    const pem = (type: 'pkcs8' | 'spki', key: import('node:crypto').KeyObject) =>
      key.export({ type, format: 'pem' }).toString();
    const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const certificates = await generateAlipayCertificates(new Date(), {
      appId: '2021000000000009',
      sellerId: '2088000000000009',
      appPublicKeyPem: pem('spki', app.publicKey),
      alipayPublicKeyPem: pem('spki', alipay.publicKey),
    });
    vi.stubEnv('ZULIN_ALIPAY_APPID', '2021000000000009');
    vi.stubEnv('ZULIN_ALIPAY_SELLER_ID', '2088000000000009');
    vi.stubEnv('ZULIN_ALIPAY_PRIVATE_KEY', pem('pkcs8', app.privateKey));
    vi.stubEnv('ZULIN_ALIPAY_NOTIFY_URL', 'https://zulin.example/v1/webhooks/alipay');
    vi.stubEnv('ZULIN_ALIPAY_APP_CERT', certificates.appCertificatePem);
    try {
      await expect(createTestServer(get().database, { modules, env })).rejects.toThrow(
        'Alipay certificate mode needs ZULIN_ALIPAY_PUBLIC_CERT, ZULIN_ALIPAY_ROOT_CERT.',
      );
      vi.stubEnv('ZULIN_ALIPAY_PUBLIC_CERT', certificates.alipayCertificatePem);
      vi.stubEnv('ZULIN_ALIPAY_ROOT_CERT', certificates.rootCertificatePem);
      vi.stubEnv('ZULIN_ALIPAY_PUBLIC_KEY', pem('spki', alipay.publicKey));
      await expect(createTestServer(get().database, { modules, env })).rejects.toThrow(/not both/);
      vi.stubEnv('ZULIN_ALIPAY_PUBLIC_KEY', '');
      const configured = await createTestServer(get().database, { modules, env });
      try {
        expect(configured.app.adapterStatuses.find((a) => a.name === 'payments.alipay')?.mode).toBe('production');
        const ready = (await configured.app.inject('/readyz')).json();
        expect(ready.unconfiguredAdapters.map((a: { name: string }) => a.name)).not.toContain('payments.alipay');
      } finally {
        await configured.close();
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
