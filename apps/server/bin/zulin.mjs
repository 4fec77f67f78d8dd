#!/usr/bin/env node
// The `zulin` command. It runs the server compiled at `npm install` (apps/server/dist, see
// scripts/build-server.mjs) when that is current, and the TypeScript sources through tsx otherwise
// (an edited source, no build yet, or ZULIN_COMPILED=off).
import { pathToFileURL } from 'node:url';
import { compiledEntryPath, isCurrent } from './compiled.mjs';

// The supervisor's server process runs this file again: it takes the parent's decision.
process.env.ZULIN_COMPILED ??= isCurrent() ? 'on' : 'off';
if (process.env.ZULIN_COMPILED === 'on') {
  await import(pathToFileURL(compiledEntryPath).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
