// risk-decisions: credit decisions per second on PostgreSQL through risk's own use case
// (recordApplication: velocity over 24 h and 30 days per ID number, phone, device, address and IP,
// distinct ID numbers per device and address, list hits including IP ranges by CIDR, the default
// rule set with its CEL conditions and scorecard, then the application, the decision record and,
// for a review, its case — one SQL transaction per decision), without HTTP in between.
//
//   node --import tsx bench/risk-decisions.mjs
//
// The outside answers (bureau score, judicial list, channel levels) are given as the sandboxes would
// give them: they are asked before the transaction (prepareApplication) and are not what is
// measured here. The database first gets 30 days of history: 20,000 applications spread over the
// window from 8,000 people (each with their own phone, device and address; one in ten applied from
// a device or to an address others use too) behind 4,000 IPs, and 300 blacklist entries (200
// devices, 100 IP ranges), so every velocity count reads real rows. Scenarios:
// 1, 8 and 32 concurrent callers. A dedicated database is created and dropped afterwards; pgbench's
// TPC-B runs first on the same server, in the same run, and each figure is also given as a ratio of
// its tps. Environment: BENCH_SECONDS (default 10, per scenario), BENCH_PG_URL (default
// postgres://postgres@127.0.0.1:5432/test).
import { cpus, loadavg } from 'node:os';
import { queryRows, transaction } from '@zulin/db';
import { AdjustableClock } from '@zulin/kernel';
import { recordApplication } from '@zulin/risk';
import { sql } from 'drizzle-orm';
import { anchorLine, formatTable, guardRatios, machineNote, runAnchor, withScratchDatabase } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const clock = new AdjustableClock('2026-03-02T02:00:00Z');
const POOLS = { ids: 8_000, devices: 6_000, addresses: 5_000, ips: 4_000 };
const HISTORY = 20_000;

/** 30 days of applications and a blacklist, in bulk. */
async function seedHistory(database) {
  const now = clock.now();
  await database.db.execute(sql`
    insert into risk_applications (id, customer_id, purpose, id_number_bidx, phone_bidx, device_fingerprint,
      address_bidx, ip, order_value_minor, deposit_minor, created_at)
    select 'rapp_bench' || i, 'cus_bench' || (i % ${POOLS.ids}), 'rental', 'id-' || (i % ${POOLS.ids}),
      'ph-' || (i % ${POOLS.ids}),
      'dev-' || case when i % 10 = 0 then i % ${POOLS.devices} else i % ${POOLS.ids} end,
      'addr-' || case when i % 10 = 0 then i % ${POOLS.addresses} else i % ${POOLS.ids} end,
      '10.' || ((i % ${POOLS.ips}) / 250) || '.' || ((i % ${POOLS.ips}) % 250) || '.1', 500000, 300000,
      ${now}::timestamptz - (random() * interval '30 days')
    from generate_series(1, ${HISTORY}) as i`);
  await database.db.execute(sql`
    insert into risk_list_entries (id, list, kind, value, display, reason, added_by, created_at)
    select 'rlst_bench_d' || i, 'blacklist', 'device', 'dev-bad-' || i, 'dev-bad-' || i, 'bench', 'bench', ${now}::timestamptz
    from generate_series(1, 200) as i
    union all
    select 'rlst_bench_ip' || i, 'blacklist', 'ip_cidr', '172.' || (16 + i / 100) || '.' || (i % 100) || '.0/24',
      'bench', 'bench', 'bench', ${now}::timestamptz
    from generate_series(1, 100) as i`);
  await database.db.execute(sql`analyze risk_applications`);
  await database.db.execute(sql`analyze risk_list_entries`);
}

const pick = (n) => Math.floor(Math.random() * n);

