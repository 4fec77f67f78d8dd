// `zulin reconcile`: the report and the exit code, in-process on both backends and as a user runs it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, type Executor, migrateDatabase, openDatabase, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { AdjustableClock } from '@zulin/kernel';
import { createTestAccount, fundTestAccount } from '@zulin/ledger/testing';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { reconcileLedger, reconcileReport } from './reconcile';

const clock = new AdjustableClock('2026-03-02T02:00:00Z');

/** A restricted account funded with ¥123.45: two accounts, one posted transfer. */
async function someMoney(db: Executor): Promise<string> {
  const wallet = await transaction(db, (tx) => createTestAccount(tx, clock, { restricted: true }));
  await fundTestAccount(db, clock, wallet.id, 12_345);
  return wallet.id;
}

/** Breaks a kept balance behind the ledger's back (balances rows may be updated; transfers may not). */
async function corrupt(db: Executor, accountId: string): Promise<void> {
  await db.execute(
    sql`update ledger_balances set credits_posted_minor = credits_posted_minor + 1 where account_id = ${accountId}`,
  );
}

describeDb('ledger reconciliation report', (get) => {
  test('a sound ledger: accounts checked, totals per currency, no problem; a broken balance: each problem, FAILED', async () => {
    const database: Database = get().database;
    const walletId = await someMoney(database.db);
    const ok = await reconcileLedger(database);
    expect(ok.ok).toBe(true);
    const report = reconcileReport(ok, clock.now());
    expect(report).toContain('Ledger reconciliation at 2026-03-02T02:00:00.000Z (one repeatable-read snapshot)');
    expect(report).toContain(`Accounts checked: ${ok.accountsChecked}`);
    expect(ok.accountsChecked).toBeGreaterThanOrEqual(2);
    expect(report).toContain('CNY\n  posted:  debits ¥123.45, credits ¥123.45 — balanced');
    expect(report).toContain('  pending: debits ¥0.00, credits ¥0.00 — balanced');
    expect(report.trimEnd().split('\n').slice(-2)).toEqual(['Problems: none', 'Result: OK']);

    await corrupt(database.db, walletId);
    const broken = await reconcileLedger(database);
    expect(broken.ok).toBe(false);
    const lines = reconcileReport(broken, clock.now()).trimEnd().split('\n');
    expect(lines).toContain('  posted:  debits ¥123.45, credits ¥123.46 — NOT BALANCED');
    expect(lines).toContain(`Problems: ${broken.problems.length}`);
    expect(lines).toContain(`  1. account ${walletId}: creditsPostedMinor is 12346 but its transfers sum to 12345`);
    expect(lines.at(-1)).toBe('Result: FAILED');
  });
});

describe('zulin reconcile', () => {
  const bin = join(import.meta.dirname, '..', 'bin', 'zulin.mjs');
  const dataDir = mkdtempSync(join(tmpdir(), 'zulin-reconcile-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function run(args: string[]) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], {
        env: { ...process.env, ZULIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  test('exits 0 with the report on a sound ledger and 1 once a balance is wrong', async () => {
    const help = await run(['reconcile', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: zulin reconcile');

    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    let walletId: string;
    try {
      await migrateDatabase(database);
      walletId = await someMoney(database.db);
    } finally {
      await database.close();
    }
    const sound = await run(['reconcile']);
    expect(sound.stderr).toBe('');
    expect(sound.code).toBe(0);
    expect(sound.stdout).toMatch(/^Accounts checked: \d+$/m);
    expect(sound.stdout).toContain('Result: OK');

    const again = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      await corrupt(again.db, walletId);
    } finally {
      await again.close();
    }
    const broken = await run(['reconcile']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`account ${walletId}: creditsPostedMinor is`);
    expect(broken.stdout).toContain('Result: FAILED');
  }, 240_000);
});
