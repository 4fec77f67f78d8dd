// Starts a real Zulin server on a fresh data directory and drives Debian's Chromium against it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const screenshotDir = join(repoRoot, 'e2e', 'screenshots');

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// A fresh data directory is seeded first: about 10 s on a quiet machine, minutes on a very busy one.
const SERVER_READY_TIMEOUT_MS = 300_000;
const SERVER_POLL_INTERVAL_MS = 250;
const SERVER_STOP_TIMEOUT_MS = 10_000;
/** Keeps the last part of the server's output for the error message when it fails to start. */
const SERVER_OUTPUT_LIMIT_CHARS = 8_000;

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the last readiness probe answered, for the error when the server never gets ready. */
let lastProbe = '';

async function isReady(baseUrl: string): Promise<boolean> {
  try {
    // A loaded machine (CI runs the PostgreSQL leg beside) can take seconds to answer a probe.
    const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(10_000) });
    lastProbe = `${response.status} ${(await response.text()).slice(0, 500)}`;
    return response.status === 200;
  } catch (error) {
    lastProbe = error instanceof Error ? error.message : String(error);
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // The server runs in its own process group (detached), so its worker children go too.
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

export interface StartOptions {
  /**
   * A data directory the caller owns (created and removed by it): a test that stops the server,
   * changes its database and starts it again on the same data. By default a fresh one, removed
   * when the server stops.
   */
  dataDir?: string;
}

/** Spawns `zulin serve --seed` on a free port with a fresh data directory and waits for `/readyz`. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const ownsData = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'zulin-e2e-data-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['apps/server/bin/zulin.mjs', 'serve', '--seed'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ZULIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-SERVER_OUTPUT_LIMIT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const stopped = await Promise.race([
      exited(child).then(() => true),
      sleep(SERVER_STOP_TIMEOUT_MS).then(() => false),
    ]);
    if (!stopped) {
      killGroup(child, 'SIGKILL');
      await exited(child);
    }
    if (ownsData) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + SERVER_READY_TIMEOUT_MS;
  while (!(await isReady(baseUrl))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`zulin serve exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `zulin serve was not ready within ${SERVER_READY_TIMEOUT_MS} ms (last /readyz: ${lastProbe}):\n${output}`,
      );
    }
    await sleep(SERVER_POLL_INTERVAL_MS);
  }
  return { baseUrl, stop };
}

export interface LaunchedBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh profile in a temp directory (Playwright takes the profile as
 * `userDataDir` and passes it on as `--user-data-dir`; it refuses that flag among `args`).
 */
export async function launchBrowser(options: BrowserContextOptions = {}): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'zulin-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a screenshot as `e2e/screenshots/<name>.png` and returns its path: the full page by
 * default, or only the viewport (for drawers and dialogs, which cover the viewport alone).
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  // Finishes CSS transitions first, so a menu or tab caught mid-animation does not look half-selected.
  await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return path;
}
