// A SKU named as people read it ("苹果 iPhone 15 Pro 256GB 黑色钛金属", the name every screen shows, or
// with the brand in English: "Apple iPhone 15 Pro 256GB 黑色钛金属"), for imports typed by hand.
// Case, full-width letters and spacing are ignored. One name may be several SKUs (the same phone
// new and used): the caller tells them apart by condition.
import type { Executor } from '@zulin/db';
import { sql } from 'drizzle-orm';
import type { Condition } from './schema';
import { catalogProducts, catalogSkus } from './schema';
import { brandOf, normalise, storageLabel } from './search-text';

export interface NamedSku {
  id: string;
  condition: Condition;
  active: boolean;
}

/** Each name's SKUs (empty when none has that name), in the order asked. */
export async function findSkusByName(db: Executor, names: readonly string[]): Promise<Map<string, NamedSku[]>> {
  const wanted = [...new Set(names.map(normalise))].filter((n) => n.length > 0);
  const found = new Map<string, NamedSku[]>(names.map((name) => [name, []]));
  if (wanted.length === 0) return found;
  // Only products whose model is in one of the names are read (a file names a few dozen phones).
  const rows = await db
    .select({
      id: catalogSkus.id,
      brand: catalogProducts.brand,
      model: catalogProducts.model,
      storageGb: catalogSkus.storageGb,
      colour: catalogSkus.colour,
      condition: catalogSkus.condition,
      active: catalogSkus.active,
    })
    .from(catalogSkus)
    .innerJoin(catalogProducts, sql`${catalogProducts.id} = ${catalogSkus.productId}`)
    .where(
      sql`exists (select 1 from unnest(array[${sql.join(
        wanted.map((name) => sql`${name}`),
        sql`, `,
      )}]::text[]) as wanted(name) where position(lower(${catalogProducts.model}) in wanted.name) > 0)`,
    );
  const byName = new Map<string, NamedSku[]>();
  for (const row of rows) {
    const brand = brandOf(row.brand);
    const tail = `${row.model} ${storageLabel(row.storageGb)} ${row.colour}`;
    for (const spelled of new Set([`${brand.nameZh} ${tail}`, `${brand.name} ${tail}`])) {
      const key = normalise(spelled);
      byName.set(key, [...(byName.get(key) ?? []), { id: row.id, condition: row.condition, active: row.active }]);
    }
  }
  for (const name of names) found.set(name, byName.get(normalise(name)) ?? []);
  return found;
}
