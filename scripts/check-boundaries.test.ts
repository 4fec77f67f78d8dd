import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
// @ts-expect-error -- a plain ESM script without type declarations
import { checkBoundaries } from './check-boundaries.mjs';

let root: string;
function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'zulin-boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

const clean = {
  'packages/modules/rental/src/index.ts': "export { placeOrder } from './place-order';\n",
  'packages/modules/rental/src/place-order.ts':
    "import { reserve } from '@zulin/inventory';\nimport { sql } from 'drizzle-orm';\n",
  'packages/modules/rental/src/routes.ts':
    "import type { Executor } from '@zulin/db';\nimport { placeOrder } from './place-order';\n",
  'packages/modules/inventory/src/index.ts': 'export const reserve = 1;\n',
  'packages/kernel/src/money.ts': "import Decimal from 'decimal.js';\n",
  'apps/server/src/modules.ts': "import { rentalModule } from '@zulin/rental';\n",
  'bench/stock.mjs': "import { createTestStock } from '@zulin/inventory/testing';\n",
  // Browser tests' shared steps are test code too.
  'e2e/helpers.ts': "import { testIdNumber } from '@zulin/rental/testing';\n",
  // …and so are a module's own test helpers.
  'packages/modules/installment/src/testing.ts': "import { createTestStock } from '@zulin/inventory/testing';\n",
};

test('a tree that keeps the rules has no violations', () => {
  expect(checkBoundaries(tree(clean))).toEqual([]);
});

test('each broken rule is reported with its file', () => {
  const violations = checkBoundaries(
    tree({
      ...clean,
      'packages/modules/rental/src/place-order.ts': "import { units } from '@zulin/inventory/src/schema';\n",
      'packages/modules/rental/src/quote.ts': "import { x } from '../../inventory/src/reserve';\n",
      'packages/modules/rental/src/routes.ts':
        "import { sql } from 'drizzle-orm';\nimport { rentals } from './schema';\nimport { queryRows } from '@zulin/db';\n",
      'packages/kernel/src/clock.ts': "import { readFileSync } from 'node:fs';\nimport { x } from '@zulin/db';\n",
      'apps/server/src/app.ts': "const m = await import('@zulin/rental/src/place-order');\n",
      'apps/server/src/stock.ts': "import { createTestStock } from '@zulin/inventory/testing';\n",
      'packages/modules/rental/src/stock.ts': "import { createTestStock } from '@zulin/inventory/testing';\n",
      'packages/modules/rental/src/routes/orders.ts': "import { rentals } from '../schema';\n",
      'packages/modules/rental/src/module.ts': "import type { AppContext } from '@zulin/server/context';\n",
      'packages/modules/rental/src/seed.ts': "import { modules } from '@zulin/product';\n",
      'packages/modules/rental/src/rental.test.ts': "import { modules } from '@zulin/product';\n",
      'packages/platform/src/app.ts': "import { identityModule } from '@zulin/identity';\n",
    }),
  );
  expect(violations).toEqual([
    "apps/server/src/app.ts: imports @zulin/rental/src/place-order; use the module's index, '@zulin/rental'",
    "apps/server/src/stock.ts: imports @zulin/inventory/testing; use the module's index, '@zulin/inventory'",
    'packages/kernel/src/clock.ts: the kernel depends on no other Zulin package',
    "packages/kernel/src/clock.ts: the kernel does no I/O ('node:fs')",
    'packages/modules/rental/src/module.ts: imports @zulin/server/context; packages never depend on the server app',
    "packages/modules/rental/src/place-order.ts: imports @zulin/inventory/src/schema; use the module's index, '@zulin/inventory'",
    "packages/modules/rental/src/quote.ts: reaches outside its module with '../../inventory/src/reserve'",
    "packages/modules/rental/src/routes.ts: routes must not query; move what uses './schema' into a use case",
    "packages/modules/rental/src/routes.ts: routes must not query; move what uses '@zulin/db' into a use case",
    "packages/modules/rental/src/routes.ts: routes must not query; move what uses 'drizzle-orm' into a use case",
    "packages/modules/rental/src/routes/orders.ts: routes must not query; move what uses '../schema' into a use case",
    "packages/modules/rental/src/seed.ts: imports @zulin/product; only tests use the product's composition",
    "packages/modules/rental/src/stock.ts: imports @zulin/inventory/testing; use the module's index, '@zulin/inventory'",
    'packages/platform/src/app.ts: imports @zulin/identity; the platform layer depends on no module',
  ]);
});
