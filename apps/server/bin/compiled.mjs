// Where the compiled server is (scripts/build-server.mjs writes it at `npm install`) and whether it
// is current: every source it was built from still has the size and modification time recorded in
// its manifest. Checking costs a `stat` per source (a few milliseconds), no hashing.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const outDir = join(root, 'apps', 'server', 'dist');
export const manifestPath = join(outDir, 'manifest.json');
export const compiledEntryPath = join(outDir, 'zulin.js');

/** True when the compiled server exists and no source of it changed since it was built. */
export function isCurrent() {
  if (!existsSync(compiledEntryPath) || !existsSync(manifestPath)) return false;
  try {
    const { inputs } = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const [path, recorded] of Object.entries(inputs)) {
      const s = statSync(join(root, path), { throwIfNoEntry: false });
      if (!s || s.size !== recorded.size || s.mtimeMs !== recorded.mtimeMs) return false;
    }
    return Object.keys(inputs).length > 0;
  } catch {
    return false;
  }
}
