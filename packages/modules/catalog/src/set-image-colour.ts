// Tags a product image with the SKU colour it shows (or clears the tag); audited. The H5 product
// page's gallery follows the colour the customer picks, so only a colour one of the product's SKUs
// has may be set (as the SKU spells it).
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { catalogProducts, catalogSkus } from './schema';
import { loadProduct, type ProductView, productView } from './views';

export async function setProductImageColour(
  tx: Executor,
  options: { productId: string; file: string; colour: string | null; actor: Actor; now: Date },
): Promise<ProductView> {
  const { productId, file, actor, now } = options;
  const product = await loadProduct(tx, productId, true);
  const image = product.images.find((i) => i.file === file);
  if (image === undefined) throw CatalogErrors.CATALOG_IMAGE_NOT_FOUND({});
  const wanted = options.colour?.trim() || null;
  let colour: string | null = null;
  if (wanted !== null) {
    const colours = await tx
      .selectDistinct({ colour: catalogSkus.colour })
      .from(catalogSkus)
      .where(eq(catalogSkus.productId, productId));
    // The SKU's own spelling, matched without regard to case ("Black" tags the SKUs' "black").
    colour = colours.find((c) => c.colour.toLowerCase() === wanted.toLowerCase())?.colour ?? null;
    if (colour === null) {
      const known = colours.map((c) => c.colour).sort();
      throw CatalogErrors.CATALOG_IMAGE_COLOUR_UNKNOWN({
        detail: `The product has no SKU in "${wanted}"; its colours are: ${known.join(', ') || 'none yet'}.`,
        errors: [{ path: '/body/colour', message: `no SKU of this product is ${wanted}`, code: 'unknown_colour' }],
      });
    }
  }
  const before = image.colour ?? null;
  if (before === colour) return productView(product);
  const [row] = await tx
    .update(catalogProducts)
    .set({ images: product.images.map((i) => (i.file === file ? { ...i, colour } : i)), updatedAt: now })
    .where(eq(catalogProducts.id, productId))
    .returning();
  if (!row) throw new Error('the locked product exists');
  await audit(tx, {
    actor,
    action: 'catalog.product_image_colour_set',
    targetType: 'product',
    targetId: productId,
    detail: { file, from: before, to: colour },
    at: now,
  });
  return productView(row);
}
