import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './self-signed-certificate';
import {
  decryptWechatpayResource,
  encryptWechatpayResource,
  parseWechatpayAuthorization,
  platformCertificateKey,
  signWechatpayMessage,
  verifyWechatpayMessage,
  verifyWechatpayRequest,
  wechatpayAuthorization,
  wechatpayKeyring,
  wechatpayNonce,
  wechatpayPublicKey,
} from './wechatpay-protocol';

// The official client's own building blocks (wechatpay-axios-plugin): what it signs and verifies is
// what WeChat Pay accepts, so our functions are checked against it in both directions.
const require = createRequire(import.meta.url);
const { Formatter, Rsa, Aes, Decorator } = require('wechatpay-axios-plugin') as {
  Formatter: {
    authorization(mchid: string, nonce: string, signature: string, timestamp: number, serial: string): string;
    request(method: string, uri: string, timestamp: number, nonce: string, body?: string): string;
    response(timestamp: number | string, nonce: string, body?: string): string;
  };
  Rsa: {
    sign(message: string, key: KeyObject): string;
    verify(message: string, signature: string, key: KeyObject): boolean;
  };
  Aes: {
    AesGcm: {
      encrypt(p: string, key: string, iv: string, aad: string): string;
      decrypt(c: string, key: string, iv: string, aad: string): string;
    };
  };
  Decorator: {
    responseVerifier(
      certs: Record<string, KeyObject>,
    ): (this: { url: string }, data: string, headers: Record<string, string>, status?: number) => unknown;
  };
};

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchant = pair();
const platform = pair();
const publicKeyMode = pair();
const now = new Date('2026-12-02T08:00:00Z');
const unix = Math.floor(now.getTime() / 1000);
const mchid = '1900000001';
const merchantSerial = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const certificatePem = selfSignedCertificate({
  serialHex: '7E3F1A2B3C4D5E6F708192A3B4C5D6E7F8091A2B',
  commonName: 'Zulin sandbox WeChat Pay platform',
  publicKey: platform.publicKey,
  privateKey: platform.privateKey,
  notBefore: new Date('2026-01-01T00:00:00Z'),
  notAfter: new Date('2031-01-01T00:00:00Z'),
});
const certificateKey = platformCertificateKey(certificatePem);
const publicKeyId = 'PUB_KEY_ID_0119000000012026120200000000000001';
const keyring = wechatpayKeyring([
  certificateKey,
  wechatpayPublicKey(publicKeyId, publicKeyMode.publicKey.export({ type: 'spki', format: 'pem' })),
]);
const apiV3Key = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6';

