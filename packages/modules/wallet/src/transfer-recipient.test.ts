import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { walletTestKit } from './testing';

describeDb('a transfer names its recipient masked, before and after sending', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  let sender: { customerId: string; token: string };
  const senderPhone = randomTestPhone();
  let verified: { customerId: string; token: string; phone: string };
  let unverified: { customerId: string; token: string; phone: string };
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
    sender = await signInTestCustomer(s, senderPhone);
    const verifiedPhone = randomTestPhone();
    verified = { ...(await signInTestCustomer(s, verifiedPhone)), phone: verifiedPhone };
    const unverifiedPhone = randomTestPhone();
    unverified = { ...(await signInTestCustomer(s, unverifiedPhone)), phone: unverifiedPhone };
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/me/identity',
      headers: bearer(verified.token),
      payload: { name: '王小明', idNumber: '330106199308154681' },
    });
    expect(res.statusCode).toBe(200);
    await kit.topUp(sender, 10_000);
  });
  afterAll(async () => {
    await s?.close();
  });

  const digits = (phone: string) => phone.replace(/^\+86/, '');
  const masked = (phone: string) => `${digits(phone).slice(0, 3)}****${digits(phone).slice(-4)}`;

  test('the look-up shows the masked real name and phone, never the clear name or the id', async () => {
    const res = await kit.inject(sender, 'POST', '/v1/wallet/transfers/recipient', { toPhone: digits(verified.phone) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ nameMasked: '王*明', phoneMasked: masked(verified.phone) });
    expect(res.body).not.toContain('王小明');
    expect(res.body).not.toContain(verified.customerId);
    expect(res.body).not.toContain(digits(verified.phone));
  });

  test('a recipient who has not verified their name is shown by the masked phone alone', async () => {
    const res = await kit.inject(sender, 'POST', '/v1/wallet/transfers/recipient', { toPhone: unverified.phone });
    expect(res.json()).toEqual({ nameMasked: null, phoneMasked: masked(unverified.phone) });
  });

  test('an unknown number and my own number are refused with their codes, and nothing moves', async () => {
    const unknown = await kit.inject(sender, 'POST', '/v1/wallet/transfers/recipient', { toPhone: '13000000001' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'WALLET_RECIPIENT_NOT_FOUND']);
    const self = await kit.inject(sender, 'POST', '/v1/wallet/transfers/recipient', { toPhone: senderPhone });
    expect([self.statusCode, self.json().code]).toEqual([422, 'WALLET_RECIPIENT_SELF']);
    expect((await kit.wallet(sender)).availableMinor).toBe(10_000);
  });

  test('the receipt names the recipient masked: the full phone number is not in it', async () => {
    const res = await kit.inject(sender, 'POST', '/v1/wallet/transfers', {
      toPhone: verified.phone,
      amountMinor: 5_000,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      amountMinor: 5_000,
      recipient: { nameMasked: '王*明', phoneMasked: masked(verified.phone) },
    });
    expect(res.body).not.toContain(digits(verified.phone));
    expect(res.body).not.toContain('王小明');
  });
});
