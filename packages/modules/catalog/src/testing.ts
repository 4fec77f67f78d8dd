// What tests need from the catalog: a phone published through the console's own API (product, one
// 256 GB SKU at ¥7,999.00, a 12-month plan, published), as an operator would do it.
import type { TestServer } from '@zulin/platform/testing';

export interface PublishedPhone {
  productId: string;
  skuId: string;
  planId: string;
}

/** Creates and publishes an Apple phone named `model` with a 12-month plan at `rentMinor` a month. */
export async function publishPhoneByApi(
  server: Pick<TestServer, 'app'>,
  staff: { authorization: string },
  options: { model: string; rentMinor?: number },
): Promise<PublishedPhone> {
  const post = async (url: string, payload: object, expected: number) => {
    const answer = await server.app.inject({ method: 'POST', url, payload, headers: staff });
    if (answer.statusCode !== expected) {
      throw new Error(`POST ${url} answered ${answer.statusCode}: ${answer.body}`);
    }
    return answer.json<{ id: string }>();
  };
  const { id: productId } = await post('/v1/admin/products', { brand: 'Apple', model: options.model }, 201);
  const { id: skuId } = await post(
    '/v1/admin/skus',
    { productId, storageGb: 256, colour: '黑色', condition: 'new', marketPriceMinor: 799_900 },
    201,
  );
  const { id: planId } = await post(
    '/v1/admin/plans',
    { skuId, termUnit: 'month', termCount: 12, rentMinor: options.rentMinor ?? 32_900, buyoutAtEndMinor: 200_000 },
    201,
  );
  await post(`/v1/admin/products/${productId}/publish`, {}, 200);
  return { productId, skuId, planId };
}
