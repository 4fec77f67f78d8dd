// The `payments.agreements` sweep's watch over agreements after signing (issue #11): a requested
// unsign the channel does not confirm is counted, retried without starving newer requests, alerts
// staff once after a day and resolves itself when the channel confirms; an active agreement is
// re-checked at the channel weekly, so one the payer ended in their Alipay app is ended here even
// when the dut_user_unsign notification was lost.
import type { AddressInfo } from 'node:net';
import { type Database, type Executor, platformSchema, queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { getAgreement } from './agreements';
import { agreementChannelClient } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { PaymentsLimits } from './limits';
import { recheckActiveAgreements, refreshSigningAgreements } from './refresh-agreement';
import { paymentsAgreements } from './schema';
import { raiseStuckUnsignAlerts, retryRequestedUnsigns } from './unsign-agreement';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describeDb('the agreement sweep after signing', (get) => {
  let s: TestServer;
  let customers = 0;
  const drain = async () => {
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const events = async (type: string, agreementId: string) =>
    (await s.ctx.database.db.select().from(platformSchema.outbox).where(eq(platformSchema.outbox.type, type)))
      .map((e) => e.payload as Record<string, unknown>)
      .filter((p) => p.agreementId === agreementId);
  const deps = async () => ({ clock: s.clock, client: await agreementChannelClient(s.ctx, 'alipay') });
  const retryUnsigns = async () => retryRequestedUnsigns(s.ctx.database, await deps());
  const raiseAlerts = async () => raiseStuckUnsignAlerts(s.ctx.database, await deps());
  const signingSweep = async () => refreshSigningAgreements(s.ctx.database, await deps());
  const recheck = async () => recheckActiveAgreements(s.ctx.database, await deps());
  const atSandbox = (sandboxId: string | undefined, action: 'sign' | 'cancel-in-app') =>
    s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/${action}` });

  /** A customer's agreement signed on the sandbox page and learnt by dut_user_sign: active. */
  const signed = async () => {
    const phone = `137${String(++customers).padStart(8, '0')}`;
    const asked = await s.app.inject({
      method: 'POST',
      url: '/v1/payments/agreements',
      headers: bearer((await signInTestCustomer(s, phone)).token),
      payload: { channel: 'alipay' },
    });
    const a = asked.json() as { id: string; signUrl: string };
    const url = new URL(a.signUrl);
    const page = await s.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    const sandboxId = String(page.headers.location).split('/').at(-1);
    expect((await atSandbox(sandboxId, 'sign')).statusCode).toBe(200);
    await drain();
    const active = await getAgreement(s.ctx.database.db, a.id);
    expect(active.state).toBe('active');
    return { id: a.id, sandboxId, phone, customerId: active.customerId };
  };
  /** The customer asks to end it while the channel answers 5xx on every retry of the call. */
  const unsignFailing = async (agreementId: string, phone: string) => {
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    const answer = await s.app.inject({
      method: 'POST',
      url: `/v1/payments/agreements/${agreementId}/unsign`,
      headers: bearer((await signInTestCustomer(s, phone)).token),
    });
    expect(answer.statusCode).toBe(503);
    return answer;
  };
  const staffAgreements = async (customerId: string, token: string) =>
    s.app.inject({
      method: 'GET',
      url: `/v1/admin/payments/agreements?customerId=${customerId}`,
      headers: bearer(token),
    });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2026-06-01T02:00:00Z' });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  test('an unsign the channel does not confirm: each failed attempt is counted with its reason, and staff see it', async () => {
    const a = await signed();
    const requestedAt = s.clock.now();
    await unsignFailing(a.id, a.phone);
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({
      state: 'active',
      unsignRequestedAt: requestedAt,
      unsignAttempts: 1,
      unsignLastError: expect.stringMatching(/.+/),
      unsignAlertedAt: null,
    });
    s.clock.set(new Date(requestedAt.getTime() + 2 * MINUTE));
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    expect(await retryUnsigns()).toEqual({ unsignsAsked: 1, unsigned: 0, unsignsSkipped: 0 });
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({ unsignAttempts: 2 });

    const finance = await signInTestStaff(s, 'finance');
    const seen = await staffAgreements(a.customerId, finance.token);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().data).toEqual([
      expect.objectContaining({
        id: a.id,
        state: 'active',
        customerId: a.customerId,
        unsignRequestedAt: requestedAt.toISOString(),
        unsignAttempts: 2,
        unsignLastError: expect.stringMatching(/.+/),
        unsignAlertedAt: null,
      }),
    ]);
    // Staff without payments.read do not see it.
    const marketing = await signInTestStaff(s, 'marketing');
    expect((await staffAgreements(a.customerId, marketing.token)).statusCode).toBe(403);
    expect((await staffAgreements('', finance.token)).statusCode).toBe(422);
    // The channel confirms at the next attempt (4 min after the request): nothing left waiting.
    s.clock.set(new Date(requestedAt.getTime() + 4 * MINUTE));
    expect(await retryUnsigns()).toEqual({ unsignsAsked: 1, unsigned: 1, unsignsSkipped: 0 });
    expect((await staffAgreements(a.customerId, finance.token)).json().data).toEqual([
      expect.objectContaining({ state: 'unsigned', unsignRequestedAt: null, unsignAttempts: 0, unsignLastError: null }),
    ]);
  });

  test('not confirmed 24 h after the customer asked: one operator alert, resolved when the channel confirms', async () => {
    const a = await signed();
    const requestedAt = s.clock.now().getTime();
    await unsignFailing(a.id, a.phone);
    const figure = async () => {
      const finance = await signInTestStaff(s, 'finance');
      const dashboard = await s.app.inject({
        method: 'GET',
        url: '/v1/staff/dashboard',
        headers: bearer(finance.token),
      });
      const figures = dashboard.json().figures as { key: string; value: number | null }[];
      return figures.find((f) => f.key === 'payments.unsigns_stuck')?.value;
    };
    // A second before 24 h: no alert.
    s.clock.set(new Date(requestedAt + PaymentsLimits.unsignStuckAlertHours * HOUR - 1_000));
    await raiseAlerts();
    expect(await events('payments.unsign_stuck', a.id)).toEqual([]);
    // At 24 h: one alert, with what staff need to chase the channel.
    s.clock.set(new Date(requestedAt + PaymentsLimits.unsignStuckAlertHours * HOUR));
    expect((await raiseAlerts()).unsignAlerts).toBeGreaterThanOrEqual(1);
    expect(await events('payments.unsign_stuck', a.id)).toEqual([
      {
        agreementId: a.id,
        customerId: a.customerId,
        channel: 'alipay',
        unsignRequestedAt: new Date(requestedAt).toISOString(),
        unsignAttempts: 1,
        unsignLastError: expect.stringMatching(/.+/),
      },
    ]);
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({ unsignAlertedAt: s.clock.now() });
    // Counted on the console's overview (with any other stuck unsign of this database).
    const stuck = (await figure()) ?? 0;
    expect(stuck).toBeGreaterThanOrEqual(1);
    // Still not confirmed days later: still one alert.
    s.clock.advance(3 * DAY);
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    expect(await retryUnsigns()).toMatchObject({ unsigned: 0 });
    await raiseAlerts();
    expect(await events('payments.unsign_stuck', a.id)).toHaveLength(1);
    // The channel confirms at the next attempt: the agreement is unsigned, the alert resolved.
    s.clock.advance(DAY);
    expect(await retryUnsigns()).toMatchObject({ unsigned: 1 });
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({
      state: 'unsigned',
      unsignRequestedAt: null,
      unsignAttempts: 0,
      unsignLastError: null,
      unsignAlertedAt: null,
    });
    expect(await events('payments.unsign_stuck_resolved', a.id)).toEqual([
      { agreementId: a.id, customerId: a.customerId, channel: 'alipay' },
    ]);
    expect(await figure()).toBe(stuck - 1);
  });

  test('the payer ends it in the app while the customer’s unsign is stuck: the alert is resolved too', async () => {
    const a = await signed();
    const requestedAt = s.clock.now().getTime();
    await unsignFailing(a.id, a.phone);
    s.clock.set(new Date(requestedAt + PaymentsLimits.unsignStuckAlertHours * HOUR));
    await raiseAlerts();
    expect(await events('payments.unsign_stuck', a.id)).toHaveLength(1);
    expect((await atSandbox(a.sandboxId, 'cancel-in-app')).json()).toMatchObject({ status: 'STOP' });
    await drain();
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({ state: 'unsigned', unsignAlertedAt: null });
    expect(await events('payments.unsign_stuck_resolved', a.id)).toHaveLength(1);
    // The customer's own act: not told it ended at the channel.
    expect(await events('payments.agreement_ended', a.id)).toEqual([]);
  });

  test('a new request is retried when due even behind a full batch of old ones waiting a day (it was starved)', async () => {
    const now = s.clock.now().getTime();
    // A batch of old requests, each last asked an hour ago: their next attempt is a day after it.
    const old = Array.from({ length: PaymentsLimits.unsignRetryBatch }, (_, i) => ({
      id: `pag_starve_${now}_${i}`,
      channel: 'alipay' as const,
      customerId: `cus_starve_${now}_${i}`,
      outRequestNo: `starve-${now}-${i}`,
      externalAgreementNo: `ZAstarve${now}${i}`,
      reference: 'test',
      perChargeMaxMinor: 500_000,
      periodDays: 30,
      state: 'active' as const,
      channelAgreementNo: `2026starve${now}${i}`,
      signUrl: 'https://example.invalid/sign',
      createdAt: new Date(now - 10 * DAY),
      updatedAt: new Date(now - 10 * DAY),
      unsignRequestedAt: new Date(now - 5 * DAY),
      checkedAt: new Date(now - HOUR),
      unsignAttempts: 14,
    }));
    await s.ctx.database.db.insert(paymentsAgreements).values(old);
    const a = await signed();
    const requestedAt = s.clock.now().getTime();
    await unsignFailing(a.id, a.phone);
    // Two minutes later the new request is due; none of the old ones is.
    s.clock.set(new Date(requestedAt + 2 * MINUTE));
    expect(await retryUnsigns()).toEqual({ unsignsAsked: 1, unsigned: 1, unsignsSkipped: 0 });
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('unsigned');
    // A day after their last attempt the old ones are due again (the sandbox does not know them: it
    // refuses, which ends them as a confirmation does).
    s.clock.set(new Date(now - HOUR + DAY));
    expect(await retryUnsigns()).toEqual({
      unsignsAsked: PaymentsLimits.unsignRetryBatch,
      unsigned: PaymentsLimits.unsignRetryBatch,
      unsignsSkipped: 0,
    });
  });

  test('an agreement being signed is asked again when due even behind a full batch of older ones waiting hours (it was starved)', async () => {
    const now = s.clock.now().getTime();
    // A batch of agreements asked for 20 h ago and last asked an hour ago: next asked when they lapse, 4 h on.
    const old = Array.from({ length: PaymentsLimits.agreementCheckBatch }, (_, i) => ({
      id: `pag_signing_${now}_${i}`,
      channel: 'alipay' as const,
      customerId: `cus_signing_${now}_${i}`,
      outRequestNo: `signing-${now}-${i}`,
      externalAgreementNo: `ZAsigning${now}${i}`,
      reference: 'test',
      perChargeMaxMinor: 500_000,
      periodDays: 30,
      state: 'signing' as const,
      signUrl: 'https://example.invalid/sign',
      createdAt: new Date(now - 20 * HOUR),
      updatedAt: new Date(now - 20 * HOUR),
      checkedAt: new Date(now - HOUR),
    }));
    await s.ctx.database.db.insert(paymentsAgreements).values(old);
    const phone = `136${String(++customers).padStart(8, '0')}`;
    const asked = await s.app.inject({
      method: 'POST',
      url: '/v1/payments/agreements',
      headers: bearer((await signInTestCustomer(s, phone)).token),
      payload: { channel: 'alipay' },
    });
    const fresh = asked.json() as { id: string };
    const checkedAt = async () => (await getAgreement(s.ctx.database.db, fresh.id)).checkedAt;
    s.clock.set(new Date(now + 2 * MINUTE));
    expect(await signingSweep()).toMatchObject({ asked: 1 });
    expect(await checkedAt()).toEqual(s.clock.now());
    // Due again 4 min after it was asked for; none of the others is.
    s.clock.set(new Date(now + 4 * MINUTE));
    expect(await signingSweep()).toMatchObject({ asked: 1 });
    expect(await checkedAt()).toEqual(s.clock.now());
    // The others when they lapse (the sandbox does not know them: they expire), behind the fresh one,
    // the longest overdue (due since minute 8); the last of them at the next run.
    s.clock.set(new Date(now + 4 * HOUR));
    expect(await signingSweep()).toMatchObject({
      asked: PaymentsLimits.agreementCheckBatch,
      expired: PaymentsLimits.agreementCheckBatch - 1,
    });
    expect(await checkedAt()).toEqual(s.clock.now());
    expect(await signingSweep()).toMatchObject({ asked: 1, expired: 1 });
  });

  test('ended in the Alipay app and the notification lost: the weekly re-check ends it and tells the customer', async () => {
    const a = await signed();
    const activeSince = s.clock.now().getTime();
    await knobs({ loseNextCallbacks: 1 });
    expect((await atSandbox(a.sandboxId, 'cancel-in-app')).json()).toMatchObject({ status: 'STOP' });
    await drain();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('active');
    // Checked a week after it became active, not before.
    s.clock.set(new Date(activeSince + PaymentsLimits.activeAgreementRecheckDays * DAY - 1_000));
    await recheck();
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({ state: 'active', lastCheckedAt: null });
    // A failed query changes nothing but its backoff: asked again 2 min later.
    s.clock.set(new Date(activeSince + PaymentsLimits.activeAgreementRecheckDays * DAY));
    await knobs({ failNextCalls: 1000 });
    await recheck();
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({
      state: 'active',
      lastCheckedAt: null,
      recheckFailures: 1,
    });
    expect(await events('payments.agreement_ended', a.id)).toEqual([]);
    await knobs({ failNextCalls: 0 });
    s.clock.advance(2 * MINUTE);
    const answered = await recheck();
    expect(answered.activeEnded).toBeGreaterThanOrEqual(1);
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({
      state: 'unsigned',
      lastCheckedAt: s.clock.now(),
    });
    expect(await events('payments.agreement_ended', a.id)).toEqual([
      {
        agreementId: a.id,
        customerId: a.customerId,
        channel: 'alipay',
        reason: 'ended_at_channel',
        occurredAt: s.clock.now().toISOString(),
      },
    ]);
  });

  test('an active agreement still in force is re-checked once a week, recording when', async () => {
    const a = await signed();
    const activeSince = s.clock.now().getTime();
    s.clock.set(new Date(activeSince + PaymentsLimits.activeAgreementRecheckDays * DAY));
    await recheck();
    const checked = await getAgreement(s.ctx.database.db, a.id);
    expect(checked).toMatchObject({ state: 'active', lastCheckedAt: s.clock.now() });
    // Asked again only a week after that check.
    s.clock.advance(PaymentsLimits.activeAgreementRecheckDays * DAY - 1_000);
    await recheck();
    expect((await getAgreement(s.ctx.database.db, a.id)).lastCheckedAt).toEqual(checked.lastCheckedAt);
    s.clock.advance(1_000);
    await recheck();
    expect((await getAgreement(s.ctx.database.db, a.id)).lastCheckedAt).toEqual(s.clock.now());
    expect(await events('payments.agreement_ended', a.id)).toEqual([]);
  });

  /** An agreement whose unsign was requested, as a row (the sandbox does not know its agreement number: it refuses, which ends it). */
  const requestedRow = (id: string, requestedAt: Date, checkedAt: Date) => ({
    id,
    channel: 'alipay' as const,
    customerId: `cus_${id}`,
    outRequestNo: `req-${id}`,
    externalAgreementNo: `ZA${id}`,
    reference: 'test',
    perChargeMaxMinor: 500_000,
    periodDays: 30,
    state: 'active' as const,
    channelAgreementNo: `2027${id}`,
    signUrl: 'https://example.invalid/sign',
    createdAt: new Date(requestedAt.getTime() - 10 * DAY),
    updatedAt: new Date(requestedAt.getTime() - 10 * DAY),
    unsignRequestedAt: requestedAt,
    checkedAt,
    unsignAttempts: 3,
  });
  /** Runs `fn` on a database session in `zone` (the server's setting; we never set one). */
  const inTimeZone = async <T>(zone: string, fn: (database: Database) => Promise<T>): Promise<T> => {
    const database = s.ctx.database;
    if (database.pool) {
      const client = await database.pool.connect();
      try {
        await client.query(`set time zone '${zone}'`);
        return await fn({ ...database, db: drizzle(client) as unknown as Executor });
      } finally {
        await client.query('reset time zone');
        client.release();
      }
    }
    await database.db.execute(sql.raw(`set time zone '${zone}'`));
    try {
      return await fn(database);
    } finally {
      await database.db.execute(sql`reset time zone`);
    }
  };

  test('a wait of exactly a day across a daylight-saving change neither stops the sweep nor comes an hour early (it crashed the run)', async () => {
    // Last asked a day after the request, so the next wait is exactly the day cap; a New York
    // session's `+ interval '1 day'` is 23 h across 14 March 2027. The sweep used to pick it then in
    // SQL, find it not due in JS and throw, stopping the run before the next row, due at the same time.
    const lastAsked = new Date('2027-03-13T17:00:00Z');
    const boundary = requestedRow(`pag_dst_a_${lastAsked.getTime()}`, new Date(lastAsked.getTime() - DAY), lastAsked);
    const at23h = new Date(lastAsked.getTime() + 23 * HOUR);
    const other = requestedRow(
      `pag_dst_b_${lastAsked.getTime()}`,
      new Date(at23h.getTime() - 4 * MINUTE),
      new Date(at23h.getTime() - 2 * MINUTE),
    );
    await s.ctx.database.db.insert(paymentsAgreements).values([boundary, other]);
    s.clock.set(at23h);
    const client = await agreementChannelClient(s.ctx, 'alipay');
    const run = () =>
      inTimeZone('America/New_York', (database) => retryRequestedUnsigns(database, { clock: s.clock, client }));
    expect(await run()).toEqual({ unsignsAsked: 1, unsigned: 1, unsignsSkipped: 0 });
    expect((await getAgreement(s.ctx.database.db, other.id)).state).toBe('unsigned');
    expect(await getAgreement(s.ctx.database.db, boundary.id)).toMatchObject({ state: 'active', checkedAt: lastAsked });
    // A day after its last attempt, whatever the session's clock says.
    s.clock.set(new Date(lastAsked.getTime() + DAY - 1_000));
    expect(await run()).toEqual({ unsignsAsked: 0, unsigned: 0, unsignsSkipped: 0 });
    s.clock.set(new Date(lastAsked.getTime() + DAY));
    expect(await run()).toEqual({ unsignsAsked: 1, unsigned: 1, unsignsSkipped: 0 });
    expect((await getAgreement(s.ctx.database.db, boundary.id)).state).toBe('unsigned');
  });

  test('one agreement whose retry fails unexpectedly is skipped and recorded; the others due in the same run are asked', async () => {
    const now = s.clock.now();
    const bad = requestedRow(
      `pag_skip_a_${now.getTime()}`,
      new Date(now.getTime() - 4 * MINUTE),
      new Date(now.getTime() - 2 * MINUTE),
    );
    const good = requestedRow(
      `pag_skip_b_${now.getTime()}`,
      new Date(now.getTime() - 4 * MINUTE),
      new Date(now.getTime() - 2 * MINUTE),
    );
    await s.ctx.database.db.insert(paymentsAgreements).values([bad, good]);
    const client = await agreementChannelClient(s.ctx, 'alipay');
    const breaking = {
      ...client,
      name: client.name,
      unsign: async (agreementNo: string) => {
        if (agreementNo === bad.channelAgreementNo) throw new Error('unexpected answer from the channel');
        return client.unsign(agreementNo);
      },
    };
    expect(await retryRequestedUnsigns(s.ctx.database, { clock: s.clock, client: breaking })).toEqual({
      unsignsAsked: 2,
      unsigned: 1,
      unsignsSkipped: 1,
    });
    expect((await getAgreement(s.ctx.database.db, good.id)).state).toBe('unsigned');
    // Recorded as a failed attempt, so it waits for its next one instead of failing every minute.
    expect(await getAgreement(s.ctx.database.db, bad.id)).toMatchObject({
      state: 'active',
      checkedAt: now,
      unsignAttempts: 4,
      unsignLastError: 'skipped by the sweep: unexpected answer from the channel',
    });
  });

  test('a re-check the channel does not answer is asked again after 2, 4, 8 … min, not at every run (it was every minute)', async () => {
    const a = await signed();
    const activeSince = s.clock.now().getTime();
    const { externalAgreementNo } = await getAgreement(s.ctx.database.db, a.id);
    await knobs({ failNextCalls: 1000 });
    // The queries about this agreement (other agreements due in the same database are asked too).
    const client = await agreementChannelClient(s.ctx, 'alipay');
    let queries = 0;
    const counting = {
      ...client,
      name: client.name,
      query: async (agreementNo: string) => {
        if (agreementNo === externalAgreementNo) queries++;
        return client.query(agreementNo);
      },
    };
    const recheckCounting = () => recheckActiveAgreements(s.ctx.database, { clock: s.clock, client: counting });
    const askedSince = async (before: number) => queries - before;
    const remaining = async () => queries;
    let at = activeSince + PaymentsLimits.activeAgreementRecheckDays * DAY;
    s.clock.set(new Date(at));
    let before = await remaining();
    await recheckCounting();
    expect(await askedSince(before)).toBe(1);
    // The sweep runs every minute; the failed query waits 2, 4, 8 … min.
    for (const waitMinutes of [2, 4, 8, 16]) {
      before = await remaining();
      for (let minute = 1; minute < waitMinutes; minute++) {
        s.clock.set(new Date(at + minute * MINUTE));
        await recheckCounting();
      }
      expect(await askedSince(before), `within the ${waitMinutes} min wait`).toBe(0);
      at += waitMinutes * MINUTE;
      s.clock.set(new Date(at));
      await recheckCounting();
      expect(await askedSince(before), `after the ${waitMinutes} min wait`).toBe(1);
    }
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({
      state: 'active',
      lastCheckedAt: null,
      recheckFailures: 5,
      recheckAt: new Date(at + 32 * MINUTE),
    });
    // Never more than a day apart.
    await s.ctx.database.db
      .update(paymentsAgreements)
      .set({ recheckFailures: 30 })
      .where(eq(paymentsAgreements.id, a.id));
    s.clock.set(new Date(at + 32 * MINUTE));
    await recheckCounting();
    expect((await getAgreement(s.ctx.database.db, a.id)).recheckAt).toEqual(new Date(at + 32 * MINUTE + DAY));
    // The channel answers: the count is cleared and the next re-check is a week on.
    await knobs({ failNextCalls: 0 });
    s.clock.set(new Date(at + 32 * MINUTE + DAY));
    await recheckCounting();
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({
      state: 'active',
      lastCheckedAt: s.clock.now(),
      recheckFailures: 0,
      recheckAt: new Date(s.clock.now().getTime() + PaymentsLimits.activeAgreementRecheckDays * DAY),
    });
  });

  test('staff retry a stuck unsign now: audited; the channel failing counts an attempt (503), confirming ends it and resolves the alert', async () => {
    const a = await signed();
    const requestedAt = s.clock.now().getTime();
    await unsignFailing(a.id, a.phone);
    s.clock.set(new Date(requestedAt + PaymentsLimits.unsignStuckAlertHours * HOUR));
    await raiseAlerts();
    expect((await getAgreement(s.ctx.database.db, a.id)).unsignAlertedAt).toEqual(s.clock.now());
    const finance = await signInTestStaff(s, 'finance');
    const retry = (token: string) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/admin/payments/agreements/${a.id}/retry-unsign`,
        headers: bearer(token),
      });
    const audits = async () =>
      (
        await queryRows<{ actor_id: string; detail: Record<string, unknown> }>(
          s.ctx.database.db,
          sql`select actor_id, detail from identity_audit_log
              where action = 'payments.unsign_retried' and target_id = ${a.id} order by seq`,
        )
      ).map((r) => ({ actorId: r.actor_id, outcome: r.detail.outcome, state: r.detail.state }));
    // Support staff may read agreements but not act on them.
    expect((await retry((await signInTestStaff(s, 'support')).token)).statusCode).toBe(403);
    // The channel still fails: 503, one more attempt counted with its reason, audited.
    const attempts = (await getAgreement(s.ctx.database.db, a.id)).unsignAttempts;
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    const failed = await retry(finance.token);
    expect(failed.statusCode).toBe(503);
    expect(failed.json().code).toBe('PAYMENTS_CHANNEL_UNAVAILABLE');
    expect(await getAgreement(s.ctx.database.db, a.id)).toMatchObject({
      state: 'active',
      unsignAttempts: attempts + 1,
      unsignAlertedAt: expect.any(Date),
    });
    // The channel answers: ended, the request and the alert cleared, the alert resolved.
    const done = await retry(finance.token);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id: a.id, state: 'unsigned', unsignRequestedAt: null, unsignAlertedAt: null });
    expect(await events('payments.unsign_stuck_resolved', a.id)).toHaveLength(1);
    expect(await audits()).toEqual([
      { actorId: finance.staffId, outcome: 'failed', state: 'active' },
      { actorId: finance.staffId, outcome: 'confirmed', state: 'unsigned' },
    ]);
    // Nothing left to retry.
    const again = await retry(finance.token);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PAYMENTS_AGREEMENT_UNSIGN_NOT_REQUESTED');
  });
});
