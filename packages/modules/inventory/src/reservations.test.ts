import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { isAppError } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { InventoryErrors } from './errors';
import { moveOrderUnit } from './move-order-unit';
import { releaseExpiredReservations } from './release-expired-reservations';
import { releaseReservation } from './release-reservation';
import { availabilityBySku } from './reservations';
import { reserveUnit } from './reserve-unit';
import { createTestStock } from './testing';

const now = new Date('2026-03-02T02:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describeDb('unit reservations', (get, kind) => {
  test('a reservation holds one unit per order, and asking again returns the same unit', async () => {
    const db = get().database.db;
    const stock = await createTestStock(db, { units: 2, now });
    const first = await transaction(db, (tx) => reserveUnit(tx, { skuId: stock.skuId, orderRef: 'ord_a', now }));
    const again = await transaction(db, (tx) => reserveUnit(tx, { skuId: stock.skuId, orderRef: 'ord_a', now }));
    expect(again.unitId).toBe(first.unitId);
    expect(first.expiresAt).toBe(minutes(30).toISOString());
    const second = await transaction(db, (tx) => reserveUnit(tx, { skuId: stock.skuId, orderRef: 'ord_b', now }));
    expect(second.unitId).not.toBe(first.unitId);
    const third = transaction(db, (tx) => reserveUnit(tx, { skuId: stock.skuId, orderRef: 'ord_c', now }));
    await expect(third).rejects.toSatisfy(InventoryErrors.INVENTORY_UNIT_UNAVAILABLE.is);
    expect(await availabilityBySku(db, { skuIds: [stock.skuId], now })).toEqual({ [stock.skuId]: 0 });
  });

  test('an unpaid reservation lapses after 30 minutes: eagerly on the next reservation, or by the tick', async () => {
    const db = get().database.db;
    const stock = await createTestStock(db, { units: 1, now });
    const held = await transaction(db, (tx) => reserveUnit(tx, { skuId: stock.skuId, orderRef: 'ord_late', now }));
    await expect(
      transaction(db, (tx) => reserveUnit(tx, { skuId: stock.skuId, orderRef: 'ord_next', now: minutes(29) })),
    ).rejects.toSatisfy(InventoryErrors.INVENTORY_UNIT_UNAVAILABLE.is);
    expect(await availabilityBySku(db, { skuIds: [stock.skuId], now: minutes(30) })).toEqual({ [stock.skuId]: 1 });
    const taken = await transaction(db, (tx) =>
      reserveUnit(tx, { skuId: stock.skuId, orderRef: 'ord_next', now: minutes(31) }),
    );
    expect(taken.unitId).toBe(held.unitId);
    // The late order's release is now a no-op: the unit belongs to another order.
    await transaction(db, (tx) =>
      releaseReservation(tx, { unitId: held.unitId, orderRef: 'ord_late', now: minutes(32) }),
    );
    const released = await transaction(db, (tx) => releaseExpiredReservations(tx, { now: minutes(90) }));
    expect(released).toBeGreaterThanOrEqual(1);
    const history = await queryRows<{ from_state: string | null; to_state: string; reason: string | null }>(
      db,
      sql`select from_state, to_state, reason from inventory_unit_history where unit_id = ${held.unitId} order by at, id`,
    );
    expect(history.map((h) => `${h.from_state}→${h.to_state}`)).toEqual([
      'null→in_stock',
      'in_stock→reserved',
      'reserved→in_stock',
      'in_stock→reserved',
      'reserved→in_stock',
    ]);
    // No English sentence is stored beside a system change's code (the console words the code).
    expect(history.map((h) => h.reason)).toEqual([null, null, null, null, null]);
    // Each system change is stored with its code and parameters, for the console's languages.
    const coded = await queryRows<{ reason_code: string | null; reason_params: Record<string, string> | null }>(
      db,
      sql`select reason_code, reason_params from inventory_unit_history where unit_id = ${held.unitId} order by at, id`,
    );
    expect(coded).toEqual([
      { reason_code: 'demo_stock', reason_params: {} },
      { reason_code: 'reserved_for_order', reason_params: { orderRef: 'ord_late' } },
      { reason_code: 'reservation_expired', reason_params: { orderRef: 'ord_late' } },
      { reason_code: 'reserved_for_order', reason_params: { orderRef: 'ord_next' } },
      { reason_code: 'reservation_expired', reason_params: { orderRef: 'ord_next' } },
    ]);
  });

  test('the order flow moves the unit it holds, and only that', async () => {
    const db = get().database.db;
    const stock = await createTestStock(db, { units: 1, now });
    const held = await transaction(db, (tx) => reserveUnit(tx, { skuId: stock.skuId, orderRef: 'ord_flow', now }));
    await expect(
      transaction(db, (tx) => moveOrderUnit(tx, { unitId: held.unitId, orderRef: 'ord_other', step: 'ship', now })),
    ).rejects.toSatisfy(InventoryErrors.INVENTORY_RESERVATION_MISMATCH.is);
    await expect(
      transaction(db, (tx) => moveOrderUnit(tx, { unitId: held.unitId, orderRef: 'ord_flow', step: 'deliver', now })),
    ).rejects.toSatisfy(InventoryErrors.INVENTORY_INVALID_TRANSITION.is);
    for (const step of ['ship', 'deliver', 'start_return', 'receive_return'] as const) {
      await transaction(db, (tx) => moveOrderUnit(tx, { unitId: held.unitId, orderRef: 'ord_flow', step, now }));
    }
    const [unit] = await queryRows<{ state: string }>(
      db,
      sql`select state from inventory_units where id = ${held.unitId}`,
    );
    expect(unit?.state).toBe('inspecting');
    // Each step without a caller's code is stored as the step's own code, with the order.
    const steps = await queryRows<{ reason_code: string | null; reason_params: Record<string, string> | null }>(
      db,
      sql`select reason_code, reason_params from inventory_unit_history
          where unit_id = ${held.unitId} and from_state is not null and from_state <> 'in_stock' order by at, id`,
    );
    expect(steps.map((s) => s.reason_code)).toEqual([
      'order_ship',
      'order_deliver',
      'order_start_return',
      'order_receive_return',
    ]);
    expect(steps.every((s) => s.reason_params?.orderRef === 'ord_flow')).toBe(true);
  });

  if (kind === 'postgres') {
    test('50 concurrent reservations for 10 free units reserve exactly 10, on two connection pools', async () => {
      const first = get().database;
      const second = await get().openAnother();
      const stock = await createTestStock(first.db, { units: 10, now });
      const attempts = Array.from({ length: 50 }, (_, i) =>
        transaction(i % 2 === 0 ? first : second, (tx) =>
          reserveUnit(tx, { skuId: stock.skuId, orderRef: `ord_race_${i}`, now }),
        ),
      );
      const results = await Promise.allSettled(attempts);
      const won = results
        .filter((r) => r.status === 'fulfilled')
        .map((r) => (r as PromiseFulfilledResult<{ unitId: string }>).value.unitId);
      const lost = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
      expect(won).toHaveLength(10);
      expect(new Set(won).size).toBe(10);
      expect(lost.every((e) => isAppError(e) && e.code === 'INVENTORY_UNIT_UNAVAILABLE')).toBe(true);
      const rows = await queryRows<{ n: number }>(
        first.db,
        sql`select count(distinct order_ref)::int as n from inventory_units where sku_id = ${stock.skuId} and state = 'reserved'`,
      );
      expect(rows[0]?.n).toBe(10);
    });
  }
});
