// rental-orders: (1) rental order placement per second on PostgreSQL through the rental module's own
// use case — `placeOrder` in one transaction: the plan read again, risk's decision recorded (velocity,
// lists, rule set), the quote, the order, the unit reserved, the contract drafted and the event in the
// outbox — at 1 and 8 concurrent callers, p50/p99, as a ratio of pgbench TPC-B run first on the same
// server; (2) the daily rent tick (`runRentTick`) over 100,000 active rentals bulk-inserted into the
// same bench database, due dates spread over a month as in steady state.
//
//   node --import tsx bench/rental-orders.mjs
//
// The outside half of placing an order (`prepareOrder`: address check, catalog reads and the risk
// sandboxes' answers) runs before the transaction and is not measured; each call places a new order
// (its own id) from one prepared template per demo customer. The database is a dedicated scratch
// database with every module's demo seed (customers, catalog, stock, contract templates), and the
// chosen SKU gets 20,000 more phones in stock so no call runs out. Environment: BENCH_SECONDS
// (default 10, per scenario), BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test),
// BENCH_RENTALS (default 100000).
import { cpus, loadavg } from 'node:os';
import { queryRows, transaction } from '@zulin/db';
import { findCustomerIdByPhone } from '@zulin/identity';
import { addDays, newId, today } from '@zulin/kernel';
import { createTestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { placeOrder, prepareOrder, rentalModule, runRentTick } from '@zulin/rental';
import { riskDeps } from '@zulin/risk';
import { sql } from 'drizzle-orm';
import { anchorLine, formatTable, guardRatios, machineNote, runAnchor, withScratchDatabase } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rentals = Number(process.env.BENCH_RENTALS ?? 100_000); // 0: order placement only
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

console.log(`rental-orders · ${new Date().toISOString()} · load average ${load()}`);
console.log(machineNote());
console.log(`pgbench anchor: ${seconds} s TPC-B and ${seconds} s select-only…`);
const anchor = await runAnchor({ seconds });
console.log(`${anchorLine(anchor)}\n`);

await withScratchDatabase(adminUrl, async (database) => {
  const s = await createTestServer(database, { modules, now: new Date().toISOString() });
  try {
    const seedStarted = Date.now();
    for (const module of modules) {
      if (module === rentalModule) break;
      await module.seed?.(s.ctx);
    }
    console.log(`demo seeds (before rental) in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    const db = s.ctx.database.db;
    const deps = { clock: s.clock, timeZone: s.ctx.config.timeZone, masterKey: s.ctx.config.masterKey };
    const orderDeps = { ...deps, risk: riskDeps(s.ctx) };

    // The cheapest SKU with a 12-month plan and stock (within the demo customers' credit limits, so
    // that risk approves and the order goes on to confirm the unit and draft the contract, the
    // whole placement; a dearer phone goes to review, ORDER_OVER_LIMIT); 20,000 more phones of it.
    const [pick] = await queryRows(
      db,
      sql`select u.sku_id as "skuId", p.id as "planId", u.id as "unitId"
          from inventory_units u join catalog_plans p on p.sku_id = u.sku_id
          join catalog_skus k on k.id = u.sku_id
          where u.state = 'in_stock' and p.term_unit = 'month' and p.term_count = 12 and p.active
          order by k.market_price_minor, u.id limit 1`,
    );
    if (!pick) throw new Error('no SKU with a 12-month plan in stock');
    // The source row is read once (a materialised CTE), and each copy is built once (a lateral
    // call: `(jsonb_populate_record(…)).*` calls the function once per column, 50 × slower).
    await db.execute(sql`
      with source as materialized (select to_jsonb(u) as row from inventory_units u where u.id = ${pick.unitId})
      insert into inventory_units
      select copy.* from source, generate_series(1, 20000) as i,
        lateral jsonb_populate_record(null::inventory_units, source.row || jsonb_build_object(
          'id', 'unit_bench' || lpad(i::text, 16, '0'),
          'imei', lpad((860000000000000 + i)::text, 15, '0'),
          'serial_number', 'BENCH' || i)) as copy`);
    await db.execute(sql`analyze inventory_units`);

    const templates = [];
    for (const [phone, name] of [
      ['+8613800138000', '张三丰'],
      ['+8613900139000', '李四'],
    ]) {
      const customerId = await findCustomerIdByPhone(db, s.ctx.config.masterKey, phone);
      if (customerId === null) throw new Error(`demo customer ${phone} missing`);
      templates.push(
        await prepareOrder(db, orderDeps, {
          customerId,
          input: {
            skuId: pick.skuId,
            planId: pick.planId,
            addOns: [],
            couponCodes: [],
            address: { name, phone, province: '浙江省', city: '杭州市', district: '西湖区', line: '文三路 90 号' },
            deviceFingerprint: null,
            ip: null,
          },
        }),
      );
    }
    // Each call a new applicant for risk (its own ID number, phone and address keys), so velocity
    // does not turn the two demo customers into rejections after a few orders: a rejected order
    // reserves no phone and drafts no contract, and would not measure a placement.
    let applicant = 0;
    const fresh = () => {
      const template = templates[applicant % templates.length];
      const n = applicant++;
      const orderId = newId('rord', s.clock);
      return {
        ...template,
        orderId,
        application: {
          ...template.application,
          input: { ...template.application.input, reference: orderId },
          keys: { idNumberBidx: `bench-id-${n}`, phoneBidx: `bench-ph-${n}`, addressBidx: `bench-addr-${n}` },
        },
      };
    };

    const measure = async (callers) => {
      const deadline = Date.now() + seconds * 1000;
      const latencies = [];
      const statuses = {};
      const started = Date.now();
      await Promise.all(
        Array.from({ length: callers }, async () => {
          while (Date.now() < deadline) {
            const t0 = performance.now();
            const placed = await transaction(database, (tx) => placeOrder(tx, orderDeps, fresh()));
            latencies.push(performance.now() - t0);
            const key = [placed.order.status, ...placed.decision.reasonCodes].join(' ');
            statuses[key] = (statuses[key] ?? 0) + 1;
          }
        }),
      );
      const elapsedS = (Date.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return { perS: latencies.length / elapsedS, n: latencies.length, latencies, statuses };
    };

    // Warm-up: connections, caches, the rule set.
    const warm = Date.now() + 2_000;
    while (Date.now() < warm) await transaction(database, (tx) => placeOrder(tx, orderDeps, fresh()));
    const rows = [];
    for (const callers of [1, 8]) {
      const r = await measure(callers);
      rows.push({
        callers,
        'orders/s': Math.round(r.perS * 10) / 10,
        'p50 ms': Math.round(percentile(r.latencies, 50) * 10) / 10,
        'p99 ms': Math.round(percentile(r.latencies, 99) * 10) / 10,
        orders: r.n,
        '÷ TPC-B tps': Math.round((r.perS / anchor.tpcb_tps) * 1000) / 1000,
      });
      console.log(`${callers} callers: ${r.perS.toFixed(1)} orders/s ${JSON.stringify(r.statuses)} · load ${load()}`);
    }
    console.log(
      `\norder placement (placeOrder, one transaction each), ${seconds} s per scenario, ${cpus().length} CPUs`,
    );
    console.log(`${formatTable(rows)}\n`);
    const ratios = Object.fromEntries(
      rows.map((r) => [`placement, ${r.callers} callers ÷ TPC-B`, r['orders/s'] / anchor.tpcb_tps]),
    );
    if (guardRatios('rental-orders', ratios) > 0) process.exitCode = 1;

    // The daily rent tick over `rentals` active rentals: copies of one real order made active, due
    // dates spread evenly over the 30 days after the tick's 7-day horizon, so the tick bills the
    // thirtieth due on the horizon (steady state), the rest it only has to skip.
    if (rentals === 0) return;
    const [source] = await queryRows(db, sql`select id from rental_orders order by created_at limit 1`);
    const date = today(s.clock, deps.timeZone);
    const horizon = addDays(date, 7);
    const insertStarted = Date.now();
    await db.execute(sql`
      with source as materialized (select to_jsonb(o) as row from rental_orders o where o.id = ${source.id})
      insert into rental_orders
      select copy.* from source, generate_series(1, ${rentals}) as i,
        lateral jsonb_populate_record(null::rental_orders, source.row || jsonb_build_object(
        'id', 'rord_bench' || lpad(i::text, 16, '0'),
        'status', 'active',
        'unit_id', null,
        'contract_id', null,
        'rent_start_date', (${horizon}::date - interval '1 month' + ((i % 30) || ' days')::interval)::date,
        'billed_through_period', 1,
        'next_bill_due_date', (${horizon}::date + ((i % 30) || ' days')::interval)::date,
        'version', 1)) as copy`);
    await db.execute(sql`analyze rental_orders`);
    console.log(
      `${rentals.toLocaleString('en')} active rentals inserted in ${((Date.now() - insertStarted) / 1000).toFixed(1)} s`,
    );
    const tickStarted = performance.now();
    const result = await runRentTick(db, deps, date);
    const tickMs = performance.now() - tickStarted;
    const [billedNow] = await queryRows(
      db,
      sql`select count(*)::int as n from billing_bills where source_type = 'rental' and source_id like 'rord_bench%'`,
    );
    const secondStarted = performance.now();
    const again = await runRentTick(db, deps, date);
    const secondMs = performance.now() - secondStarted;
    console.log(
      `rent tick for ${date} over ${rentals.toLocaleString('en')} active rentals: ${(tickMs / 1000).toFixed(1)} s, ` +
        `${result.billed} bills issued (${billedNow.n} stored), started ${result.started}; ` +
        `a second run for the date: ${(secondMs / 1000).toFixed(2)} s, ${again.billed} bills`,
    );
    console.log(
      `anchor: pgbench TPC-B ${anchor.tpcb_tps.toFixed(1)} tps (${anchor.clients} clients), ` +
        `select-only ${anchor.select_tps.toFixed(1)} tps; load average at the end ${load()}`,
    );
  } finally {
    await s.close();
  }
});