/** One application as `prepareApplication` would hand it over, identifiers drawn from the pools. */
function prepared() {
  const id = pick(POOLS.ids);
  const ip = pick(POOLS.ips);
  return {
    input: {
      customerId: `cus_bench${id}`,
      purpose: 'rental',
      reference: null,
      deviceFingerprint: `dev-${pick(10) === 0 ? pick(POOLS.devices) : id}`,
      ip: `10.${Math.floor(ip / 250)}.${ip % 250}.1`,
      address: 'bench',
      orderValueMinor: 300_000 + pick(8) * 100_000,
      depositMinor: 300_000,
      history: { activeOrders: pick(3), openBalanceMinor: 0, onTimeRateBps: 10_000, maxDaysPastDue: 0 },
    },
    identityVerified: true,
    birthDate: `19${60 + pick(40)}-0${1 + pick(9)}-15`,
    tier: 'normal',
    keys: {
      idNumberBidx: `id-${id}`,
      phoneBidx: `ph-${id}`,
      addressBidx: `addr-${pick(10) === 0 ? pick(POOLS.addresses) : id}`,
    },
    outside: {
      facts: {
        bureauScore: 350 + pick(601),
        judicialBlacklisted: false,
        alipayRentalRiskLevel: 'none',
        wechatPayScoreLevel: 'none',
      },
      sources: [],
    },
  };
}

const deps = { clock, timeZone: 'Asia/Shanghai', masterKey: Buffer.alloc(32, 7), adapters: undefined };

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `callers` loops for `seconds`, one decision per transaction; decisions/s and latencies. */
async function measure(database, { callers }) {
  const deadline = Date.now() + seconds * 1000;
  const latencies = [];
  const outcomes = {};
  const started = Date.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < deadline) {
        const application = prepared();
        const t0 = performance.now();
        const decided = await transaction(database, (tx) => recordApplication(tx, deps, application));
        latencies.push(performance.now() - t0);
        outcomes[decided.outcome] = (outcomes[decided.outcome] ?? 0) + 1;
      }
    }),
  );
  const elapsedS = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perS: Math.round(latencies.length / elapsedS),
    decisions: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    outcomes,
  };
}

console.log(`risk-decisions · ${new Date().toISOString()}`);
console.log(machineNote());
console.log(`pgbench anchor: ${seconds} s TPC-B and ${seconds} s select-only…`);
const anchor = await runAnchor({ seconds });
console.log(`${anchorLine(anchor)}\n`);

await withScratchDatabase(adminUrl, async (database) => {
  await seedHistory(database);
  // A short warm-up: connections, caches, the compiled rule set.
  const warm = Date.now() + 2_000;
  while (Date.now() < warm) await transaction(database, (tx) => recordApplication(tx, deps, prepared()));
  console.log(
    `risk-decisions on PostgreSQL (${adminUrl.replace(/:[^:@/]*@/, ':***@')}), default rule set, ` +
      `${HISTORY.toLocaleString('en')} applications of history, ${seconds} s per scenario, ${cpus().length} CPUs`,
  );
  const rows = [];
  for (const callers of [1, 8, 32]) {
    const result = await measure(database, { callers });
    rows.push({
      callers,
      'decisions/s': result.perS,
      'p50 ms': Math.round(result.p50 * 10) / 10,
      'p99 ms': Math.round(result.p99 * 10) / 10,
      decisions: result.decisions,
      '÷ TPC-B tps': Math.round((result.perS / anchor.tpcb_tps) * 100) / 100,
    });
    console.log(
      `${String(callers).padStart(2)} callers ${String(result.perS).padStart(6)} decisions/s  p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  ${JSON.stringify(result.outcomes)}`,
    );
  }
  const [stored] = await queryRows(
    database.db,
    sql`select (select count(*) from risk_decisions)::int as decisions, (select count(*) from risk_review_cases)::int as cases`,
  );
  console.log(`stored after the run: ${stored.decisions} decisions, ${stored.cases} review cases`);
  console.log(`\n${formatTable(rows)}\n`);
  const ratios = Object.fromEntries(
    rows.map((r) => [`${r.callers} callers ÷ TPC-B`, r['decisions/s'] / anchor.tpcb_tps]),
  );
  if (guardRatios('risk-decisions', ratios) > 0) process.exitCode = 1;
  console.log(
    `anchor: pgbench TPC-B ${anchor.tpcb_tps.toFixed(1)} tps (${anchor.clients} clients), ` +
      `select-only ${anchor.select_tps.toFixed(1)} tps; load average at the end ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
  );
});
