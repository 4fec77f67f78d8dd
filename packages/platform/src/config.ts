// Configuration comes from the environment and is checked once, at start. Anything wrong stops
// the start with one line that says which variable and why.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { isValidTimeZone } from '@zulin/kernel';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  timeZone: string;
  masterKey: Buffer;
  /** Where the master key came from, for the start-up log (never the key itself). */
  masterKeySource: 'environment' | 'data-dir';
  redisUrl: string | undefined;
  /** Requests per minute per client address on /v1; 0 turns the limit off (benchmarks). */
  rateLimitPerMinute: number;
  logLevel: string;
  production: boolean;
  /** Sandbox adapters and their read-back endpoints (never in production). */
  sandbox: boolean;
  /**
   * Proxies whose `X-Forwarded-For` is believed (addresses or CIDRs); empty: none, and the client
   * address is the peer's.
   */
  trustProxy: string[];
  /** Bearer token that `/metrics` on the API port asks for; without it, `/metrics` is not served there. */
  metricsToken: string | undefined;
  /** A port of its own for `/metrics` (no token asked), on the same host; undefined: none. */
  metricsPort: number | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = parsePort(env.PORT);
  const host = env.HOST?.trim() || (production ? '0.0.0.0' : '127.0.0.1');
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL, e.g. postgres://user:password@127.0.0.1:5432/zulin');
  }
  const dataDir = resolve(env.ZULIN_DATA_DIR?.trim() || './data');
  const timeZone = env.ZULIN_TZ?.trim() || 'Asia/Shanghai';
  if (!isValidTimeZone(timeZone)) throw new ConfigError(`ZULIN_TZ is not an IANA time zone: "${timeZone}"`);
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!logLevels.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must be a redis:// URL');
  const rateLimitText = env.ZULIN_RATE_LIMIT_PER_MINUTE?.trim() || '1200';
  if (!/^\d+$/.test(rateLimitText)) {
    throw new ConfigError(
      `ZULIN_RATE_LIMIT_PER_MINUTE must be a whole number (0 turns it off), got "${rateLimitText}"`,
    );
  }
  const rateLimitPerMinute = Number(rateLimitText);
  const sandboxSetting = env.ZULIN_SANDBOX?.trim();
  if (sandboxSetting && !['0', '1', 'true', 'false'].includes(sandboxSetting)) {
    throw new ConfigError('ZULIN_SANDBOX must be true or false');
  }
  const sandbox = !production && sandboxSetting !== '0' && sandboxSetting !== 'false';
  const { key: masterKey, source: masterKeySource } = loadMasterKey(env.ZULIN_MASTER_KEY, dataDir, production);
  const trustProxy = parseTrustProxy(env.ZULIN_TRUST_PROXY);
  const metricsToken = env.ZULIN_METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,256}$/.test(metricsToken)) {
    throw new ConfigError('ZULIN_METRICS_TOKEN must be 16 to 256 visible ASCII characters');
  }
  const metricsPortText = env.ZULIN_METRICS_PORT?.trim();
  const metricsPort = metricsPortText ? parsePort(metricsPortText, 'ZULIN_METRICS_PORT') : undefined;
  if (metricsPort !== undefined && metricsPort === port && port !== 0) {
    throw new ConfigError('ZULIN_METRICS_PORT must differ from PORT');
  }
  return {
    port,
    host,
    databaseUrl,
    dataDir,
    timeZone,
    masterKey,
    masterKeySource,
    redisUrl,
    rateLimitPerMinute,
    logLevel,
    production,
    sandbox,
    trustProxy,
    metricsToken,
    metricsPort,
  };
}

/** `ZULIN_TRUST_PROXY`: comma-separated IPv4/IPv6 addresses or CIDRs of the proxies in front of us. */
function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const version = isIP(address);
    const maxBits = version === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (version === 0 || !bitsOk || rest.length > 0) {
      throw new ConfigError(
        `ZULIN_TRUST_PROXY must list IP addresses or CIDRs separated by commas (e.g. 10.0.0.0/8,127.0.0.1), got "${entry}"`,
      );
    }
  }
  return entries;
}

function parsePort(value: string | undefined, name = 'PORT'): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

/**
 * The master key encrypts personal data. In production it must come from the environment (a
 * secret store); for the embedded demo it is generated once into the data directory.
 */
function loadMasterKey(
  value: string | undefined,
  dataDir: string,
  production: boolean,
): { key: Buffer; source: Config['masterKeySource'] } {
  if (value?.trim()) return { key: decodeKey(value.trim(), 'ZULIN_MASTER_KEY'), source: 'environment' };
  if (production) throw new ConfigError('ZULIN_MASTER_KEY is required when NODE_ENV=production (32 bytes, base64)');
  const path = join(dataDir, 'master.key');
  if (existsSync(path)) return { key: decodeKey(readFileSync(path, 'utf8').trim(), path), source: 'data-dir' };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600 });
  return { key, source: 'data-dir' };
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text) {
    throw new ConfigError(`${where} must be 32 random bytes in base64 (openssl rand -base64 32)`);
  }
  return key;
}
