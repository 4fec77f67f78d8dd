// Compiles the server (the `zulin` command: API, worker, every module) ahead of time with esbuild
// into apps/server/dist/, so that a start does not transpile several hundred TypeScript files
// through tsx (about 5 s of CPU on every start). Runs after `npm install`; does nothing when the
// compiled output is current. `bin/zulin.mjs` runs the compiled output only when it is current (see
// `compiledEntry` in bin/compiled.mjs) and the TypeScript sources through tsx otherwise, so an edited
// source is never hidden by an old build.
//
// Only the workspace's own sources (`@zulin/*` and relative imports) go into the bundle; packages
// from node_modules stay outside and load as they do under tsx (several read files beside
// themselves: PGlite's WebAssembly, pdfkit's fonts, swagger-ui's assets). A source's
// `import.meta.url` is rewritten to the URL of that source file (relative to the bundle), so that
// paths built from it (the migrations folder, the database template, fonts, the web apps) resolve
// exactly as they do from the sources.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCurrent, manifestPath, outDir } from '../apps/server/bin/compiled.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'apps', 'server', 'src', 'cli.ts');
const force = process.argv.includes('--force');

if (!force && (await isCurrent())) process.exit(0);

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('[zulin] esbuild is not installed: the server will run its sources through tsx');
  process.exit(0);
}

/** Packages from node_modules stay external; the sources get their own import.meta.url. */
const sourcesPlugin = {
  name: 'zulin-sources',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@zulin/')) return undefined;
      return { path: args.path, external: true };
    });
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      if (contents.includes('import.meta.url')) {
        const fromBundle = relative(outDir, args.path).split('\\').join('/');
        contents = contents.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        );
      }
      return { contents, loader: 'ts' };
    });
  },
};

const started = Date.now();
await rm(outDir, { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: { zulin: entry },
  bundle: true,
  // Chunks: `zulin --help` and the supervisor process load a few kilobytes, not the whole server.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: outDir,
  // Every chunk sits in outDir itself: the rewritten import.meta.url paths are relative to it.
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  metafile: true,
  absWorkingDir: root,
  logLevel: 'warning',
  plugins: [sourcesPlugin],
});
// The manifest names every source in the bundle with its size and modification time: the bundle
// is current while every one of them is unchanged.
const inputs = {};
for (const input of Object.keys(result.metafile.inputs)) {
  const path = join(root, input);
  const s = await stat(path);
  inputs[relative(root, path)] = { size: s.size, mtimeMs: s.mtimeMs };
}
await writeFile(manifestPath, `${JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1)}\n`);
console.log(
  `[zulin] server compiled (${Object.keys(inputs).length} sources, ${Math.round((Date.now() - started) / 100) / 10} s): ${relative(root, outDir)}`,
);