describe('WeChat Pay v3 request signing', () => {
  const request = {
    mchid,
    serialNo: merchantSerial,
    privateKey: merchant.privateKey,
    method: 'POST',
    pathAndQuery: '/v3/pay/transactions/jsapi',
    body: JSON.stringify({ appid: 'wxd678efh567hg6787', mchid, out_trade_no: 'P1', amount: { total: 8888 } }),
    timestamp: unix,
    nonce: 'C3A54DF1E8DD4E0BB9D7C1A1F1B7D6E2',
  };
  const keyOf = (id: string, serial: string) =>
    id === mchid && serial === merchantSerial ? merchant.publicKey : undefined;

  it('writes the Authorization header in the documented order, with a signature the official client computes identically', () => {
    const header = wechatpayAuthorization(request);
    const official = Rsa.sign(
      Formatter.request('POST', request.pathAndQuery, unix, request.nonce, request.body),
      merchant.privateKey,
    );
    expect(header).toBe(
      `WECHATPAY2-SHA256-RSA2048 mchid="${mchid}",nonce_str="${request.nonce}",signature="${official}",timestamp="${unix}",serial_no="${merchantSerial}"`,
    );
  });

  it('accepts the header the official client builds (its field order), and refuses any change to the request', () => {
    const signature = Rsa.sign(
      Formatter.request('POST', request.pathAndQuery, unix, request.nonce, request.body),
      merchant.privateKey,
    );
    const header = Formatter.authorization(mchid, request.nonce, signature, unix, merchantSerial);
    expect(header.startsWith('WECHATPAY2-SHA256-RSA2048 mchid="1900000001",serial_no=')).toBe(true);
    expect(verifyWechatpayRequest(header, request, keyOf, now)).toMatchObject({
      mchid,
      serialNo: merchantSerial,
      timestamp: unix,
    });

    const refused = (changes: Partial<typeof request>, at = now, h = header) =>
      expect(() => verifyWechatpayRequest(h, { ...request, ...changes }, keyOf, at));
    refused({ body: request.body.replace('8888', '8889') }).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    refused({ pathAndQuery: '/v3/pay/transactions/h5' }).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    refused({ method: 'PUT' }).toThrowError(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }));
    refused({}, new Date(now.getTime() + 301_000)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_TIMESTAMP_STALE' }),
    );
    refused({}, new Date(now.getTime() - 301_000)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_TIMESTAMP_STALE' }),
    );
    // 300 s is still inside the window.
    expect(() => verifyWechatpayRequest(header, request, keyOf, new Date(now.getTime() + 300_000))).not.toThrow();
    refused({}, now, header.replace(merchantSerial, 'FFFF')).toThrowError(
      expect.objectContaining({ code: 'PAYMENTS_KEY_UNKNOWN' }),
    );
    expect(() => verifyWechatpayRequest(undefined, request, keyOf, now)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISSING' }),
    );
    refused({}, now, header.replace('WECHATPAY2-SHA256-RSA2048', 'WECHATPAY2-SHA256-RSA')).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
  });

  it('signs a GET with an empty body and the query in the message', () => {
    const get = {
      ...request,
      method: 'GET',
      pathAndQuery: '/v3/pay/transactions/out-trade-no/P1?mchid=1900000001',
      body: '',
    };
    const header = wechatpayAuthorization(get);
    const { signature } = parseWechatpayAuthorization(header);
    expect(Rsa.verify(Formatter.request('GET', get.pathAndQuery, unix, get.nonce), signature, merchant.publicKey)).toBe(
      true,
    );
  });

  it('refuses malformed headers', () => {
    for (const bad of [
      'WECHATPAY2-SHA256-RSA2048 ',
      'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",signature="s",timestamp="x",serial_no="S"',
      'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",signature="s",timestamp="1"',
      'WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="2",nonce_str="n",signature="s",timestamp="1",serial_no="S"',
      'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",signature="s",timestamp="1",serial_no="S" trailing',
    ]) {
      expect(() => parseWechatpayAuthorization(bad), bad).toThrowError(
        expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
      );
    }
  });

  it('makes 32-character nonces from the documented alphabet', () => {
    const nonce = wechatpayNonce();
    expect(nonce).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(wechatpayNonce()).not.toBe(nonce);
  });
});

