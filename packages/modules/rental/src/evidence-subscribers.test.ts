import { createHash } from 'node:crypto';
import { evidenceOfSubject, verifyEvidenceChain } from '@zulin/contracts';
import { type EventMap, type EventType, emitEvent, type NewEventOf, queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';

describeDb('rental events become evidence entries under the rental, once each', (get) => {
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
  const entriesOnceDelivered = async (id: string, count: number) => {
    let entries = await evidenceOfSubject(s.ctx.database.db, { kind: 'rental', id });
    for (let round = 0; round < 30 && entries.length < count; round++) {
      await drain();
      entries = await evidenceOfSubject(s.ctx.database.db, { kind: 'rental', id });
      if (entries.length < count) s.clock.advance(60_000);
    }
    return entries;
  };
  const emit = <T extends EventType>(type: T, aggregateId: string, payload: EventMap[T]) =>
    transaction(s.ctx.database, (tx) =>
      emitEvent(tx, s.clock.now(), { type, aggregateType: 'rental_order', aggregateId, payload } as NewEventOf<T>),
    );
  const photoHash = createHash('sha256').update('a photo of a scratched screen').digest('hex');

  test('a return received, its grade with the photos’ SHA-256 and a dispute (its reason hashed) are logged', async () => {
    const order = { orderId: 'rord_evid_r1', customerId: 'cus_evid_r1' };
    await emit('rental.order_transitioned', order.orderId, {
      ...order,
      action: 'receive_return',
      from: 'returning',
      to: 'inspecting',
    });
    await emit('rental.inspection_graded', order.orderId, {
      ...order,
      inspectionId: 'rins_evid_r1',
      grade: 'C',
      findings: [{ code: 'screen_scratch', quantity: 2 }],
      photos: [{ sha256: photoHash, contentType: 'image/jpeg', sizeBytes: 48_213 }],
      chargeMinor: 36_000,
      depositHeldMinor: 150_000,
      inspectedBy: 'stf_evid_r1',
    });
    await emit('rental.inspection_disputed', order.orderId, {
      ...order,
      inspectionId: 'rins_evid_r1',
      grade: 'C',
      chargeMinor: 36_000,
      reason: '划痕是发货时就有的，联系我 13800138000',
    });
    const entries = await entriesOnceDelivered(order.orderId, 3);
    expect(entries.map((e) => e.kind)).toEqual([
      'rental.order_transitioned',
      'rental.inspection_graded',
      'rental.inspection_disputed',
    ]);
    expect(entries.every((e) => e.customerId === 'cus_evid_r1')).toBe(true);
    expect(entries[0]?.data).toMatchObject({ action: 'receive_return', from: 'returning', to: 'inspecting' });
    expect(entries[1]?.data).toMatchObject({
      inspectionId: 'rins_evid_r1',
      grade: 'C',
      chargeMinor: 36_000,
      photos: [{ sha256: photoHash, contentType: 'image/jpeg', sizeBytes: 48_213 }],
      eventType: 'rental.inspection_graded',
    });
    expect(entries[2]?.data.reasonSha256).toBe(
      createHash('sha256').update('划痕是发货时就有的，联系我 13800138000', 'utf8').digest('hex'),
    );
    expect(JSON.stringify(entries)).not.toContain('13800138000');
  });

  test('a redelivered rental event adds no second entry, and the chain still verifies', async () => {
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          s.ctx.database.db,
          sql`select count(*)::int as n from contracts_evidence_entries`,
        )
      )[0]?.n;
    const before = await count();
    await s.ctx.database.db.execute(
      sql`update outbox_deliveries set status = 'pending', next_attempt_at = ${s.clock.now().toISOString()}::timestamptz
          where subscriber = 'rental.evidence'`,
    );
    await drain();
    expect(await count()).toBe(before);
    expect(await evidenceOfSubject(s.ctx.database.db, { kind: 'rental', id: 'rord_evid_r1' })).toHaveLength(3);
    expect(await verifyEvidenceChain(s.ctx.database.db)).toMatchObject({ broken: null });
  });
});
