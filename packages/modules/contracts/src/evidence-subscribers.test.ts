import { type EventMap, type EventType, emitEvent, type NewEventOf, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { evidenceOfSubject, verifyEvidenceChain } from './evidence-log';

describeDb('other modules’ events become evidence entries, once each, without personal data', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  /**
   * Runs the worker until the subject has `count` entries. A delivery that failed on a loaded
   * machine (a lock wait) is retried after its back-off, so the clock moves a minute between rounds
   * (the PostgreSQL leg of one CI run saw no entry after a single drain).
   */
  const entriesOnceDelivered = async (subject: { kind: string; id: string }, count: number) => {
    let entries = await evidenceOfSubject(s.ctx.database.db, subject);
    for (let round = 0; round < 30 && entries.length < count; round++) {
      await drain();
      entries = await evidenceOfSubject(s.ctx.database.db, subject);
      if (entries.length < count) s.clock.advance(60_000);
    }
    return entries;
  };
  const emit = <T extends EventType>(type: T, aggregateType: string, aggregateId: string, payload: EventMap[T]) =>
    transaction(s.ctx.database, (tx) =>
      emitEvent(tx, s.clock.now(), { type, aggregateType, aggregateId, payload } as NewEventOf<T>),
    );

  test('identity: a verified customer is recorded without the birth date', async () => {
    await emit('identity.customer_verified', 'customer', 'cus_evid_1', {
      customerId: 'cus_evid_1',
      birthDate: '1990-03-07',
    });
    const entries = await entriesOnceDelivered({ kind: 'customer', id: 'cus_evid_1' }, 1);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'identity.verified', customerId: 'cus_evid_1' });
    expect(entries[0]?.data).toMatchObject({ eventType: 'identity.customer_verified', result: 'verified' });
    expect(JSON.stringify(entries[0])).not.toContain('1990');
  });

  test('payments: a success keeps the amount and channel, a failure its reason, under the paid object', async () => {
    const ref = { orderId: 'pay_evid_1', purpose: 'rental', reference: 'rent_evid_1', customerId: 'cus_evid_2' };
    await emit('payments.payment_failed', 'payment_order', ref.orderId, { ...ref, reason: 'card declined' });
    await emit('payments.payment_succeeded', 'payment_order', ref.orderId, {
      ...ref,
      amountMinor: 29_900,
      channel: 'sandbox',
      transferId: 'ltr_evid_1',
    });
    const entries = await entriesOnceDelivered({ kind: 'rental', id: 'rent_evid_1' }, 2);
    expect(entries.map((e) => [e.kind, e.data.amountMinor ?? e.data.reason])).toEqual([
      ['payments.payment_failed', 'card declined'],
      ['payments.payment_succeeded', 29_900],
    ]);
    expect(entries[1]?.data).toMatchObject({ orderId: 'pay_evid_1', channel: 'sandbox' });
  });

  test('wallet: a transfer is recorded under the sender’s wallet; running the worker again adds nothing', async () => {
    await emit('wallet.transfer_sent', 'wallet_transfer', 'wtr_evid_1', {
      customerId: 'cus_evid_3',
      amountMinor: 8_800,
      walletTransferId: 'wtr_evid_1',
      transferId: 'trf_evid_1',
      fromCustomerId: 'cus_evid_3',
      toCustomerId: 'cus_evid_4',
      type: 'transfer',
    });
    const entries = await entriesOnceDelivered({ kind: 'wallet', id: 'cus_evid_3' }, 1);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.data).toMatchObject({ amountMinor: 8_800, toCustomerId: 'cus_evid_4', type: 'transfer' });
    expect(entries[0]?.data).not.toHaveProperty('customerId');
    // An event type the subscriber does not take leaves no entry.
    await emit('wallet.cashback_granted', 'wallet_cashback', 'cbk_evid_1', {
      customerId: 'cus_evid_3',
      amountMinor: 500,
      cashbackId: 'cbk_evid_1',
    });
    await drain();
    expect(await evidenceOfSubject(s.ctx.database.db, { kind: 'wallet', id: 'cus_evid_3' })).toHaveLength(1);
    expect(await verifyEvidenceChain(s.ctx.database.db)).toMatchObject({ broken: null });
  });

  test('risk: a decision is recorded under its order, a lock under the rental, each with its outcome', async () => {
    await emit('risk.decision_made', 'risk_decision', 'rdec_evid_1', {
      decisionId: 'rdec_evid_1',
      applicationId: 'rapp_evid_1',
      customerId: 'cus_evid_5',
      purpose: 'rental',
      reference: 'rent_evid_5',
      ruleSetVersion: 3,
      outcome: 'review',
      score: 599,
      reasonCodes: ['SCORE_BELOW_600'],
      depositWaivedMinor: 0,
      creditLimitMinor: 300_000,
      caseId: 'rcase_evid_1',
    });
    for (const status of ['requested', 'answered'] as const) {
      const common = {
        commandId: 'rcmd_evid_1',
        deviceId: 'rdev_evid_1',
        customerId: 'cus_evid_5',
        reference: 'rent_evid_5',
        kind: 'lock' as const,
      };
      if (status === 'requested') {
        await emit('risk.device_command_requested', 'risk_device', 'rdev_evid_1', {
          ...common,
          reason: 'D+10',
          requestedBy: 'stf_evid_1',
        });
      } else {
        await emit('risk.device_command_answered', 'risk_device', 'rdev_evid_1', {
          ...common,
          status: 'acknowledged',
          failure: null,
        });
      }
    }
    const entries = await entriesOnceDelivered({ kind: 'rental', id: 'rent_evid_5' }, 3);
    expect(entries.map((e) => e.kind)).toEqual([
      'risk.decision_made',
      'risk.device_command_requested',
      'risk.device_command_answered',
    ]);
    expect(entries[0]?.data).toMatchObject({ outcome: 'review', score: 599, ruleSetVersion: 3 });
    expect(entries[2]?.data).toMatchObject({ kind: 'lock', status: 'acknowledged' });
    expect(await verifyEvidenceChain(s.ctx.database.db)).toMatchObject({ broken: null });
  });
});
