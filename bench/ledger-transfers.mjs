// ledger-transfers: how many ledger transfers per second PostgreSQL takes through the ledger's own
// use case (createTransfers: lock the balances rows in order, check idempotency and balance rules,
// insert, update balances — one SQL transaction per call), without HTTP in between.
//
//   node --import tsx bench/ledger-transfers.mjs
//
// Scenarios: single transfers from N concurrent callers between 1,000 accounts (little contention)
// and between 8 hot accounts (every call queues on the same row locks), then linked groups of 100
// legs. A dedicated database is created on the server and dropped afterwards. pgbench's TPC-B runs
// first on the same server, in the same run, and each figure is also printed as a ratio of its tps
// (a TPC-B transaction updates three balance rows and inserts a history row: the same shape as one
// transfer). Environment: BENCH_SECONDS (default 10, per scenario), BENCH_PG_URL (default
// postgres://postgres@127.0.0.1:5432/test).
import { cpus, loadavg } from 'node:os';
import { transaction } from '@zulin/db';
import { AdjustableClock, newId } from '@zulin/kernel';
import { assertLedgerConsistent, createAccount, createTransfers } from '@zulin/ledger';
import { anchorLine, formatTable, guardRatios, machineNote, runAnchor, withScratchDatabase } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const clock = new AdjustableClock('2026-03-02T02:00:00Z');

async function openAccounts(database, count, prefix) {
  const ids = [];
  await transaction(database, async (tx) => {
    for (let i = 0; i < count; i++) {
      const account = await createAccount(tx, clock, {
        ownerType: 'platform',
        ownerId: 'bench',
        purpose: `${prefix}_${i}`,
        code: 9000,
        currency: 'CNY',
        name: `bench ${i}`,
      });
      ids.push(account.id);
    }
  });
  return ids;
}

function pair(ids) {
  const a = Math.floor(Math.random() * ids.length);
  const b = (a + 1 + Math.floor(Math.random() * (ids.length - 1))) % ids.length;
  return [ids[a], ids[b]];
}

/** Runs `callers` loops for `seconds`; each call records `legs` transfers. Returns transfers per second. */
async function measure(database, { callers, legs, ids }) {
  const deadline = Date.now() + seconds * 1000;
  let transfers = 0;
  let calls = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < deadline) {
        const batch = Array.from({ length: legs }, () => {
          const [debit, credit] = pair(ids);
          return {
            id: newId('txn'),
            debitAccountId: debit,
            creditAccountId: credit,
            amountMinor: 1 + Math.floor(Math.random() * 10_000),
            code: 'bench.move',
          };
        });
        await transaction(database, (tx) => createTransfers(tx, clock, batch));
        transfers += legs;
        calls++;
      }
    }),
  );
  const elapsedS = (Date.now() - started) / 1000;
  return { transfersPerS: Math.round(transfers / elapsedS), callsPerS: Math.round(calls / elapsedS), transfers };
}

console.log(`ledger-transfers · ${new Date().toISOString()}`);
console.log(machineNote());
console.log(`pgbench anchor: ${seconds} s TPC-B and ${seconds} s select-only…`);
const anchor = await runAnchor({ seconds });
console.log(`${anchorLine(anchor)}\n`);

await withScratchDatabase(adminUrl, async (database) => {
  const spread = await openAccounts(database, 1000, 'spread');
  const hot = await openAccounts(database, 8, 'hot');
  // A short warm-up so the first scenario does not pay for cold caches and connections.
  await measure(database, { callers: 4, legs: 1, ids: spread }).catch(() => {});
  const scenarios = [
    { name: 'single, 1 caller, 1,000 accounts', callers: 1, legs: 1, ids: spread },
    { name: 'single, 8 callers, 1,000 accounts', callers: 8, legs: 1, ids: spread },
    { name: 'single, 32 callers, 1,000 accounts', callers: 32, legs: 1, ids: spread },
    { name: 'single, 16 callers, 8 hot accounts', callers: 16, legs: 1, ids: hot },
    { name: 'linked groups of 100, 1 caller', callers: 1, legs: 100, ids: spread },
    { name: 'linked groups of 100, 4 callers', callers: 4, legs: 100, ids: spread },
  ];
  console.log(
    `ledger-transfers on PostgreSQL (${adminUrl.replace(/:[^:@/]*@/, ':***@')}), ${seconds} s per scenario, ${cpus().length} CPUs`,
  );
  const rows = [];
  for (const scenario of scenarios) {
    const result = await measure(database, scenario);
    rows.push({
      scenario: scenario.name,
      'transfers/s': result.transfersPerS,
      'calls/s': result.callsPerS,
      transfers: result.transfers,
      '÷ TPC-B tps': Math.round((result.transfersPerS / anchor.tpcb_tps) * 100) / 100,
    });
    console.log(
      `${scenario.name.padEnd(40)} ${String(result.transfersPerS).padStart(8)} transfers/s  (${result.callsPerS} calls/s)`,
    );
  }
  await assertLedgerConsistent(database.db);
  console.log('ledger verified after the run: every balance equals the sum of its postings');
  console.log(`\n${formatTable(rows)}\n`);
  console.log(
    `anchor: pgbench TPC-B ${anchor.tpcb_tps.toFixed(1)} tps (${anchor.clients} clients), ` +
      `select-only ${anchor.select_tps.toFixed(1)} tps; load average at the end ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
  );
  const ratios = Object.fromEntries(rows.map((r) => [`${r.scenario} ÷ TPC-B`, r['transfers/s'] / anchor.tpcb_tps]));
  if (guardRatios('ledger-transfers', ratios) > 0) process.exitCode = 1;
});
