#!/usr/bin/env node
// The `zulin` command. The server runs its TypeScript sources through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
