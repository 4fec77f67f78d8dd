import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { draftContract } from './draft-contract';
import { sandboxESignProvider } from './esign-provider';
import { evidenceOfSubject, verifyEvidenceChain } from './evidence-log';
import { recordESignOutcome } from './record-esign-outcome';

const rentalTerms = { productName: 'iPhone 16 128GB', months: 12, rentMinor: 29_900, depositMinor: 100_000 };

describeDb('a licensed provider’s signing outcome is evidence under the contract, once', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the sandbox flow’s callback is logged with the real-name and willingness results; a retry adds nothing', async () => {
    const alice = await signInTestCustomer(s);
    const drafted = await transaction(s.ctx.database, (tx) =>
      draftContract(
        tx,
        { clock: s.clock },
        {
          customerId: alice.customerId,
          subject: { kind: 'rental', id: 'rord_esign_1' },
          template: 'rental',
          locale: 'zh-CN',
          terms: rentalTerms,
        },
      ),
    );
    const { provider, server } = sandboxESignProvider({
      appId: 'sbx_app',
      secret: 'sbx-secret',
      baseUrl: 'https://esign.sandbox',
      now: () => s.clock.now(),
    });
    const flow = await provider.createFlow({
      contractId: drafted.contractId,
      documentHash: drafted.documentHash,
      signerRef: alice.customerId,
      callbackUrl: 'https://zulin.example/cb',
    });
    const callback = await server.complete(flow.flowId, { signed: true, realNamePassed: true, willingness: 'FACE' });
    if ('refused' in callback) throw new Error(callback.refused);
    const record = () =>
      transaction(s.ctx.database, (tx) =>
        recordESignOutcome(
          tx,
          { clock: s.clock },
          {
            provider: provider.name,
            outcome: provider.readCallback(callback.headers, callback.body, s.clock.now()),
          },
        ),
      );
    const first = await record();
    const again = await record();
    expect(again.seq).toBe(first.seq);
    const entries = await evidenceOfSubject(s.ctx.database.db, { kind: 'contract', id: drafted.contractId });
    expect(entries.map((e) => e.kind)).toEqual(['contract.drafted', 'contract.esign_outcome']);
    expect(entries[1]).toMatchObject({ customerId: alice.customerId });
    expect(entries[1]?.data).toMatchObject({
      provider: 'sandbox-esign',
      flowId: flow.flowId,
      status: 'signed',
      realName: 'passed',
      willingness: 'face',
      documentHash: drafted.documentHash,
    });
    expect(await verifyEvidenceChain(s.ctx.database.db)).toMatchObject({ broken: null });
  });

  test('an outcome for another document than the draft, or an unknown contract, is refused and logs nothing', async () => {
    const bob = await signInTestCustomer(s);
    const drafted = await transaction(s.ctx.database, (tx) =>
      draftContract(
        tx,
        { clock: s.clock },
        {
          customerId: bob.customerId,
          subject: { kind: 'rental', id: 'rord_esign_2' },
          template: 'rental',
          locale: 'zh-CN',
          terms: rentalTerms,
        },
      ),
    );
    const outcome = {
      flowId: 'f_other',
      contractId: drafted.contractId,
      documentHash: 'b'.repeat(64),
      status: 'signed' as const,
      realName: 'passed' as const,
      willingness: 'sms' as const,
      signedAt: s.clock.now().toISOString(),
    };
    await expect(
      transaction(s.ctx.database, (tx) => recordESignOutcome(tx, { clock: s.clock }, { provider: 'p', outcome })),
    ).rejects.toMatchObject({ code: 'CONTRACTS_ESIGN_CALLBACK_INVALID' });
    await expect(
      transaction(s.ctx.database, (tx) =>
        recordESignOutcome(tx, { clock: s.clock }, { provider: 'p', outcome: { ...outcome, contractId: 'ctr_none' } }),
      ),
    ).rejects.toMatchObject({ code: 'CONTRACTS_CONTRACT_NOT_FOUND' });
    const entries = await evidenceOfSubject(s.ctx.database.db, { kind: 'contract', id: drafted.contractId });
    expect(entries.map((e) => e.kind)).toEqual(['contract.drafted']);
  });
});
