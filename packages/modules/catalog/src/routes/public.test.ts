// HTTP caching of the public catalog reads: a weak ETag of the body, Cache-Control `public, no-cache`,
// If-None-Match answered 304, and a new tag as soon as a publish changes what is listed.
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { publishPhoneByApi } from '../testing';
import { matchesIfNoneMatch } from './shared';

describe('matchesIfNoneMatch', () => {
  test('weak comparison, lists and the wildcard', () => {
    expect(matchesIfNoneMatch(undefined, 'W/"a"')).toBe(false);
    expect(matchesIfNoneMatch('W/"a"', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch('"a"', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch('W/"b", W/"a"', 'W/"a"')).toBe(true);
    expect(matchesIfNoneMatch('W/"b"', 'W/"a"')).toBe(false);
    expect(matchesIfNoneMatch(' * ', 'W/"a"')).toBe(true);
  });
});

describeDb('public catalog caching', (get) => {
  let server: TestServer;
  let staff: { authorization: string };

  beforeAll(async () => {
    server = await createTestServer(get().database, { modules });
    staff = bearer((await signInTestStaff(server, 'operator')).token);
  });
  afterAll(async () => {
    await server.close();
  });

  const get_ = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url, headers });

  const publishedPhone = (model: string) => publishPhoneByApi(server, staff, { model });

  test('search, product page, plans and offers carry a weak ETag and are revalidated at every use', async () => {
    const { productId, skuId } = await publishedPhone('iPhone 16 Pro');
    for (const url of [
      '/v1/products',
      '/v1/products?q=iphone',
      `/v1/products/${productId}`,
      `/v1/skus/${skuId}/plans`,
      `/v1/skus/${skuId}/installment-offers`,
    ]) {
      const response = await get_(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers.etag, url).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
      expect(response.headers['cache-control'], url).toBe('public, no-cache');
      // The same body, the same tag.
      expect((await get_(url)).headers.etag, url).toBe(response.headers.etag);
    }
  });

  test('If-None-Match with the current tag is a bodiless 304; another tag gets the body', async () => {
    const first = await get_('/v1/products');
    const etag = String(first.headers.etag);
    const notModified = await get_('/v1/products', { 'if-none-match': etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(etag);
    expect(notModified.headers['cache-control']).toBe('public, no-cache');
    const other = await get_('/v1/products', { 'if-none-match': 'W/"something-else"' });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual(first.json());
  });

  test('a publish changes the tag: the old one is answered with the new list', async () => {
    const before = await get_('/v1/products');
    await publishedPhone('iPhone 16');
    const after = await get_('/v1/products', { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((after.json().data as { model: string }[]).map((p) => p.model)).toContain('iPhone 16');
  });

  test('errors are not tagged or cached', async () => {
    const missing = await get_('/v1/products/prd_01KXXXXXXXXXXXXXXXXXXXXXXX');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    expect(String(missing.headers['cache-control'] ?? '')).not.toContain('public');
    const bad = await get_('/v1/products?cursor=nonsense');
    expect(bad.statusCode).toBe(422);
    expect(bad.headers.etag).toBeUndefined();
  });
});
