// How we learn that a payer signed or ended an auto-debit agreement without coming back to our page:
// Alipay's signed dut_user_sign / dut_user_unsign notifications (posted by the sandbox like its trade
// callbacks), and, when a notification is lost, the `payments.agreements` sweep that asks the channel
// after doubling waits and expires an agreement left unsigned for a day.
import { createPrivateKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { platformSchema } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { getAgreement } from './agreements';
import { alipayForm, signAlipayNotify } from './alipay-protocol';
import { agreementChannelClient } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { refreshSigningAgreements } from './refresh-agreement';
import { type SandboxKeySet, sandboxKeys } from './sandbox-keys';
import { paymentsSandboxNotifications } from './schema';

const MINUTE = 60_000;

describeDb('agreement notifications and the agreement sweep', (get) => {
  let s: TestServer;
  let keys: SandboxKeySet;
  let customers = 0;
  const drain = async () => {
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const events = async (type: string) =>
    (await s.ctx.database.db.select().from(platformSchema.outbox).where(eq(platformSchema.outbox.type, type))).map(
      (e) => e.payload as Record<string, unknown>,
    );
  const sweep = async () =>
    refreshSigningAgreements(s.ctx.database, { clock: s.clock, client: await agreementChannelClient(s.ctx, 'alipay') });
  /** A customer asks for an agreement and opens its sign page: answers our agreement and the sandbox's id. */
  const asked = async () => {
    const phone = `139${String(++customers).padStart(8, '0')}`;
    // Signed in afresh for each request: a test moves the clock past a session's life.
    const ask = async () =>
      s.app.inject({
        method: 'POST',
        url: '/v1/payments/agreements',
        headers: bearer((await signInTestCustomer(s, phone)).token),
        payload: { channel: 'alipay' },
      });
    const a = (await ask()).json() as { id: string; state: string; signUrl: string };
    const url = new URL(a.signUrl);
    const page = await s.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(page.statusCode).toBe(302);
    return { a, sandboxId: String(page.headers.location).split('/').at(-1), ask };
  };
  const atSandbox = (sandboxId: string | undefined, action: 'sign' | 'cancel-in-app') =>
    s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/${action}` });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2026-06-01T02:00:00Z' });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    keys = await sandboxKeys(s.ctx.database.db, s.clock.now());
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  test('signed on the page and never back: Alipay’s dut_user_sign brings the agreement into force; ended in the app: dut_user_unsign ends it', async () => {
    const { a, sandboxId } = await asked();
    expect((await atSandbox(sandboxId, 'sign')).statusCode).toBe(200);
    // The sandbox posted a notification signed with Alipay's key to our webhook, which acknowledged it.
    const [sent] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxNotifications)
      .where(eq(paymentsSandboxNotifications.tradeId, String(sandboxId)));
    expect(sent).toMatchObject({
      status: 'delivered',
      attempts: 1,
      url: expect.stringMatching(/\/v1\/webhooks\/alipay$/),
    });
    expect(new URLSearchParams(sent?.body).get('notify_type')).toBe('dut_user_sign');
    await drain();
    const active = await getAgreement(s.ctx.database.db, a.id);
    expect(active).toMatchObject({ state: 'active', channelAgreementNo: expect.stringMatching(/^\d{22}$/) });
    expect((await events('payments.agreement_changed')).filter((e) => e.agreementId === a.id)).toEqual([
      expect.objectContaining({ state: 'active' }),
    ]);
    // The payer ends it in their Alipay app: only the notification tells us.
    expect((await atSandbox(sandboxId, 'cancel-in-app')).json()).toMatchObject({ status: 'STOP' });
    await drain();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('unsigned');
    // A signed agreement only: ending it twice finds nothing to end.
    expect((await atSandbox(sandboxId, 'cancel-in-app')).statusCode).toBe(404);
  });

  test('a forged notification is refused at the door; one about an agreement that is not ours changes nothing', async () => {
    const { a } = await asked();
    const params = {
      notify_id: 'forged1',
      notify_type: 'dut_user_sign',
      app_id: keys.alipay.appId,
      external_agreement_no: a.id,
      agreement_no: '20260601000000000000001',
      status: 'NORMAL',
    };
    const post = (body: string) =>
      s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/alipay',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      });
    // Signed with the merchant's own key instead of Alipay's: 401, not stored.
    expect(
      (await post(alipayForm(signAlipayNotify(params, createPrivateKey(keys.alipay.appPrivateKeyPem))))).statusCode,
    ).toBe(401);
    // Alipay's key but an external_agreement_no we never issued: acknowledged, refused by the handler.
    const stranger = { ...params, notify_id: 'stranger1', external_agreement_no: 'ZGNOTOURS' };
    const answer = await post(
      alipayForm(signAlipayNotify(stranger, createPrivateKey(keys.alipay.alipayPrivateKeyPem))),
    );
    expect(answer.body).toBe('success');
    await drain();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('signing');
    expect((await events('payments.message_refused')).map((e) => e.why)).toContain(
      'agreement ZGNOTOURS: no agreement of ours has this external_agreement_no',
    );
  });

  test('the notification lost: the sweep asks at 2 min and learns it is signed', async () => {
    const { a, sandboxId } = await asked();
    await knobs({ loseNextCallbacks: 1 });
    await atSandbox(sandboxId, 'sign');
    await drain();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('signing');
    s.clock.advance(MINUTE + 59_000);
    await sweep();
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({ state: 'signing', checkedAt: null });
    s.clock.advance(1_000);
    expect((await sweep()).changed).toBeGreaterThanOrEqual(1);
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('active');
  });

  test('never signed: asked at 2, 4, 8 … minutes, expired after a day; a new one may be asked for, and the old page signed later stays expired', async () => {
    const start = s.clock.now().getTime();
    const { a, sandboxId, ask } = await asked();
    const askedAt: number[] = [];
    // Walk the day minute by minute through the sweep, noting when it asked about this agreement.
    let last: number | undefined;
    for (let minute = 1; minute <= 24 * 60; minute++) {
      s.clock.set(new Date(start + minute * MINUTE));
      await sweep();
      const checkedAt = (await getAgreement(s.ctx.database.db, a.id)).checkedAt?.getTime();
      if (checkedAt !== last) askedAt.push(minute);
      last = checkedAt;
    }
    expect(askedAt).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1440]);
    const expired = await getAgreement(s.ctx.database.db, a.id);
    expect(expired).toMatchObject({ state: 'expired', checkedAt: new Date(start + 1440 * MINUTE) });
    // Expired is not live: the customer may ask again and gets a new agreement.
    const again = await ask();
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(a.id);
    // Signing the old page now: Alipay notifies, but the customer has a newer agreement — the old stays expired.
    await atSandbox(sandboxId, 'sign');
    await drain();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('expired');
  });

  test('an expired agreement signed later comes into force when the customer has no other', async () => {
    const start = s.clock.now().getTime();
    const { a, sandboxId } = await asked();
    s.clock.set(new Date(start + 24 * 60 * MINUTE));
    await sweep();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('expired');
    await atSandbox(sandboxId, 'sign');
    await drain();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('active');
  });
});
