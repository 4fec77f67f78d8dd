import { type EventMap, type EventType, emitEvent, type NewEventOf, queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
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

  test('payments: a refund is filed under what the refunded order paid for, a deposit hold under its rental', async () => {
    await emit('payments.authorisation_changed', 'payment_authorisation', 'pauth_evid_1', {
      authorisationId: 'pauth_evid_1',
      customerId: 'cus_evid_6',
      reference: 'rord_evid_6',
      channel: 'sandbox',
      state: 'authorised',
      amountMinor: 150_000,
      capturedMinor: 0,
      releasedMinor: 0,
    });
    await emit('payments.refund_changed', 'payment_refund', 'pref_evid_1', {
      refundId: 'pref_evid_1',
      orderId: 'pay_evid_6',
      customerId: 'cus_evid_6',
      purpose: 'rental',
      reference: 'rord_evid_6',
      amountMinor: 29_900,
      state: 'succeeded',
    });
    const entries = await entriesOnceDelivered({ kind: 'rental', id: 'rord_evid_6' }, 2);
    expect(entries.map((e) => e.kind).sort()).toEqual(['payments.authorisation_changed', 'payments.refund_changed']);
    const hold = entries.find((e) => e.kind === 'payments.authorisation_changed');
    expect(hold).toMatchObject({ customerId: 'cus_evid_6' });
    expect(hold?.data).toMatchObject({ authorisationId: 'pauth_evid_1', state: 'authorised', amountMinor: 150_000 });
    const refund = entries.find((e) => e.kind === 'payments.refund_changed');
    expect(refund?.data).toMatchObject({
      refundId: 'pref_evid_1',
      orderId: 'pay_evid_6',
      amountMinor: 29_900,
      state: 'succeeded',
    });
  });

  test('logistics: a shipment sent and signed for is filed under its rental, without the signer’s name', async () => {
    const ref = {
      shipmentId: 'shp_evid_1',
      orderRef: 'rord_evid_7',
      direction: 'outbound' as const,
      carrier: 'sf',
      waybillNo: 'SF1234567890',
    };
    await emit('logistics.shipment_created', 'logistics_shipment', ref.shipmentId, ref);
    await emit('logistics.shipment_delivered', 'logistics_shipment', ref.shipmentId, {
      ...ref,
      at: '2026-03-02T10:00:00+08:00',
      signedBy: '王小明',
    });
    const entries = await entriesOnceDelivered({ kind: 'rental', id: 'rord_evid_7' }, 2);
    expect(entries.map((e) => e.kind)).toEqual(['logistics.shipment_created', 'logistics.shipment_delivered']);
    expect(entries[1]?.data).toMatchObject({
      shipmentId: 'shp_evid_1',
      waybillNo: 'SF1234567890',
      direction: 'outbound',
      at: '2026-03-02T10:00:00+08:00',
      signedFor: true,
    });
    expect(JSON.stringify(entries)).not.toContain('王小明');
  });

  test('a redelivered event (its delivery put back to pending) adds no second entry', async () => {
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          s.ctx.database.db,
          sql`select count(*)::int as n from contracts_evidence_entries`,
        )
      )[0]?.n;
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(10);
    await s.ctx.database.db.execute(
      sql`update outbox_deliveries set status = 'pending', next_attempt_at = ${s.clock.now().toISOString()}::timestamptz
          where subscriber like 'contracts.evidence_%'`,
    );
    await drain();
    const pending = await queryRows<{ n: number }>(
      s.ctx.database.db,
      sql`select count(*)::int as n from outbox_deliveries where subscriber like 'contracts.evidence_%' and status <> 'delivered'`,
    );
    expect(pending[0]?.n).toBe(0);
    expect(await count()).toBe(before);
    expect(await verifyEvidenceChain(s.ctx.database.db)).toMatchObject({ broken: null });
  });
});
