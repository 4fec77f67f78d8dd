// Builds the migrated, empty PGlite template (packages/db/src/pglite-template.ts) that a first
// start and the test run copy instead of running initdb and every migration. Runs after
// `npm install`; does nothing when the template of the current migrations exists. The tar is also
// unpacked into a template directory, which a first start copies (faster than unpacking the tar).
import { register } from 'tsx/esm/api';

register();
const { ensurePgliteTemplateDir } = await import('../packages/db/src/pglite-template.ts');
const started = Date.now();
const path = await ensurePgliteTemplateDir();
console.log(`[zulin] database template ready (${Math.round((Date.now() - started) / 100) / 10} s): ${path}`);
