// Builds the two web apps (customer H5 and admin console) with Vite, unless their
// build output is newer than every source file. Runs after `npm install` and before `npm start`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

for (const app of ['h5', 'admin']) {
  const appDir = join(root, 'apps', app);
  if (!existsSync(join(appDir, 'index.html'))) continue;
  const stamp = join(appDir, 'dist', 'index.html');
  const sourceMs = Math.max(newestMtimeMs(appDir), ...sharedDirs.map(newestMtimeMs));
  if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= sourceMs) continue;
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
}
