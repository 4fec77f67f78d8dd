// Alipay public-key certificate mode (公钥证书模式): the SNs a request carries and an answer must carry,
// computed as the official alipay-sdk computes them (its constructor's appCertSn, alipayCertSn and
// alipayRootCertSn, from src/antcertutil.ts) on certificates written by self-signed-certificate.ts.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import {
  alipayCertPublicKey,
  alipayCertSn,
  alipayRootCertSn,
  signAlipayResponse,
  verifyAlipayResponse,
} from './alipay-protocol';
import { productionSettings } from './channel-settings';
import { type DistinguishedName, issuedCertificate } from './self-signed-certificate';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const root = rsa();
const app = rsa();
const alipay = rsa();
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const day = 86_400_000;
const notBefore = new Date('2026-01-01T00:00:00Z');
const notAfter = new Date(notBefore.getTime() + 365 * day);
const rootName: DistinguishedName = [
  ['C', 'CN'],
  ['O', 'Ant Financial'],
  ['OU', 'Certification Authority'],
  ['CN', 'Ant Financial Certification Authority Class 2 R1'],
];
const cert = (
  serialHex: string,
  subject: DistinguishedName,
  publicKey: KeyObject,
  issuer: DistinguishedName,
  issuerKey: KeyObject,
  algorithm?: 'sha1WithRSA' | 'sha256WithRSA' | 'ecdsaWithSHA256',
) => issuedCertificate({ serialHex, subject, publicKey, issuer, issuerKey, notBefore, notAfter, algorithm });

const oldRootName: DistinguishedName = [
  ['C', 'CN'],
  ['O', 'Ant Financial'],
  ['OU', 'Certification Authority'],
  ['CN', 'Ant Financial Certification Authority'],
];
const ecRootName: DistinguishedName = [
  ['C', 'CN'],
  ['O', 'Ant Financial'],
  ['CN', 'Ant Financial Certification Authority E1'],
];
const oldRoot = cert('1234567890ABCDEF', oldRootName, root.publicKey, oldRootName, root.privateKey, 'sha1WithRSA');
const ecRoot = cert('2234567890ABCDEF', ecRootName, ec.publicKey, ecRootName, ec.privateKey, 'ecdsaWithSHA256');
const newRoot = cert('3234567890ABCDEF', rootName, root.publicKey, rootName, root.privateKey);
const rootFile = `${oldRoot}${ecRoot}${newRoot}`;
const leafName = (cn: string): DistinguishedName => [
  ['C', 'CN'],
  ['O', '杭州租赁有限公司'],
  ['OU', 'Alipay'],
  ['CN', cn],
];
const appCert = cert('4F2C0B9A11D3E5F7A1B2', leafName('2021000000000001'), app.publicKey, rootName, root.privateKey);
const alipayCert = cert(
  '5A0000000000000001',
  leafName('2088000000000001'),
  alipay.publicKey,
  rootName,
  root.privateKey,
);
const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }).toString();

