import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@zulin/kernel';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestS3Server, type TestS3Server, testS3Credentials } from '../testing';
import { DataDirBlobStore } from './data-dir-store';
import { S3BlobStore } from './s3-store';
import { blobKeyOf, isBlobKey } from './storage';

const photo = new Uint8Array(Buffer.from('pretend these are the bytes of a cleaned JPEG'));

describe('data-directory blob store', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'zulin-blobs-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('stores by content hash under a two-digit folder; the same bytes twice are one file', async () => {
    const store = new DataDirBlobStore(root);
    const key = await store.put(photo, 'jpg');
    expect(key).toBe(`${createHash('sha256').update(photo).digest('hex')}.jpg`);
    expect(await store.put(photo, 'jpg')).toBe(key);
    expect(await readdir(join(root, key.slice(0, 2)))).toEqual([key]);
    expect(await store.get(key)).toEqual(photo);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
  });

  test('keys that are not content keys never reach the file system', async () => {
    const outside = join(root, '..', `zulin-secret-${process.pid}.txt`);
    await writeFile(outside, 'secret');
    try {
      const store = new DataDirBlobStore(join(root, 'store'));
      for (const key of [
        '../../etc/passwd',
        `../${outside}`,
        outside,
        '..%2f..%2fetc%2fpasswd',
        `${'a'.repeat(64)}.jpg/../../x`,
      ]) {
        expect(isBlobKey(key)).toBe(false);
        expect(await store.get(key)).toBeNull();
        await store.delete(key);
      }
      expect((await stat(outside)).isFile()).toBe(true);
    } finally {
      await rm(outside, { force: true });
    }
  });
});

const { region, ...credentials } = testS3Credentials;

describe('S3-compatible blob store', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startTestS3Server();
  });
  afterAll(() => s3.close());

  const clock = new FixedClock('2025-03-12T06:03:27Z');
  const config = () => ({
    endpoint: s3.endpoint,
    bucket: 'zulin-uploads',
    region,
    prefix: 'feedback/',
    ...credentials,
  });

  test('put, get and delete with signatures the server accepts, at the clock time', async () => {
    const store = new S3BlobStore(config(), clock);
    const key = await store.put(photo, 'jpg', 'image/jpeg');
    expect(key).toBe(blobKeyOf(photo, 'jpg'));
    expect(s3.objects.get(`/zulin-uploads/feedback/${key}`)).toEqual({ body: Buffer.from(photo), type: 'image/jpeg' });
    expect(await store.get(key)).toEqual(photo);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    expect(s3.seen[0]).toBe(`PUT /zulin-uploads/feedback/${key} 20250312T060327Z`);
  });

  test('a wrong secret is refused by the server and surfaces as a typed error', async () => {
    const store = new S3BlobStore({ ...config(), secretAccessKey: 'not-the-secret' }, clock);
    await expect(store.put(photo, 'jpg', 'image/jpeg')).rejects.toMatchObject({
      code: 'SUPPORT_STORAGE_UNAVAILABLE',
      status: 503,
    });
  });

  test('a key that is not a content key is not requested at all', async () => {
    const before = s3.seen.length;
    const store = new S3BlobStore(config(), clock);
    expect(await store.get('../other-bucket/secret.jpg')).toBeNull();
    expect(s3.seen.length).toBe(before);
  });
});
