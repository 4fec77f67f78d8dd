// The `zulin` command as a user runs it: a separate process, its exit code and what it prints.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const bin = join(import.meta.dirname, '..', 'bin', 'zulin.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'zulin-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}, timeoutMs = 150_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ZULIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// Each test starts a separate process that compiles the server's sources: slow on a busy machine.
describe('zulin CLI', { timeout: 180_000 }, () => {
  test('a bad PORT stops the start with one line, not a stack trace', async () => {
    const { code, stderr } = await run(['serve'], { PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('zulin: PORT must be an integer from 0 to 65535, got "eighty"');
  });

  test('an unreachable DATABASE_URL stops the start with one line', async () => {
    const { code, stderr } = await run(['serve'], { DATABASE_URL: 'postgres://zulin:pw@127.0.0.1:1/zulin' });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^zulin: cannot connect to the database at postgres:\/\/zulin:\*\*\*@127\.0\.0\.1:1\/zulin: /,
    );
  });

  test('every command has --help, and an unknown one is a usage error', async () => {
    for (const command of ['serve', 'worker', 'migrate', 'seed', 'tick']) {
      const { code, stdout } = await run([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: zulin ${command}`);
    }
    const unknown = await run(['launch']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('unknown command "launch"');
  });

  test('tick for a date runs once and is skipped the second time', async () => {
    const first = await run(['tick', '--date', '2026-03-02', 'platform.purge_idempotency_keys']);
    expect(first.stdout.trim()).toBe('platform.purge_idempotency_keys 2026-03-02: done {"deleted":0}');
    const again = await run(['tick', '--date', '2026-03-02', 'platform.purge_idempotency_keys']);
    expect(again.stdout.trim()).toBe('platform.purge_idempotency_keys 2026-03-02: already_done {"deleted":0}');
    const badDate = await run(['tick', '--date', '2026-02-30']);
    expect(badDate.code).toBe(64);
    expect(badDate.stderr).toContain('--date must be a calendar date YYYY-MM-DD');
  });

  test('serve answers, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, ZULIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let ready = false;
    for (let i = 0; i < 900 && !ready; i++) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready).toBe(true);
    const status = (await (await fetch(`http://127.0.0.1:${port}/v1/system/status`)).json()) as { worker: unknown };
    expect(status.worker).toEqual({ enabled: true, leader: true });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
