// Signing through the licensed provider (ZULIN_CONTRACT_SIGNING=provider) end to end over HTTP:
// start a flow (idempotent per draft), the sandbox signer agrees, its signed callback comes through
// the webhook and the inbox, and the draft becomes the signed, sealed contract with the same evidence
// as our own signing. Bad signatures, repeats and refusals change nothing they should not.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InboxProcessor, queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { draftContract } from './draft-contract';
import { signCallback } from './esign-provider';
import { evidenceOfSubject, verifyEvidenceChain } from './evidence-log';
import { contractsModule } from './module';

const terms = {
  productName: 'iPhone 16 Pro 256GB',
  principalMinor: 599_900,
  termMonths: 12,
  aprBps: 1268,
  paymentMinor: 53_300,
  totalPaymentMinor: 639_600,
  schedule: [{ period: 1, dueDate: '2026-04-15', paymentMinor: 53_300 }],
};

function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'esign-'));
  writeFileSync(join(dir, 's.pdf'), pdf);
  try {
    return execFileSync('pdfsig', [join(dir, 's.pdf')], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describeDb('contracts: signing through the e-signature provider (实名 + 意愿)', (get) => {
  let s: TestServer;
  let inbox: InboxProcessor;
  beforeAll(async () => {
    vi.stubEnv('ZULIN_CONTRACT_SIGNING', 'provider');
    s = await createTestServer(get().database, { modules });
    inbox = new InboxProcessor({
      db: s.ctx.database.db,
      clock: s.clock,
      handlers: contractsModule.inboxHandlers?.(s.ctx) ?? {},
    });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await s?.close();
  });

  const draft = (customerId: string, subjectId: string) =>
    transaction(s.ctx.database, (tx) =>
      draftContract(
        tx,
        { clock: s.clock },
        {
          customerId,
          subject: { kind: 'installment', id: subjectId },
          template: 'installment',
          locale: 'zh-CN',
          terms,
        },
      ),
    );

  const start = (id: string, token: string) =>
    s.app.inject({ method: 'POST', url: `/v1/contracts/${id}/esign-flows`, headers: bearer(token) });
  const complete = (flowId: string, payload: Record<string, unknown>) =>
    s.app.inject({ method: 'POST', url: `/v1/sandbox/esign/flows/${flowId}/complete`, payload });
  const kinds = async (id: string) =>
    (await evidenceOfSubject(s.ctx.database.db, { kind: 'contract', id })).map((e) => e.kind);

  test('start → the signer agrees → the callback signs and seals the draft once; the same evidence as our own signing', async () => {
    const alice = await signInTestCustomer(s);
    const drafted = await draft(alice.customerId, 'esign_ok');

    const info = await s.app.inject({ url: `/v1/contracts/${drafted.contractId}/esign`, headers: bearer(alice.token) });
    expect(info.json()).toEqual({ signingMode: 'provider', flow: null });
    // Our own SMS signing is off in this mode.
    const codes = await s.app.inject({
      method: 'POST',
      url: `/v1/contracts/${drafted.contractId}/sign-codes`,
      headers: bearer(alice.token),
    });
    expect(codes.json().code).toBe('CONTRACTS_SIGNING_BY_PROVIDER');
    // …and so are the orders' own sign routes, before anything about the order is read.
    for (const url of ['/v1/rentals/rord_any/sign', '/v1/installment-orders/iord_any/sign']) {
      const signed = await s.app.inject({
        method: 'POST',
        url,
        headers: bearer(alice.token),
        payload: { code: '123456', signature: { kind: 'typed', name: '张三' } },
      });
      expect([url, signed.statusCode, signed.json().code]).toEqual([url, 409, 'CONTRACTS_SIGNING_BY_PROVIDER']);
    }

    const first = await start(drafted.contractId, alice.token);
    expect(first.statusCode).toBe(201);
    const flow = first.json();
    expect(flow.authUrl).toBe(`/esign-sandbox/auth/${flow.flowId}`);
    expect(flow.documentHash).toBe(drafted.documentHash);
    // Idempotent: the same draft answers the same live flow.
    expect((await start(drafted.contractId, alice.token)).json().flowId).toBe(flow.flowId);
    const live = await s.app.inject({ url: `/v1/contracts/${drafted.contractId}/esign`, headers: bearer(alice.token) });
    expect(live.json().flow.flowId).toBe(flow.flowId);
    // Another customer sees nothing.
    const bob = await signInTestCustomer(s);
    expect((await start(drafted.contractId, bob.token)).statusCode).toBe(404);

    const page = await s.app.inject({ url: `/v1/sandbox/esign/flows/${flow.flowId}` });
    expect(page.json()).toMatchObject({ contractId: drafted.contractId, status: 'open', expired: false });

    // The provider posts twice (it retries): the inbox keeps one message, the contract is signed once.
    const done = await complete(flow.flowId, { agree: true, willingness: 'FACE', delivery: 'twice' });
    expect(done.json()).toEqual({ status: 'signed', deliveries: [200, 200] });
    expect(await inbox.runOnce()).toEqual({ processed: 1, failed: 0, dead: 0 });
    expect(await inbox.runOnce()).toEqual({ processed: 0, failed: 0, dead: 0 });

    const signed = await s.app.inject({ url: `/v1/contracts/${drafted.contractId}`, headers: bearer(alice.token) });
    expect(signed.json()).toMatchObject({ status: 'signed', signatureKind: 'provider' });
    expect(await kinds(drafted.contractId)).toEqual([
      'contract.drafted',
      'contract.esign_outcome',
      'contract.consent_checked',
      'contract.signed',
    ]);
    const entries = await evidenceOfSubject(s.ctx.database.db, { kind: 'contract', id: drafted.contractId });
    expect(entries.find((e) => e.kind === 'contract.consent_checked')?.data).toMatchObject({
      method: 'esign_provider',
      flowId: flow.flowId,
      realName: 'passed',
      willingness: 'face',
    });
    const pdf = await s.app.inject({ url: `/v1/contracts/${drafted.contractId}/pdf`, headers: bearer(alice.token) });
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(signed.json().signedPdfHash);
    const report = pdfsig(pdf.rawPayload);
    expect(report).toContain('adbe.pkcs7.detached');
    expect(report).toContain('Signature is Valid.');
    const events = await queryRows<{ n: number }>(
      s.ctx.database.db,
      sql`select count(*)::int as n from outbox where type = 'contracts.contract_signed' and aggregate_id = ${drafted.contractId}`,
    );
    expect(Number(events[0]?.n)).toBe(1);

    // The same callback once more, later (a replay): nothing new.
    const again = await complete(flow.flowId, { agree: true });
    expect(again.json().code).toBe('CONTRACTS_ESIGN_FLOW_CLOSED');
    expect(await kinds(drafted.contractId)).toHaveLength(4);
    // Signed: no new flow.
    expect((await start(drafted.contractId, alice.token)).json().code).toBe('CONTRACTS_ALREADY_SIGNED');
    expect((await verifyEvidenceChain(s.ctx.database.db)).broken).toBeNull();
  });

  test('a callback with a bad signature is 401 and stored nowhere; a replayed good one adds nothing', async () => {
    const carol = await signInTestCustomer(s);
    const drafted = await draft(carol.customerId, 'esign_bad');
    const flow = (await start(drafted.contractId, carol.token)).json();
    const bad = await complete(flow.flowId, { agree: true, delivery: 'bad_signature' });
    expect(bad.json()).toEqual({ status: 'signed', deliveries: [401] });
    expect(await inbox.runOnce()).toEqual({ processed: 0, failed: 0, dead: 0 });
    expect(await kinds(drafted.contractId)).toEqual(['contract.drafted']);

    // A forged callback with another secret: 401 CONTRACTS_ESIGN_CALLBACK_INVALID.
    const forged = signCallback(
      'not-the-secret',
      {
        action: 'SIGN_FLOW_COMPLETE',
        signFlowId: flow.flowId,
        bizNo: drafted.contractId,
        fileHash: drafted.documentHash,
      },
      s.clock.now(),
    );
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/webhooks/esign',
      headers: forged.headers,
      payload: forged.body,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('CONTRACTS_ESIGN_CALLBACK_INVALID');
    expect(
      (await s.app.inject({ url: `/v1/contracts/${drafted.contractId}`, headers: bearer(carol.token) })).json().status,
    ).toBe('draft');
  });

  test('a refused 意愿 leaves the draft signable: a new flow starts and signs', async () => {
    const dan = await signInTestCustomer(s);
    const drafted = await draft(dan.customerId, 'esign_refused');
    const flow = (await start(drafted.contractId, dan.token)).json();
    expect((await complete(flow.flowId, { agree: false })).json()).toEqual({ status: 'refused', deliveries: [200] });
    expect(await inbox.runOnce()).toEqual({ processed: 1, failed: 0, dead: 0 });
    const after = await s.app.inject({ url: `/v1/contracts/${drafted.contractId}`, headers: bearer(dan.token) });
    expect(after.json().status).toBe('draft');
    expect(await kinds(drafted.contractId)).toEqual(['contract.drafted', 'contract.esign_outcome']);

    const next = (await start(drafted.contractId, dan.token)).json();
    expect(next.flowId).not.toBe(flow.flowId);
    await complete(next.flowId, { agree: true });
    expect(await inbox.runOnce()).toEqual({ processed: 1, failed: 0, dead: 0 });
    const signed = await s.app.inject({ url: `/v1/contracts/${drafted.contractId}`, headers: bearer(dan.token) });
    expect(signed.json().status).toBe('signed');
  });

  test('a redraft while a flow is open: the flow is outdated, the old draft cannot be started, the new one opens a new flow', async () => {
    const erin = await signInTestCustomer(s);
    const first = await draft(erin.customerId, 'esign_redraft');
    const flow = (await start(first.contractId, erin.token)).json();
    const second = await draft(erin.customerId, 'esign_redraft');
    expect((await start(first.contractId, erin.token)).json().code).toBe('CONTRACTS_DRAFT_OUTDATED');
    // The provider signs the old document anyway: nothing is signed.
    await complete(flow.flowId, { agree: true });
    expect(await inbox.runOnce()).toEqual({ processed: 1, failed: 0, dead: 0 });
    const old = await s.app.inject({ url: `/v1/contracts/${first.contractId}`, headers: bearer(erin.token) });
    expect(old.json().status).toBe('superseded');
    expect(await kinds(first.contractId)).toEqual(['contract.drafted']);
    const fresh = (await start(second.contractId, erin.token)).json();
    expect(fresh.documentHash).toBe(second.documentHash);
  });

  test('a flow the provider has closed (expired) is replaced by a new one', async () => {
    const fay = await signInTestCustomer(s);
    const drafted = await draft(fay.customerId, 'esign_expired');
    const flow = (await start(drafted.contractId, fay.token)).json();
    s.clock.advance(31 * 60_000);
    expect((await complete(flow.flowId, { agree: true })).json().code).toBe('CONTRACTS_ESIGN_FLOW_CLOSED');
    const next = (await start(drafted.contractId, fay.token)).json();
    expect(next.flowId).not.toBe(flow.flowId);
  });
});
