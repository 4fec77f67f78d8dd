// The upload store as the app wires it: with ZULIN_S3_* set, a customer's photo goes to the
// S3-compatible store (signed requests, nothing under the data directory), is read back through a
// ticket's file route, and is deleted there by the day-old-uploads sweep; a store that answers 503
// refuses the upload cleanly and records nothing. A partial configuration refuses to start.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startTestS3Server, type TestS3Server, testS3Credentials } from '../testing';
import { multipartPng, png } from './test-png';
import { s3ConfigOf } from './upload-store';

const full = {
  ZULIN_S3_ENDPOINT: 'https://s3.cn-north-1.amazonaws.com.cn/',
  ZULIN_S3_BUCKET: 'zulin-uploads',
  ZULIN_S3_REGION: 'cn-north-1',
  ZULIN_S3_ACCESS_KEY_ID: 'AKID',
  ZULIN_S3_SECRET_ACCESS_KEY: 'secret',
};

describe('s3ConfigOf: all of ZULIN_S3_* or none', () => {
  test('none: the data directory (undefined)', () => {
    expect(s3ConfigOf({})).toBeUndefined();
    expect(s3ConfigOf({ ZULIN_S3_BUCKET: '  ' })).toBeUndefined();
  });

  test('all: the store, the endpoint without its trailing slash, the prefix when given', () => {
    expect(s3ConfigOf({ ...full, ZULIN_S3_PREFIX: 'uploads/' })).toEqual({
      endpoint: 'https://s3.cn-north-1.amazonaws.com.cn',
      bucket: 'zulin-uploads',
      region: 'cn-north-1',
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
      prefix: 'uploads/',
    });
    expect(s3ConfigOf(full)).not.toHaveProperty('prefix');
  });

  test('some: refused, naming each missing variable', () => {
    const { ZULIN_S3_REGION: _r, ZULIN_S3_SECRET_ACCESS_KEY: _s, ...partial } = full;
    expect(() => s3ConfigOf(partial)).toThrow(/needs ZULIN_S3_REGION, ZULIN_S3_SECRET_ACCESS_KEY/);
    expect(() => s3ConfigOf({ ZULIN_S3_PREFIX: 'uploads/' })).toThrow(/needs ZULIN_S3_ENDPOINT/);
  });

  test('a malformed endpoint, bucket or prefix is refused with an example', () => {
    expect(() => s3ConfigOf({ ...full, ZULIN_S3_ENDPOINT: 's3.amazonaws.com' })).toThrow(/ZULIN_S3_ENDPOINT/);
    expect(() => s3ConfigOf({ ...full, ZULIN_S3_ENDPOINT: 'https://s3.example/bucket' })).toThrow(/ZULIN_S3_ENDPOINT/);
    expect(() => s3ConfigOf({ ...full, ZULIN_S3_BUCKET: 'Zulin_Uploads' })).toThrow(/ZULIN_S3_BUCKET/);
    expect(() => s3ConfigOf({ ...full, ZULIN_S3_PREFIX: '/uploads' })).toThrow(/ZULIN_S3_PREFIX/);
  });
});

