import { describe, expect, test } from 'vitest';
import {
  configuredESignProvider,
  readSignedCallback,
  sandboxESignProvider,
  signCallback,
  signRequest,
} from './esign-provider';

const now = new Date('2026-03-02T08:00:00Z');
const credentials = { appId: 'sbx_app_1', secret: 'sbx-secret-0123456789' };
const documentHash = 'a'.repeat(64);

describe('the licensed e-signature provider adapter (实名 + 意愿) and its sandbox', () => {
  test('a flow is created by a signed request; the signed callback reads as the signer’s outcome', async () => {
    const { provider, server } = sandboxESignProvider({
      ...credentials,
      baseUrl: 'https://esign.sandbox',
      now: () => now,
    });
    const flow = await provider.createFlow({
      contractId: 'ctr_1',
      documentHash,
      signerRef: 'cus_1',
      callbackUrl: 'https://zulin.example/v1/webhooks/esign',
    });
    expect(flow.authUrl).toBe(`https://esign.sandbox/auth/${flow.flowId}`);
    expect(flow.expiresAt.getTime() - now.getTime()).toBe(30 * 60_000);
    const callback = await server.complete(flow.flowId, { signed: true, realNamePassed: true, willingness: 'SMS' });
    if ('refused' in callback) throw new Error(callback.refused);
    expect(callback.url).toBe('https://zulin.example/v1/webhooks/esign');
    expect(provider.readCallback(callback.headers, callback.body, now)).toEqual({
      flowId: flow.flowId,
      contractId: 'ctr_1',
      documentHash,
      status: 'signed',
      realName: 'passed',
      willingness: 'sms',
      signedAt: now.toISOString(),
    });
    // The flow has ended: the signer cannot answer it again.
    expect(await server.complete(flow.flowId, { signed: false, realNamePassed: true, willingness: 'SMS' })).toEqual({
      refused: 'finished',
    });
    // A failed real-name check ends the flow refused, never signed.
    const second = await provider.createFlow({
      contractId: 'ctr_1',
      documentHash,
      signerRef: 'cus_1',
      callbackUrl: 'x',
    });
    const refused = await server.complete(second.flowId, { signed: true, realNamePassed: false, willingness: 'FACE' });
    if ('refused' in refused) throw new Error(refused.refused);
    expect(provider.readCallback(refused.headers, refused.body, now)).toMatchObject({
      status: 'refused',
      realName: 'failed',
    });
  });

  test('a flow left open past its 30 minutes is expired: the signer’s answer posts nothing', async () => {
    let clock = now;
    const { provider, server } = sandboxESignProvider({ ...credentials, baseUrl: 'https://s', now: () => clock });
    const flow = await provider.createFlow({ contractId: 'ctr_1', documentHash, signerRef: 'cus_1', callbackUrl: 'x' });
    clock = new Date(now.getTime() + 30 * 60_000);
    expect(await server.complete(flow.flowId, { signed: true, realNamePassed: true, willingness: 'SMS' })).toEqual({
      refused: 'expired',
    });
    expect(
      await server.complete('sbx_flow_0000000000000000', { signed: true, realNamePassed: true, willingness: 'SMS' }),
    ).toEqual({
      refused: 'not_found',
    });
  });

  test('the sandbox server refuses a request signed with another secret, or whose body changed on the way', async () => {
    const { server } = sandboxESignProvider({ ...credentials, baseUrl: 'https://esign.sandbox', now: () => now });
    const payload = { bizNo: 'ctr_1', fileHash: documentHash, signerRef: 'cus_1', notifyUrl: 'https://x/cb' };
    const good = signRequest(credentials, '/v3/sign-flow/create-by-file', payload, now);
    expect((await server.handle(good)).code).toBe(0);
    expect(
      await server.handle(
        signRequest({ ...credentials, secret: 'wrong' }, '/v3/sign-flow/create-by-file', payload, now),
      ),
    ).toEqual({
      code: 401,
      message: 'signature mismatch',
    });
    expect(await server.handle({ ...good, body: good.body.replace('ctr_1', 'ctr_2') })).toMatchObject({
      message: 'content-md5 mismatch',
    });
    expect(await server.handle({ ...good, path: '/v3/sign-flow/other' })).toMatchObject({
      message: 'signature mismatch',
    });
    expect((await server.handle({ ...good, headers: { ...good.headers, 'x-tsign-open-app-id': 'other' } })).code).toBe(
      401,
    );
  });

  test('a callback with a changed body, another secret or an old timestamp is refused', () => {
    const payload = {
      action: 'SIGN_FLOW_COMPLETE',
      signFlowId: 'f1',
      bizNo: 'ctr_1',
      fileHash: documentHash,
      realNameResult: 'PASS',
    };
    const cb = signCallback(credentials.secret, payload, now);
    expect(readSignedCallback(credentials.secret, cb.headers, cb.body, now).status).toBe('signed');
    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'accepted';
      } catch (error) {
        return `${(error as { code?: string }).code}: ${(error as { detail?: string }).detail}`;
      }
    };
    expect(code(() => readSignedCallback(credentials.secret, cb.headers, cb.body.replace('ctr_1', 'ctr_9'), now))).toBe(
      'CONTRACTS_ESIGN_CALLBACK_INVALID: The signature does not match the body.',
    );
    expect(code(() => readSignedCallback('other-secret', cb.headers, cb.body, now))).toMatch(/does not match/);
    expect(
      code(() => readSignedCallback(credentials.secret, cb.headers, cb.body, new Date(now.getTime() + 301_000))),
    ).toMatch(/outside the allowed window/);
    expect(code(() => readSignedCallback(credentials.secret, {}, cb.body, now))).toMatch(/missing or malformed/);
  });

  test('production without its settings is unconfigured and refuses clearly', async () => {
    const provider = configuredESignProvider({});
    expect(provider.mode).toBe('unconfigured');
    await expect(
      provider.createFlow({ contractId: 'c', documentHash, signerRef: 'cus', callbackUrl: 'https://x/cb' }),
    ).rejects.toMatchObject({ code: 'CONTRACTS_ESIGN_UNCONFIGURED' });
    expect(() => provider.readCallback({}, '{}', now)).toThrow();
    expect(
      configuredESignProvider({
        ZULIN_ESIGN_APP_ID: 'a',
        ZULIN_ESIGN_SECRET: 's',
        ZULIN_ESIGN_BASE_URL: 'https://esign.example',
      }).mode,
    ).toBe('production');
  });
});
