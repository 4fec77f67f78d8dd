import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dataDir = mkdtempSync(join(tmpdir(), 'zulin-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const key = Buffer.alloc(32, 1).toString('base64');

describe('configuration from the environment', () => {
  test('defaults: port 3000 on localhost, PGlite under the data dir, Shanghai time, sandbox on', () => {
    const config = loadConfig({ ZULIN_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      timeZone: 'Asia/Shanghai',
      sandbox: true,
      rateLimitPerMinute: 1200,
    });
    expect(config.masterKey).toHaveLength(32);
  });

  test('the demo master key is generated once into the data dir and then reused', () => {
    const first = loadConfig({ ZULIN_DATA_DIR: dataDir });
    const second = loadConfig({ ZULIN_DATA_DIR: dataDir });
    expect(second.masterKey.equals(first.masterKey)).toBe(true);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8').trim()).toBe(first.masterKey.toString('base64'));
  });

  test.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ DATABASE_URL: 'mysql://localhost/zulin' }, 'DATABASE_URL must be a postgres:// URL'],
    [{ ZULIN_TZ: 'Mars/Olympus' }, 'ZULIN_TZ is not an IANA time zone: "Mars/Olympus"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ ZULIN_MASTER_KEY: 'short' }, 'ZULIN_MASTER_KEY must be 32 random bytes in base64'],
    [{ NODE_ENV: 'production' }, 'ZULIN_MASTER_KEY is required when NODE_ENV=production'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL must be a redis:// URL'],
    [{ ZULIN_RATE_LIMIT_PER_MINUTE: 'lots' }, 'ZULIN_RATE_LIMIT_PER_MINUTE must be a whole number'],
  ])('%o is refused with a clear message', (env, message) => {
    expect(() => loadConfig({ ZULIN_DATA_DIR: dataDir, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ZULIN_DATA_DIR: dataDir, ...env })).toThrow(message);
  });

  test('production never runs sandbox adapters and listens on all interfaces', () => {
    const config = loadConfig({ NODE_ENV: 'production', ZULIN_MASTER_KEY: key, ZULIN_SANDBOX: 'true' });
    expect(config).toMatchObject({ sandbox: false, production: true, host: '0.0.0.0', masterKeySource: 'environment' });
  });
});
