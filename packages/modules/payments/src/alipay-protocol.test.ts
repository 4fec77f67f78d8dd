import { createSign, generateKeyPairSync } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import {
  alipayForm,
  alipaySignContent,
  parseAlipayForm,
  signAlipayNotify,
  signAlipayRequest,
  signAlipayResponse,
  verifyAlipayNotify,
  verifyAlipayRequest,
  verifyAlipayResponse,
} from './alipay-protocol';

const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (key: typeof app.publicKey, type: 'pkcs8' | 'spki') =>
  key.export({ type, format: 'pem' } as never) as unknown as string;

// The official client, configured as a merchant would be: our app's private key, Alipay's public key.
const sdk = new AlipaySdk({
  appId: '2021000000000001',
  privateKey: pem(app.privateKey, 'pkcs8'),
  keyType: 'PKCS8',
  alipayPublicKey: pem(alipay.publicKey, 'spki'),
});

describe('Alipay RSA2 sign content', () => {
  it('sorts by name, leaves out empty values and the omitted names, and keeps values raw', () => {
    const content = alipaySignContent(
      { method: 'alipay.trade.query', app_id: '1', sign: 'x', empty: '', biz_content: '{"out_trade_no":"a&b=c"}' },
      ['sign'],
    );
    expect(content).toBe('app_id=1&biz_content={"out_trade_no":"a&b=c"}&method=alipay.trade.query');
  });
});

describe('Alipay requests', () => {
  it('accepts a request the official client signed, and refuses any change to it', () => {
    const query = sdk.sdkExecute('alipay.trade.query', { bizContent: { outTradeNo: 'P20261202000001' } });
    const params = parseAlipayForm(query);
    expect(params).toMatchObject({ app_id: '2021000000000001', method: 'alipay.trade.query', sign_type: 'RSA2' });
    expect(JSON.parse(params.biz_content ?? '')).toEqual({ out_trade_no: 'P20261202000001' });
    expect(() => verifyAlipayRequest(params, app.publicKey)).not.toThrow();

    const changed = { ...params, biz_content: '{"out_trade_no":"P20261202000002"}' };
    expect(() => verifyAlipayRequest(changed, app.publicKey)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    expect(() => verifyAlipayRequest(params, alipay.publicKey)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    expect(() => verifyAlipayRequest({ ...params, sign_type: 'RSA' }, app.publicKey)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    const { sign: _, ...unsigned } = params;
    expect(() => verifyAlipayRequest(unsigned, app.publicKey)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISSING' }),
    );
  });

  it('signs requests exactly as the official client does', () => {
    const params = parseAlipayForm(sdk.sdkExecute('alipay.trade.close', { bizContent: { outTradeNo: 'P1' } }));
    const { sign, ...rest } = params;
    expect(signAlipayRequest(rest, app.privateKey).sign).toBe(sign);
  });
});

describe('Alipay notifications', () => {
  // passback_params is the merchant's own text echoed back; merchants commonly put URL-encoded text in it.
  const notification = {
    notify_time: '2026-12-02 16:00:00',
    notify_type: 'trade_status_sync',
    notify_id: 'ac05099524730693a8b330c5ecf72da9786',
    app_id: '2021000000000001',
    trade_no: '2026120222001400000000000001',
    out_trade_no: 'P20261202000001',
    trade_status: 'TRADE_SUCCESS',
    total_amount: '88.88',
    receipt_amount: '88.88',
    seller_id: '2088000000000001',
    passback_params: 'order%3DP1%26note%3D100%25%20paid',
    subject: '租金 12月',
  };

  it('signs what the official client verifies with checkNotifySignV2 (no second decode)', () => {
    const body = alipayForm(signAlipayNotify(notification, alipay.privateKey));
    const received = Object.fromEntries(new URLSearchParams(body));
    expect(received.passback_params).toBe('order%3DP1%26note%3D100%25%20paid');
    expect(sdk.checkNotifySignV2(received)).toBe(true);
    // The old checkNotifySign decodes every value again and so fails on this very notification.
    expect(sdk.checkNotifySign(received)).toBe(false);
  });

  it('verifies over the values decoded once and refuses a second decode, a change or another key', () => {
    const params = parseAlipayForm(alipayForm(signAlipayNotify(notification, alipay.privateKey)));
    expect(() => verifyAlipayNotify(params, alipay.publicKey)).not.toThrow();
    const decodedTwice = { ...params, passback_params: decodeURIComponent(params.passback_params ?? '') };
    expect(() => verifyAlipayNotify(decodedTwice, alipay.publicKey)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    expect(() => verifyAlipayNotify({ ...params, total_amount: '8888.00' }, alipay.publicKey)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
    expect(() => verifyAlipayNotify(params, app.publicKey)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
  });

  it('verifies a notification signed the way Alipay signs (sign and sign_type left out), as the official client computes it', () => {
    const signed = signAlipayNotify(notification, alipay.privateKey);
    expect(sdk.rsaCheck(alipaySignContent(signed, ['sign', 'sign_type']), signed.sign ?? '')).toBe(true);
  });

  it('refuses a form that names a parameter twice', () => {
    expect(() => parseAlipayForm('total_amount=0.01&total_amount=88.88&sign=x')).toThrowError(
      expect.objectContaining({ code: 'PAYMENTS_MESSAGE_INVALID' }),
    );
  });
});

describe('Alipay answers', () => {
  const answer = {
    code: '10000',
    msg: 'Success',
    out_trade_no: 'P20261202000001',
    trade_no: '2026120222001400000000000001',
    trade_status: 'TRADE_SUCCESS',
    total_amount: '88.88',
    buyer_logon_id: 'abc***@example.com',
  };

  it('signs answers the official client verifies, and verifies them over the exact text', () => {
    const raw = signAlipayResponse('alipay.trade.query', answer, alipay.privateKey);
    const { sign } = JSON.parse(raw) as { sign: string };
    expect(() => sdk.checkResponseSign(raw, 'alipay_trade_query_response', sign, 'trace')).not.toThrow();
    expect(verifyAlipayResponse(raw, 'alipay.trade.query', alipay.publicKey)).toEqual(answer);
  });

  it('verifies the text as sent even when it is not how JSON.stringify would write it', () => {
    const text = '{ "code" : "10000", "msg":"Success", "total_amount":"88.88", "note":"a}\\"{b" }';
    const signature = createSign('RSA-SHA256').update(text, 'utf8').sign(alipay.privateKey, 'base64');
    const raw = `{"alipay_trade_query_response":${text},\n "sign":"${signature}"}`;
    expect(verifyAlipayResponse(raw, 'alipay.trade.query', alipay.publicKey)).toMatchObject({ total_amount: '88.88' });
    const changed = raw.replace('88.88', '88.89');
    expect(() => verifyAlipayResponse(changed, 'alipay.trade.query', alipay.publicKey)).toThrowError(
      expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }),
    );
  });

  it('refuses an unsigned answer and returns an unsigned gateway error as it is', () => {
    expect(() =>
      verifyAlipayResponse(
        `{"alipay_trade_query_response":${JSON.stringify(answer)}}`,
        'alipay.trade.query',
        alipay.publicKey,
      ),
    ).toThrowError(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_MISSING' }));
    const error = { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature' };
    expect(
      verifyAlipayResponse(`{"error_response":${JSON.stringify(error)}}`, 'alipay.trade.query', alipay.publicKey),
    ).toEqual(error);
    expect(() => verifyAlipayResponse('not json', 'alipay.trade.query', alipay.publicKey)).toThrowError(
      expect.objectContaining({ code: 'PAYMENTS_MESSAGE_INVALID' }),
    );
  });
});