describeDb('uploads in an S3-compatible store, as the app wires it', (get) => {
  let s: TestServer;
  let s3: TestS3Server;
  let dataDir: string;
  const sweep = () => s.runSweep('support.discard_unattached_uploads');
  const upload = (token: string, shade: number) =>
    s.app.inject({ method: 'POST', url: '/v1/uploads', ...multipartPng(png(40, 30, shade), bearer(token)) });
  const uploads = async () =>
    (await queryRows<{ n: number }>(s.ctx.database.db, sql`select count(*)::int as n from feedback_uploads`))[0]?.n;

  beforeAll(async () => {
    s3 = await startTestS3Server();
    vi.stubEnv('ZULIN_S3_ENDPOINT', s3.endpoint);
    vi.stubEnv('ZULIN_S3_BUCKET', 'zulin-uploads');
    vi.stubEnv('ZULIN_S3_REGION', testS3Credentials.region);
    vi.stubEnv('ZULIN_S3_ACCESS_KEY_ID', testS3Credentials.accessKeyId);
    vi.stubEnv('ZULIN_S3_SECRET_ACCESS_KEY', testS3Credentials.secretAccessKey);
    vi.stubEnv('ZULIN_S3_PREFIX', 'media/');
    // A data directory of its own, so that "nothing under it" means this server wrote nothing there.
    dataDir = await mkdtemp(join(tmpdir(), 'zulin-s3-'));
    s = await createTestServer(get().database, {
      modules,
      now: '2027-04-01T02:00:00Z',
      env: { ZULIN_DATA_DIR: dataDir },
    });
  });
  afterAll(async () => {
    await s?.close();
    await s3?.close();
    vi.unstubAllEnvs();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('the store is named for operators, as the real thing (not a sandbox)', () => {
    expect(s.app.adapterStatuses.find((a) => a.name === 'support.uploads')).toEqual({
      name: 'support.uploads',
      mode: 'production',
      detail: `S3-compatible store ${s3.endpoint}/zulin-uploads/media/`,
    });
  });

  test('a photo goes to the bucket, not the data directory; read back through the ticket; swept after a day', async () => {
    const customer = await signInTestCustomer(s, randomTestPhone());
    const answer = await upload(customer.token, 21);
    expect(answer.statusCode, answer.body).toBe(201);
    const [row] = await queryRows<{ key: string; thumbnail_key: string }>(
      s.ctx.database.db,
      sql`select key, thumbnail_key from feedback_uploads where id = ${answer.json().id}`,
    );
    const key = row?.key ?? '';
    // The photo and its thumbnail, each under the prefix, each PUT with a signature the store checked.
    expect(s3.objects.has(`/zulin-uploads/media/${key}`)).toBe(true);
    expect(s3.objects.has(`/zulin-uploads/media/${row?.thumbnail_key}`)).toBe(true);
    expect(s3.objects.get(`/zulin-uploads/media/${key}`)?.type).toBe('image/png');
    expect(s3.seen.filter((line) => line.startsWith('PUT '))).toHaveLength(2);
    expect(existsSync(join(s.ctx.config.dataDir, 'feedback-media'))).toBe(false);

    // Attached to a ticket, read back by its owner through the ticket's file route, from the bucket.
    const ticket = await s.app.inject({
      method: 'POST',
      url: '/v1/tickets',
      headers: bearer(customer.token),
      payload: { kind: 'fault', subject: '屏幕有划痕', body: '照片如下。', imageIds: [answer.json().id] },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const file = await s.app.inject({
      url: `/v1/tickets/${ticket.json().id}/files/${key}`,
      headers: bearer(customer.token),
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(s3.objects.get(`/zulin-uploads/media/${key}`)?.body ?? Buffer.alloc(0))).toBe(true);

    // Another photo never attached: a day later the sweep deletes its record and both objects.
    const abandoned = await upload(customer.token, 22);
    expect(abandoned.statusCode).toBe(201);
    const [gone] = await queryRows<{ key: string; thumbnail_key: string }>(
      s.ctx.database.db,
      sql`select key, thumbnail_key from feedback_uploads where id = ${abandoned.json().id}`,
    );
    s.clock.set('2027-04-02T02:01:00Z');
    expect(await sweep()).toEqual({ discarded: 1, blobsDeleted: 2 });
    expect(s3.objects.has(`/zulin-uploads/media/${gone?.key}`)).toBe(false);
    expect(s3.objects.has(`/zulin-uploads/media/${gone?.thumbnail_key}`)).toBe(false);
    expect(s3.seen.filter((line) => line.startsWith('DELETE '))).toHaveLength(2);
    expect(s3.objects.has(`/zulin-uploads/media/${key}`)).toBe(true);
  });

  test('a store answering 503 refuses the upload with a clear problem and records nothing', async () => {
    const customer = await signInTestCustomer(s, randomTestPhone());
    const before = await uploads();
    const objects = s3.objects.size;
    s3.unavailable = true;
    try {
      const answer = await upload(customer.token, 23);
      expect(answer.statusCode).toBe(503);
      expect(answer.json()).toMatchObject({ code: 'FEEDBACK_STORAGE_UNAVAILABLE' });
    } finally {
      s3.unavailable = false;
    }
    expect(await uploads()).toBe(before);
    expect(s3.objects.size).toBe(objects);
  });

  test('only some of ZULIN_S3_* set: the server refuses to start, naming what is missing', async () => {
    vi.stubEnv('ZULIN_S3_SECRET_ACCESS_KEY', '');
    try {
      await expect(createTestServer(get().database, { modules })).rejects.toThrow(/needs ZULIN_S3_SECRET_ACCESS_KEY/);
    } finally {
      vi.stubEnv('ZULIN_S3_SECRET_ACCESS_KEY', testS3Credentials.secretAccessKey);
    }
  });
});
