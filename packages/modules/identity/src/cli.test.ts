// `zulin staff create` and `zulin keys rotate` as an operator runs them: a separate process on an
// embedded database, its exit code and what it prints.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', '..', '..', 'apps', 'server', 'bin', 'zulin.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'zulin-identity-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ZULIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
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

describe('zulin staff create / keys rotate', () => {
  test('creates staff (printing the otpauth URL only when no secret is given), refuses bad input, rotates keys', async () => {
    const created = await run([
      'staff',
      'create',
      '--username',
      'ops.lead',
      '--role',
      'operator',
      '--password',
      'a long password',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/staff ops\.lead \(operator\) created: stf_/);
    expect(created.stdout).toMatch(/otpauth:\/\/totp\/Zulin:ops\.lead\?secret=[A-Z2-7]+&issuer=Zulin/);

    const withSecret = await run([
      'staff',
      'create',
      '--username',
      'audit.one',
      '--role',
      'auditor',
      '--password',
      'a long password',
      '--totp-secret',
      'JBSWY3DPEHPK3PXPJBSWY3DP',
    ]);
    expect(withSecret.code).toBe(0);
    expect(withSecret.stdout).not.toContain('otpauth://');

    const badRole = await run([
      'staff',
      'create',
      '--username',
      'x.y.z',
      '--role',
      'boss',
      '--password',
      'a long password',
    ]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr.trim()).toBe('zulin: Unknown role boss.');
    const taken = await run([
      'staff',
      'create',
      '--username',
      'ops.lead',
      '--role',
      'operator',
      '--password',
      'a long password',
    ]);
    expect(taken.stderr.trim()).toBe('zulin: This username is taken');
    const missing = await run(['staff', 'create', '--username', 'nobody']);
    expect(missing.code).toBe(64);

    const rotated = await run(['keys', 'rotate']);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/active data key: version 2 \(new\)/);
    expect(rotated.stdout).toMatch(/identity_staff\.totp_secret_enc: 2 re-encrypted/);
    const resumed = await run(['keys', 'rotate', '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/identity_staff\.totp_secret_enc: 0 re-encrypted/);
  }, 240_000);
});
