// payment-callbacks: how many WeChat Pay payment callbacks per second PostgreSQL takes through the
// whole path: `POST /v1/webhooks/wechatpay` (RSA verification over timestamp\nnonce\nbody\n with the
// 300 s window, stored in the inbox, answered 204) and then the worker applying them (AES-256-GCM
// decryption with the APIv3 key, the order locked and moved to succeeded, the ledger posting through
// the channel's clearing account, the outbox event) — in process, requests by `app.inject` (no socket).
//
//   node --import tsx bench/payment-callbacks.mjs
//
// Pending payment orders are recorded first; their callbacks are signed beforehand with the sandbox's
// WeChat Pay key (signing is the channel's work, not ours). Then: `callers` concurrent senders for
// BENCH_SECONDS (or until the callbacks run out), then the worker drains the inbox. Figures: callbacks
// received per second, applied per second, and end to end (received and applied over both phases).
// Afterwards every sent order must be succeeded exactly once and the ledger consistent. pgbench's
// TPC-B runs first on the same server in the same run. Environment: BENCH_SECONDS (default 10),
// BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_CALLBACKS (default 6000).
import { createPrivateKey } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { transaction } from '@zulin/db';
import { assertLedgerConsistent, platformAccount } from '@zulin/ledger';
import { createPaymentOrder } from '@zulin/payments';
import { encryptWechatpayResource, sandboxKeys, signWechatpayMessage } from '@zulin/payments/testing';
import { createTestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { anchorLine, formatTable, guardRatios, machineNote, runAnchor, withScratchDatabase } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const total = Number(process.env.BENCH_CALLBACKS ?? 6000);
const callers = 8;

console.log(`payment-callbacks · ${new Date().toISOString()}`);
console.log(machineNote());
console.log(`pgbench anchor: ${seconds} s TPC-B and ${seconds} s select-only…`);
const anchor = await runAnchor({ seconds });
console.log(`${anchorLine(anchor)}\n`);

await withScratchDatabase(adminUrl, async (database) => {
  const s = await createTestServer(database, { modules, now: new Date().toISOString() });
  try {
    const db = database.db;
    const keys = await sandboxKeys(db, s.clock.now());
    const credit = await platformAccount(db, s.clock, 'customer_receivables');
    const { sql } = await import('drizzle-orm');
    console.log(`recording ${total} pending payment orders and signing their callbacks…`);
    const orders = [];
    for (let start = 0; start < total; start += 500) {
      await transaction(database, async (tx) => {
        for (let i = start; i < Math.min(total, start + 500); i++) {
          orders.push(
            await createPaymentOrder(tx, s.clock, {
              channel: 'wechatpay',
              customerId: `cus_bench${i}`,
              amountMinor: 100 + (i % 9_900),
              description: 'bench',
              purpose: 'bench.payment',
              reference: `bench${i}`,
              creditAccountId: credit.id,
            }),
          );
        }
      });
    }
    // As if each had been submitted: the channel holds the trade, the payer is at the cashier.
    await db.execute(sql`update payments_orders set state = 'pending' where purpose = 'bench.payment'`);
    const signer = {
      id: keys.wechatpay.publicKeyId,
      privateKey: createPrivateKey(keys.wechatpay.publicKeyPrivateKeyPem),
    };
    const callbacks = orders.map((order, i) => {
      const resource = encryptWechatpayResource(
        JSON.stringify({
          mchid: keys.wechatpay.mchid,
          appid: keys.wechatpay.appId,
          out_trade_no: order.outTradeNo,
          transaction_id: `4200${String(i).padStart(24, '0')}`,
          trade_state: 'SUCCESS',
          amount: { total: order.amountMinor, payer_total: order.amountMinor, currency: 'CNY' },
        }),
        keys.wechatpay.apiV3Key,
        { nonce: `n${String(i).padStart(11, '0')}`, associatedData: 'transaction', originalType: 'transaction' },
      );
      const body = JSON.stringify({
        id: `EVBENCH${i}`,
        event_type: 'TRANSACTION.SUCCESS',
        resource_type: 'encrypt-resource',
        resource,
      });
      const headers = signWechatpayMessage(signer, body, Math.floor(Date.now() / 1000), `nonce${i}`);
      return { body, headers };
    });

    // Phase 1: receive (verify + inbox + 204), `callers` at a time, for `seconds` or until none are left.
    let next = 0;
    let refused = 0;
    const deadline = Date.now() + seconds * 1000;
    const receiveStarted = Date.now();
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (Date.now() < deadline && next < callbacks.length) {
          const { body, headers } = callbacks[next++];
          const answer = await s.app.inject({
            method: 'POST',
            url: '/v1/webhooks/wechatpay',
            headers: { ...headers, 'content-type': 'application/json' },
            payload: body,
          });
          if (answer.statusCode !== 204) refused++;
        }
      }),
    );
    const receiveS = (Date.now() - receiveStarted) / 1000;
    const received = next;
    if (refused > 0) throw new Error(`${refused} callbacks were not acknowledged with 204`);

    // Phase 2: apply (the worker's inbox pass: decrypt, lock, succeed, post, emit).
    const applyStarted = Date.now();
    for (;;) if (!(await s.worker.runOnce()).busy) break;
    const applyS = (Date.now() - applyStarted) / 1000;

    const [counts] = (
      await db.execute(
        sql`select count(*) filter (where state = 'succeeded')::int as succeeded, count(*) filter (where state = 'pending')::int as pending from payments_orders where purpose = 'bench.payment'`,
      )
    ).rows;
    if (counts.succeeded !== received || counts.pending !== total - received) {
      throw new Error(`expected ${received} succeeded and ${total - received} pending, got ${JSON.stringify(counts)}`);
    }
    await assertLedgerConsistent(db);
    console.log(`verified: ${received} orders succeeded once each, ${total - received} untouched, ledger consistent`);

    const rows = [
      {
        phase: `receive (verify + inbox), ${callers} callers`,
        'callbacks/s': Math.round(received / receiveS),
        seconds: receiveS.toFixed(1),
      },
      {
        phase: 'apply (worker: decrypt + order + ledger)',
        'callbacks/s': Math.round(received / applyS),
        seconds: applyS.toFixed(1),
      },
      {
        phase: 'end to end',
        'callbacks/s': Math.round(received / (receiveS + applyS)),
        seconds: (receiveS + applyS).toFixed(1),
      },
    ].map((r) => ({ ...r, '÷ TPC-B tps': Math.round((r['callbacks/s'] / anchor.tpcb_tps) * 100) / 100 }));
    console.log(
      `\npayment-callbacks on PostgreSQL, ${received} callbacks, ${cpus().length} CPUs\n${formatTable(rows)}\n`,
    );
    const ratios = Object.fromEntries(
      rows.map((r) => [`${r.phase.split(' (')[0]} ÷ TPC-B`, r['callbacks/s'] / anchor.tpcb_tps]),
    );
    if (guardRatios('payment-callbacks', ratios) > 0) process.exitCode = 1;
    console.log(
      `anchor: pgbench TPC-B ${anchor.tpcb_tps.toFixed(1)} tps (${anchor.clients} clients), ` +
        `select-only ${anchor.select_tps.toFixed(1)} tps; load average at the end ${loadavg()
          .map((n) => n.toFixed(2))
          .join(' ')}`,
    );
  } finally {
    await s.close();
  }
});
