// Images on tickets and chats through the whole product: uploads attached by their uploader only,
// once, at most 9 on a ticket message, and read only through a ticket or chat the reader may see.
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { multipartPng, png } from './uploads/test-png';

describeDb('ticket and chat attachments', (get) => {
  let s: TestServer;
  let alice: { customerId: string; token: string };
  let bob: { customerId: string; token: string };
  let agent: { staffId: string; token: string };
  let marketing: { staffId: string; token: string };
  let shade = 0;
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });
  /** Uploads a fresh 40×30 PNG as a customer (`/v1/uploads`) or staff (`/v1/admin/uploads`); its id. */
  const upload = async (token: string, url = '/v1/uploads'): Promise<string> => {
    shade += 1;
    const answer = await s.app.inject({ method: 'POST', url, ...multipartPng(png(40, 30, shade), bearer(token)) });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json().id;
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    alice = await signInTestCustomer(s, randomTestPhone());
    bob = await signInTestCustomer(s, randomTestPhone());
    agent = await signInTestStaff(s, 'support');
    marketing = await signInTestStaff(s, 'marketing');
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a ticket carries 9 images; the 10th, another customer’s upload and a reused one are refused', async () => {
    const nine = [];
    for (let i = 0; i < 9; i++) nine.push(await upload(alice.token));
    const tenth = await upload(alice.token);
    const ticketBody = { kind: 'fault', subject: '屏幕裂了', body: '屏幕右上角裂了，照片如下。' };

    const tooMany = await call(alice.token, 'POST', '/v1/tickets', { ...ticketBody, imageIds: [...nine, tenth] });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().code).toBe('SUPPORT_ATTACHMENTS_TOO_MANY');

    const bobs = await upload(bob.token);
    const notMine = await call(alice.token, 'POST', '/v1/tickets', { ...ticketBody, imageIds: [bobs] });
    expect(notMine.statusCode).toBe(422);
    expect(notMine.json().code).toBe('SUPPORT_ATTACHMENT_NOT_FOUND');
    const twice = await call(alice.token, 'POST', '/v1/tickets', { ...ticketBody, imageIds: [tenth, tenth] });
    expect(twice.json().code).toBe('SUPPORT_ATTACHMENT_NOT_FOUND');

    // The refused requests attached nothing: the same nine go through now, in the order given.
    const opened = await call(alice.token, 'POST', '/v1/tickets', { ...ticketBody, imageIds: nine });
    expect(opened.statusCode, opened.body).toBe(201);
    const ticket = opened.json();
    const files = ticket.messages[0].files;
    expect(files).toHaveLength(9);
    expect(
      files.every((f: { kind: string; thumbnailKey: string | null }) => f.kind === 'image' && f.thumbnailKey),
    ).toBe(true);

    // Attached once: the same upload on a reply (or a feedback) is refused.
    const reused = await call(alice.token, 'POST', `/v1/tickets/${ticket.id}/messages`, {
      body: '再发一次',
      imageIds: [nine[0]],
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('SUPPORT_ATTACHMENT_NOT_FOUND');
    const asFeedback = await call(alice.token, 'POST', '/v1/feedback', {
      text: '屏幕裂了',
      anonymous: false,
      mediaIds: [nine[1]],
    });
    expect(asFeedback.json().code).toBe('FEEDBACK_MEDIA_NOT_FOUND');

    // A reply with one more image; the agent answers with a photo of their own.
    const reply = await call(alice.token, 'POST', `/v1/tickets/${ticket.id}/messages`, {
      body: '补充一张',
      imageIds: [tenth],
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().messages[1].files).toHaveLength(1);
    const staffPhoto = await upload(agent.token, '/v1/admin/uploads');
    // The customer's upload route is for customers, the staff one for staff.
    expect((await call(agent.token, 'POST', '/v1/uploads')).statusCode).toBe(401);
    const answered = await call(agent.token, 'POST', `/v1/admin/tickets/${ticket.id}/messages`, {
      body: '请按图示方式备份数据。',
      imageIds: [staffPhoto],
    });
    expect(answered.statusCode, answered.body).toBe(201);
    const agentFile = answered.json().messages.at(-1).files[0];
    // A staff member cannot attach a customer's upload, nor a customer a staff one.
    const stolen = await call(agent.token, 'POST', `/v1/admin/tickets/${ticket.id}/messages`, {
      body: 'x',
      imageIds: [await upload(alice.token)],
    });
    expect(stolen.json().code).toBe('SUPPORT_ATTACHMENT_NOT_FOUND');

    // Reading: the ticket's customer and support staff; Bob and a marketing account are refused.
    const first = files[0];
    const mine = await call(alice.token, 'GET', `/v1/tickets/${ticket.id}/files/${first.key}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('image/png');
    expect(mine.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');
    const thumb = await call(alice.token, 'GET', `/v1/tickets/${ticket.id}/files/${first.thumbnailKey}`);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await call(alice.token, 'GET', `/v1/tickets/${ticket.id}/files/${agentFile.key}`)).statusCode).toBe(200);
    expect((await call(agent.token, 'GET', `/v1/admin/tickets/${ticket.id}/files/${first.key}`)).statusCode).toBe(200);
    const bobReads = await call(bob.token, 'GET', `/v1/tickets/${ticket.id}/files/${first.key}`);
    expect(bobReads.statusCode).toBe(404);
    expect(bobReads.json().code).toBe('SUPPORT_TICKET_NOT_FOUND');
    expect((await call(marketing.token, 'GET', `/v1/admin/tickets/${ticket.id}/files/${first.key}`)).statusCode).toBe(
      403,
    );
    expect((await call(null, 'GET', `/v1/tickets/${ticket.id}/files/${first.key}`)).statusCode).toBe(401);

    // A key the ticket does not hold opens nothing, even a real one of another ticket.
    const bobTicket = (await call(bob.token, 'POST', '/v1/tickets', { ...ticketBody, imageIds: [bobs] })).json();
    const bobKey = bobTicket.messages[0].files[0].key;
    const foreign = await call(alice.token, 'GET', `/v1/tickets/${ticket.id}/files/${bobKey}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('SUPPORT_FILE_NOT_FOUND');
  });

  test('an internal note’s image is for staff only', async () => {
    const ticket = (
      await call(alice.token, 'POST', '/v1/tickets', { kind: 'account', subject: '账号', body: '无法登录' })
    ).json();
    const photo = await upload(agent.token, '/v1/admin/uploads');
    const note = await call(agent.token, 'POST', `/v1/admin/tickets/${ticket.id}/messages`, {
      body: '后台截图',
      internal: true,
      imageIds: [photo],
    });
    const key = note.json().messages.at(-1).files[0].key;
    expect((await call(agent.token, 'GET', `/v1/admin/tickets/${ticket.id}/files/${key}`)).statusCode).toBe(200);
    expect((await call(alice.token, 'GET', `/v1/tickets/${ticket.id}/files/${key}`)).statusCode).toBe(404);
  });
});