describe('Alipay certificate SNs', () => {
  const sdk = new AlipaySdk({
    appId: '2021000000000001',
    privateKey: pem(app.privateKey, 'pkcs8'),
    keyType: 'PKCS8',
    appCertContent: appCert,
    alipayPublicCertContent: alipayCert,
    alipayRootCertContent: rootFile,
  });

  it('app_cert_sn and alipay_cert_sn are the SDK’s: md5 of the issuer written last attribute first, then the serial in decimal', () => {
    expect(alipayCertSn(appCert)).toBe(sdk.config.appCertSn);
    expect(alipayCertSn(alipayCert)).toBe(sdk.config.alipayCertSn);
    // By hand: 0x4F2C0B9A11D3E5F7A1B2 in decimal after the DN (CN first, C last, no spaces).
    const issuer =
      'CN=Ant Financial Certification Authority Class 2 R1,OU=Certification Authority,O=Ant Financial,C=CN';
    const serial = BigInt('0x4F2C0B9A11D3E5F7A1B2').toString(10);
    expect(serial).toBe('373879444886227816784306');
    expect(alipayCertSn(appCert)).toBe(createHash('md5').update(`${issuer}${serial}`).digest('hex'));
    // Not the X.509 serial, and not the subject: two certificates of one issuer differ by serial only.
    expect(alipayCertSn(appCert)).not.toBe(alipayCertSn(alipayCert));
  });

  it('an issuer with non-ASCII values and a locality is written as the SDK writes it', () => {
    const issuer: DistinguishedName = [
      ['C', 'CN'],
      ['ST', '浙江省'],
      ['L', '杭州市'],
      ['O', '蚂蚁科技集团股份有限公司'],
      ['CN', 'Zulin Test CA'],
    ];
    const leaf = cert('6A00000000000000FF', leafName('2021000000000002'), app.publicKey, issuer, root.privateKey);
    const other = new AlipaySdk({
      appId: '2021000000000002',
      privateKey: pem(app.privateKey, 'pkcs8'),
      keyType: 'PKCS8',
      appCertContent: leaf,
      alipayPublicCertContent: alipayCert,
      alipayRootCertContent: rootFile,
    });
    expect(alipayCertSn(leaf)).toBe(other.config.appCertSn);
  });

  it('alipay_root_cert_sn is the SDK’s: the RSA-signed roots (sha1 and sha256) joined by _, the ECDSA root left out', () => {
    expect(alipayRootCertSn(rootFile)).toBe(sdk.config.alipayRootCertSn);
    expect(alipayRootCertSn(rootFile).split('_')).toEqual([alipayCertSn(oldRoot), alipayCertSn(newRoot)]);
    expect(alipayRootCertSn(rootFile)).not.toContain(alipayCertSn(ecRoot));
  });

  it('Alipay’s verifying key is the one in its certificate (the SDK reads the same key)', () => {
    const key = alipayCertPublicKey(alipayCert);
    expect(key.export({ type: 'spki', format: 'der' })).toEqual(
      alipay.publicKey.export({ type: 'spki', format: 'der' }),
    );
    expect(sdk.config.alipayPublicKey.replace(/\s/g, '')).toContain(
      alipay.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    );
  });

  it('an answer is verified only under our alipay_cert_sn; the SDK’s own check accepts what we accept', () => {
    const answer = { code: '10000', msg: 'Success', out_trade_no: 'ZP1', total_amount: '88.88' };
    const ours = signAlipayResponse('alipay.trade.query', answer, alipay.privateKey, alipayCertSn(alipayCert));
    expect(JSON.parse(ours).alipay_cert_sn).toBe(sdk.config.alipayCertSn);
    expect(verifyAlipayResponse(ours, 'alipay.trade.query', alipay.publicKey, alipayCertSn(alipayCert))).toEqual(
      answer,
    );
    const parsed = JSON.parse(ours) as { sign: string };
    expect(() => sdk.checkResponseSign(ours, 'alipay_trade_query_response', parsed.sign, 'trace')).not.toThrow();
    // Signed by the same key but naming another certificate (a rotation we have not taken): refused.
    const rotated = signAlipayResponse('alipay.trade.query', answer, alipay.privateKey, alipayCertSn(appCert));
    expect(() =>
      verifyAlipayResponse(rotated, 'alipay.trade.query', alipay.publicKey, alipayCertSn(alipayCert)),
    ).toThrowError(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }));
    // No alipay_cert_sn at all, in certificate mode: refused too.
    const keyMode = signAlipayResponse('alipay.trade.query', answer, alipay.privateKey);
    expect(() =>
      verifyAlipayResponse(keyMode, 'alipay.trade.query', alipay.publicKey, alipayCertSn(alipayCert)),
    ).toThrowError(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }));
    // Key mode ignores it.
    expect(verifyAlipayResponse(rotated, 'alipay.trade.query', alipay.publicKey)).toEqual(answer);
  });

  it('production settings: the three certificates make certificate mode (SNs as the SDK’s, the key from the Alipay certificate); the public key makes key mode', () => {
    const common = {
      ZULIN_ALIPAY_APPID: '2021000000000001',
      ZULIN_ALIPAY_SELLER_ID: '2088000000000001',
      ZULIN_ALIPAY_PRIVATE_KEY: pem(app.privateKey, 'pkcs8'),
      ZULIN_ALIPAY_NOTIFY_URL: 'https://zulin.example/v1/webhooks/alipay',
    };
    const cert = productionSettings({
      ...common,
      ZULIN_ALIPAY_APP_CERT: appCert,
      ZULIN_ALIPAY_PUBLIC_CERT: alipayCert,
      ZULIN_ALIPAY_ROOT_CERT: rootFile,
    }).alipay;
    expect(cert?.certificates).toEqual({
      appCertSn: sdk.config.appCertSn,
      alipayRootCertSn: sdk.config.alipayRootCertSn,
      alipayCertSn: sdk.config.alipayCertSn,
    });
    expect(cert?.alipayPublicKey.export({ type: 'spki', format: 'pem' })).toBe(pem(alipay.publicKey, 'spki'));
    const key = productionSettings({ ...common, ZULIN_ALIPAY_PUBLIC_KEY: pem(alipay.publicKey, 'spki') }).alipay;
    expect(key?.certificates).toBeUndefined();
    // Half a certificate set, or both modes: no Alipay (the start is refused, production-boot.test.ts).
    expect(productionSettings({ ...common, ZULIN_ALIPAY_APP_CERT: appCert }).alipay).toBeUndefined();
    expect(
      productionSettings({
        ...common,
        ZULIN_ALIPAY_PUBLIC_KEY: pem(alipay.publicKey, 'spki'),
        ZULIN_ALIPAY_APP_CERT: appCert,
        ZULIN_ALIPAY_PUBLIC_CERT: alipayCert,
        ZULIN_ALIPAY_ROOT_CERT: rootFile,
      }).alipay,
    ).toBeUndefined();
  });
});
