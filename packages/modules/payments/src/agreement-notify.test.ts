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
import { PaymentsLimits } from './limits';
import { refreshSigningAgreements } from './refresh-agreement';
import { type SandboxKeySet, sandboxKeys } from './sandbox-keys';
import { paymentsSandboxNotifications } from './schema';
import { nextUnsignAttemptAt, retryRequestedUnsigns } from './unsign-agreement';

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
  const retryUnsigns = async () =>
    retryRequestedUnsigns(s.ctx.database, { clock: s.clock, client: await agreementChannelClient(s.ctx, 'alipay') });
  const endedOf = async (agreementId: string) =>
    (await events('payments.agreement_ended')).filter((e) => e.agreementId === agreementId);
  /** A customer's agreement signed on the sandbox page and learnt by dut_user_sign: active. */
  const signedByNotify = async () => {
    const asking = await asked();
    expect((await atSandbox(asking.sandboxId, 'sign')).statusCode).toBe(200);
    await drain();
    expect((await getAgreement(s.ctx.database.db, asking.a.id)).state).toBe('active');
    return asking;
  };
  /** The customer asks us to end it, through the API. */
  const unsignByCustomer = async (agreementId: string, phone: string) =>
    s.app.inject({
      method: 'POST',
      url: `/v1/payments/agreements/${agreementId}/unsign`,
      headers: bearer((await signInTestCustomer(s, phone)).token),
    });
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
    return { a, sandboxId: String(page.headers.location).split('/').at(-1), ask, phone };
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
    // The customer is told once, in the transaction of the change (payments.agreement_ended).
    expect(await endedOf(a.id)).toEqual([
      {
        agreementId: a.id,
        customerId: expired.customerId,
        channel: 'alipay',
        reason: 'signing_expired',
        occurredAt: new Date(start + 1440 * MINUTE).toISOString(),
      },
    ]);
    // Expired is not live: the customer may ask again and gets a new agreement.
    const again = await ask();
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(a.id);
    // Signing the old page now: Alipay notifies, but the customer has a newer agreement — the old stays expired.
    await atSandbox(sandboxId, 'sign');
    await drain();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('expired');
    expect(await endedOf(a.id)).toHaveLength(1);
    // 1,440 sweeps, one a minute: 17 s alone on the 2-core machine, past 60 s in CI beside the browser
    // tests and another suite (4 Dec).
  }, 180_000);

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

  test('ended in the Alipay app: payments.agreement_ended (ended_at_channel) once, by the notification or by a refresh when it was lost', async () => {
    const byNotify = await signedByNotify();
    expect((await atSandbox(byNotify.sandboxId, 'cancel-in-app')).statusCode).toBe(200);
    await drain();
    const ended = await getAgreement(s.ctx.database.db, byNotify.a.id);
    expect(ended.state).toBe('unsigned');
    expect(await endedOf(byNotify.a.id)).toEqual([
      {
        agreementId: byNotify.a.id,
        customerId: ended.customerId,
        channel: 'alipay',
        reason: 'ended_at_channel',
        occurredAt: ended.updatedAt.toISOString(),
      },
    ]);
    // Asked again afterwards (the customer's refresh): ended already, nothing more is told.
    expect(
      (
        await s.app.inject({
          method: 'POST',
          url: `/v1/payments/agreements/${byNotify.a.id}/refresh`,
          headers: bearer((await signInTestCustomer(s, byNotify.phone)).token),
        })
      ).json(),
    ).toMatchObject({ state: 'unsigned' });
    expect(await endedOf(byNotify.a.id)).toHaveLength(1);

    // The notification lost: the customer's refresh learns it from the query answer, told once too.
    const byRefresh = await signedByNotify();
    await knobs({ loseNextCallbacks: 1 });
    await atSandbox(byRefresh.sandboxId, 'cancel-in-app');
    await drain();
    expect((await getAgreement(s.ctx.database.db, byRefresh.a.id)).state).toBe('active');
    const refresh = async () =>
      s.app.inject({
        method: 'POST',
        url: `/v1/payments/agreements/${byRefresh.a.id}/refresh`,
        headers: bearer((await signInTestCustomer(s, byRefresh.phone)).token),
      });
    expect((await refresh()).json()).toMatchObject({ state: 'unsigned', unsignRequestedAt: null });
    expect((await refresh()).json()).toMatchObject({ state: 'unsigned' });
    expect((await endedOf(byRefresh.a.id)).map((e) => e.reason)).toEqual(['ended_at_channel']);
  });

  test('unsigned because the customer asked: no payments.agreement_ended, even when the channel confirms later by dut_user_unsign', async () => {
    const mine = await signedByNotify();
    const answer = await unsignByCustomer(mine.a.id, mine.phone);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ state: 'unsigned', unsignRequestedAt: null });
    expect((await events('payments.agreement_changed')).filter((e) => e.agreementId === mine.a.id)).toEqual([
      expect.objectContaining({ state: 'active' }),
      expect.objectContaining({ state: 'unsigned' }),
    ]);
    // The channel did it but its answer never reached us (5xx after the work): the request is kept,
    // and the payer's end arrives as dut_user_unsign — the confirmation of their own act.
    const other = await signedByNotify();
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    const failed = await unsignByCustomer(other.a.id, other.phone);
    expect(failed.statusCode).toBe(503);
    const requested = await getAgreement(s.ctx.database.db, other.a.id);
    expect(requested).toMatchObject({ state: 'active', unsignRequestedAt: s.clock.now() });
    await atSandbox(other.sandboxId, 'cancel-in-app');
    await drain();
    expect(await getAgreement(s.ctx.database.db, other.a.id)).toMatchObject({
      state: 'unsigned',
      unsignRequestedAt: null,
    });
    expect(await endedOf(mine.a.id)).toEqual([]);
    expect(await endedOf(other.a.id)).toEqual([]);
    // Nothing left for the sweep to retry.
    s.clock.advance(10 * MINUTE);
    expect(await retryUnsigns()).toEqual({ unsignsAsked: 0, unsigned: 0, unsignsSkipped: 0 });
  });

  test('the next attempt at a requested unsign: 2, 4, 8 … min after the request, waits capped at a day', async () => {
    const requestedAt = new Date('2026-06-01T02:00:00Z');
    const at = (minutes: number) => new Date(requestedAt.getTime() + minutes * MINUTE);
    expect(await nextUnsignAttemptAt(s.ctx.database.db, requestedAt, null)).toEqual(at(2));
    expect(await nextUnsignAttemptAt(s.ctx.database.db, requestedAt, requestedAt)).toEqual(at(2));
    expect(await nextUnsignAttemptAt(s.ctx.database.db, requestedAt, at(2))).toEqual(at(4));
    expect(await nextUnsignAttemptAt(s.ctx.database.db, requestedAt, at(4))).toEqual(at(8));
    expect(await nextUnsignAttemptAt(s.ctx.database.db, requestedAt, at(1024))).toEqual(at(2048));
    // 2048 min after the request the wait would be 34 h 8 min: a day instead.
    expect(await nextUnsignAttemptAt(s.ctx.database.db, requestedAt, at(2048))).toEqual(at(2048 + 1440));
    expect(await nextUnsignAttemptAt(s.ctx.database.db, requestedAt, at(3488))).toEqual(at(3488 + 1440));
    // Late sweeps: the wait counts from the attempt made, not from when it was due.
    expect(await nextUnsignAttemptAt(s.ctx.database.db, requestedAt, at(3))).toEqual(at(6));
  });

  test('the channel fails the customer’s unsign: the sweep asks again at 2, 4, 8 … min, then a day apart, until it confirms', async () => {
    const { a, sandboxId, phone } = await signedByNotify();
    const requestedAt = s.clock.now().getTime();
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    const failed = await unsignByCustomer(a.id, phone);
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({
      code: 'PAYMENTS_CHANNEL_UNAVAILABLE',
      detail: expect.stringContaining('recorded'),
    });
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({
      state: 'active',
      unsignRequestedAt: new Date(requestedAt),
    });
    const attempts = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3488, 4928];
    for (const [i, minute] of attempts.entries()) {
      const last = i === attempts.length - 1;
      // A second before it is due: nothing is asked.
      s.clock.set(new Date(requestedAt + minute * MINUTE - 1_000));
      expect(await retryUnsigns(), `before minute ${minute}`).toEqual({
        unsignsAsked: 0,
        unsigned: 0,
        unsignsSkipped: 0,
      });
      // Due: asked; the sandbox fails it (5xx on every retry of the call) until the last attempt.
      s.clock.set(new Date(requestedAt + minute * MINUTE));
      await knobs({ failNextCalls: last ? 0 : PaymentsLimits.channelCallAttempts });
      expect(await retryUnsigns(), `at minute ${minute}`).toEqual({
        unsignsAsked: 1,
        unsigned: last ? 1 : 0,
        unsignsSkipped: 0,
      });
      const after = await getAgreement(s.ctx.database.db, a.id);
      expect(after.state, `at minute ${minute}`).toBe(last ? 'unsigned' : 'active');
    }
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({ state: 'unsigned', unsignRequestedAt: null });
    const atChannel = (
      await s.app.inject({ method: 'GET', url: `/v1/sandbox/payments/agreements/${sandboxId}` })
    ).json();
    expect(atChannel).toMatchObject({ status: 'STOP' });
    // The customer's own act: the customer is not told it ended at the channel.
    expect(await endedOf(a.id)).toEqual([]);
    s.clock.advance(2 * 24 * 60 * MINUTE);
    expect(await retryUnsigns()).toEqual({ unsignsAsked: 0, unsigned: 0, unsignsSkipped: 0 });
  });
});
