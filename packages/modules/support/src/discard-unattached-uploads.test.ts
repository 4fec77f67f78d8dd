// Uploads nobody attached are discarded after 24 hours, through the registered sweep: the record, then
// the file unless another upload still names the same bytes. Alice uploads two photos at 10:00 and
// attaches one to a ticket; Bob uploads the same bytes as her other photo 23 hours later.
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { multipartPng, png } from './uploads/test-png';
import { uploadStoreOf } from './uploads/upload-store';

describeDb('unattached uploads are discarded after a day', (get) => {
  let s: TestServer;
  const sweep = () => s.runSweep('support.discard_unattached_uploads');
  const upload = async (token: string, shade: number) => {
    const answer = await s.app.inject({
      method: 'POST',
      url: '/v1/uploads',
      ...multipartPng(png(40, 30, shade), bearer(token)),
    });
    expect(answer.statusCode, answer.body).toBe(201);
    const { id } = answer.json();
    const [row] = await queryRows<{ key: string; thumbnail_key: string }>(
      s.ctx.database.db,
      sql`select key, thumbnail_key from feedback_uploads where id = ${id}`,
    );
    return { id: id as string, key: row?.key ?? '', thumbnailKey: row?.thumbnail_key ?? '' };
  };
  const stored = async (key: string) => (await uploadStoreOf(s.ctx).get(key)) !== null;
  const exists = async (id: string) =>
    (await queryRows(s.ctx.database.db, sql`select 1 from feedback_uploads where id = ${id}`)).length === 1;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-04-01T02:00:00Z' });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('after 24 h the record goes, and the file with it unless another upload shares it', async () => {
    const alicePhone = randomTestPhone();
    let alice = await signInTestCustomer(s, alicePhone);
    const attached = await upload(alice.token, 11);
    const abandoned = await upload(alice.token, 12);
    const ticket = await s.app.inject({
      method: 'POST',
      url: '/v1/tickets',
      headers: bearer(alice.token),
      payload: { kind: 'fault', subject: '屏幕裂了', body: '照片如下。', imageIds: [attached.id] },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);

    // 23 h later Bob uploads the very bytes of Alice's abandoned photo: one blob, two records.
    s.clock.set('2027-04-02T01:00:00Z');
    const bob = await signInTestCustomer(s, randomTestPhone());
    const same = await upload(bob.token, 12);
    expect(same.key).toBe(abandoned.key);

    // One minute before Alice's day is up, nothing goes.
    s.clock.set('2027-04-02T01:59:00Z');
    expect(await sweep()).toEqual({ discarded: 0, blobsDeleted: 0 });
    // A day and a minute: her record goes; the file stays, Bob's record names it.
    s.clock.set('2027-04-02T02:01:00Z');
    expect(await sweep()).toEqual({ discarded: 1, blobsDeleted: 0 });
    expect(await exists(abandoned.id)).toBe(false);
    expect(await exists(same.id)).toBe(true);
    expect(await stored(abandoned.key)).toBe(true);
    // The attached photo stays, record and file.
    expect(await exists(attached.id)).toBe(true);
    expect(await stored(attached.key)).toBe(true);

    // Bob never sends his either: a day after his upload, his record and the file and thumbnail go.
    s.clock.set('2027-04-03T01:01:00Z');
    expect(await sweep()).toEqual({ discarded: 1, blobsDeleted: 2 });
    expect(await stored(same.key)).toBe(false);
    expect(await stored(same.thumbnailKey)).toBe(false);
    expect(await stored(attached.key)).toBe(true);
    // Alice's ticket still shows her photo.
    alice = await signInTestCustomer(s, alicePhone);
    const files = (
      await s.app.inject({ method: 'GET', url: `/v1/tickets/${ticket.json().id}`, headers: bearer(alice.token) })
    ).json().messages[0].files;
    expect(files).toHaveLength(1);
  });
});
