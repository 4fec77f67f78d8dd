// Builds the two web apps (customer H5 and admin console) with Vite, unless their
// build output is newer than every source file, and writes a Brotli (.br) and a gzip (.gz) copy of
// every text file beside it, which the server sends to browsers that accept them (a phone on 4G
// downloads about a quarter of the bytes). Runs after `npm install` and before `npm start`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
// Packages the apps bundle: a change there makes the apps stale too.
const sharedDirs = ['packages/sdk/src', 'packages/kernel/src', 'packages/web/src'].map((dir) => join(root, dir));

function newestMtimeMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    const mtimeMs = entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs;
    if (mtimeMs > newest) newest = mtimeMs;
  }
  return newest;
}

// Files under this size gain nothing from compression; binary formats are compressed already.
const COMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;

function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      precompress(path);
      continue;
    }
    if (!COMPRESSIBLE.test(entry.name) || statSync(path).size < COMPRESS_MIN_BYTES) continue;
    if (existsSync(`${path}.br`) && statSync(`${path}.br`).mtimeMs >= statSync(path).mtimeMs) continue;
    const content = readFileSync(path);
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(content, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
      }),
    );
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  }
}

for (const app of ['h5', 'admin']) {
  const appDir = join(root, 'apps', app);
  if (!existsSync(join(appDir, 'index.html'))) continue;
  const stamp = join(appDir, 'dist', 'index.html');
  const sourceMs = Math.max(newestMtimeMs(appDir), ...sharedDirs.map(newestMtimeMs));
  if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= sourceMs) {
    precompress(join(appDir, 'dist')); // a build from before the compressed copies existed
    continue;
  }
  console.log(`[zulin] building apps/${app} …`);
  const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: appDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`[zulin] building apps/${app} failed`);
    process.exit(result.status ?? 1);
  }
  precompress(join(appDir, 'dist'));
}