describe('WeChat Pay v3 answer and callback verification', () => {
  const body = '{"id":"EV-2018022511223320873","event_type":"TRANSACTION.SUCCESS"}';
  const byCertificate = { id: certificateKey.id, privateKey: platform.privateKey };
  const byPublicKey = { id: publicKeyId, privateKey: publicKeyMode.privateKey };

  it('reads the platform certificate serial as WeChat Pay writes it', () => {
    expect(certificateKey).toMatchObject({
      id: '7E3F1A2B3C4D5E6F708192A3B4C5D6E7F8091A2B',
      mode: 'platform-certificate',
    });
  });

  it('verifies signatures from both key modes side by side, as during a rotation', () => {
    const a = signWechatpayMessage(byCertificate, body, unix, 'nonce-a');
    const b = signWechatpayMessage(byPublicKey, body, unix, 'nonce-b');
    expect(verifyWechatpayMessage(a as unknown as Record<string, string>, body, keyring, now).mode).toBe(
      'platform-certificate',
    );
    expect(verifyWechatpayMessage(b as unknown as Record<string, string>, body, keyring, now).mode).toBe('public-key');
    // Node lower-cases header names; both spellings are read.
    const lower = Object.fromEntries(Object.entries(b).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifyWechatpayMessage(lower, body, keyring, now).id).toBe(publicKeyId);
  });

  it('signs what the official client verifies, in both modes', () => {
    const verifier = Decorator.responseVerifier({
      [certificateKey.id]: platform.publicKey,
      [publicKeyId]: publicKeyMode.publicKey,
    });
    for (const signer of [byCertificate, byPublicKey]) {
      const headers = signWechatpayMessage(signer, body, Math.floor(Date.now() / 1000), wechatpayNonce());
      // The official verifier answers the body when it verifies, and a BusinessError otherwise.
      expect(verifier.call({ url: '/v3/pay/transactions/jsapi' }, body, { ...headers })).toBe(body);
      expect(verifier.call({ url: '/v3/pay/transactions/jsapi' }, `${body} `, { ...headers })).not.toBe(`${body} `);
    }
  });

  it('verifies what the official client signs', () => {
    const signature = Rsa.sign(Formatter.response(unix, 'n0nce', body), publicKeyMode.privateKey);
    const headers = {
      'wechatpay-timestamp': String(unix),
      'wechatpay-nonce': 'n0nce',
      'wechatpay-signature': signature,
      'wechatpay-serial': publicKeyId,
    };
    expect(verifyWechatpayMessage(headers, body, keyring, now).mode).toBe('public-key');
  });

  it('refuses a forged, stale, unknown-key, wrong-key or incomplete message', () => {
    const headers = signWechatpayMessage(byCertificate, body, unix, 'nonce-a') as unknown as Record<string, string>;
    const check = (h: Record<string, string>, b = body, at = now) =>
      expect(() => verifyWechatpayMessage(h, b, keyring, at));
    check(headers, body.replace('SUCCESS', 'FAIL')).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    check(headers, body, new Date(now.getTime() + 301_000)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_TIMESTAMP_STALE' }),
    );
    check(headers, body, new Date(now.getTime() - 301_000)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_TIMESTAMP_STALE' }),
    );
    check({ ...headers, 'Wechatpay-Serial': 'PUB_KEY_ID_UNKNOWN' }).toThrowError(
      expect.objectContaining({ code: 'PAYMENTS_KEY_UNKNOWN' }),
    );
    // Signed by the certificate's key but claiming the public-key id: the wrong key does not verify.
    check({ ...headers, 'Wechatpay-Serial': publicKeyId }).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    // WeChat Pay's own probe: a deliberately bad signature every merchant must refuse.
    check({ ...headers, 'Wechatpay-Signature': `WECHATPAY/SIGNTEST/${headers['Wechatpay-Signature']}` }).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    const { 'Wechatpay-Nonce': _, ...withoutNonce } = headers;
    check(withoutNonce).toThrowError(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISSING' }));
    check({ ...headers, 'Wechatpay-Timestamp': '1e9' }).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
  });
});

describe('WeChat Pay v3 AEAD_AES_256_GCM resource', () => {
  const transaction = JSON.stringify({
    mchid,
    out_trade_no: 'P1',
    trade_state: 'SUCCESS',
    amount: { total: 8888, currency: 'CNY' },
  });
  const options = { nonce: 'fdasflkja484', associatedData: 'transaction', originalType: 'transaction' };

  it('decrypts what the official client encrypts and the other way round', () => {
    const resource = encryptWechatpayResource(transaction, apiV3Key, options);
    expect(Aes.AesGcm.decrypt(resource.ciphertext, apiV3Key, options.nonce, options.associatedData)).toBe(transaction);
    const official = Aes.AesGcm.encrypt(transaction, apiV3Key, options.nonce, options.associatedData);
    expect(decryptWechatpayResource({ ...resource, ciphertext: official }, apiV3Key)).toBe(transaction);
    expect(official).toBe(resource.ciphertext);
  });

  it('refuses another key, nonce, associated data, a flipped byte or another algorithm', () => {
    const resource = encryptWechatpayResource(transaction, apiV3Key, options);
    const flipped = Buffer.from(resource.ciphertext, 'base64');
    flipped.writeUInt8(flipped.readUInt8(3) ^ 1, 3);
    for (const bad of [
      { ...resource, nonce: 'fdasflkja485' },
      { ...resource, associated_data: 'refund' },
      { ...resource, ciphertext: flipped.toString('base64') },
      { ...resource, ciphertext: '' },
      { ...resource, algorithm: 'AEAD_AES_128_GCM' },
    ]) {
      expect(() => decryptWechatpayResource(bad, apiV3Key)).toThrowError(
        expect.objectContaining({ code: 'PAYMENTS_RESOURCE_UNREADABLE' }),
      );
    }
    expect(() => decryptWechatpayResource(resource, apiV3Key.replace('A1', 'B1'))).toThrowError(
      expect.objectContaining({ code: 'PAYMENTS_RESOURCE_UNREADABLE' }),
    );
  });
});
