import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@zulin/kernel';
import { blobKeyOf, DataDirBlobStore, isBlobKey } from '@zulin/support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { S3BlobStore } from './s3-store';

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

// A small S3-compatible server that checks AWS Signature Version 4 the way S3 does, written here
// from the specification and independent of the client's signer, and keeps objects in memory.
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const region = 'cn-north-1';

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function expectedSignature(req: IncomingMessage, payloadHash: string): { signature: string; given: string } | null {
  const auth = req.headers.authorization ?? '';
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (match === null || match[1] !== credentials.accessKeyId || match[3] !== region) return null;
  const [, , date = '', , signedHeaders = '', given = ''] = match;
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const url = new URL(req.url ?? '/', 'http://x');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [
    req.method,
    url.pathname,
    url.search.slice(1),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), region), 's3'), 'aws4_request');
  return { signature: hmac(signingKey, stringToSign).toString('hex'), given };
}

function startS3(): Promise<{
  server: Server;
  endpoint: string;
  objects: Map<string, { body: Buffer; type: string }>;
  seen: string[];
}> {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: string[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    const check = expectedSignature(req, payloadHash);
    const bodyHash = createHash('sha256').update(body).digest('hex');
    if (
      check === null ||
      check.signature !== check.given ||
      (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== bodyHash)
    ) {
      res
        .writeHead(403, { 'content-type': 'application/xml' })
        .end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push(`${req.method} ${path} ${req.headers['x-amz-date']}`);
    if (req.method === 'PUT') {
      objects.set(path, { body, type: String(req.headers['content-type']) });
      res.writeHead(200).end();
    } else if (req.method === 'GET') {
      const object = objects.get(path);
      if (object === undefined) res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      else res.writeHead(200, { 'content-type': object.type }).end(object.body);
    } else if (req.method === 'DELETE') {
      objects.delete(path);
      res.writeHead(204).end();
    } else res.writeHead(405).end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, endpoint: `http://127.0.0.1:${port}`, objects, seen });
    });
  });
}

describe('S3-compatible blob store', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  beforeAll(async () => {
    s3 = await startS3();
  });
  afterAll(() => new Promise<void>((resolve) => s3.server.close(() => resolve())));

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
      code: 'FEEDBACK_STORAGE_UNAVAILABLE',
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
