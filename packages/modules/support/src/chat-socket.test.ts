// Live chat over a real WebSocket on an ephemeral port: the socket is authenticated by the API's
// access token (offered as a subprotocol), messages go customer → agent → customer and are stored,
// a reconnect resumes after the last seq it saw, and nothing a client sends stops the server.
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { SupportLimits } from './limits';
import { chatProtocol } from './routes/chat-socket';
import { multipartPng, png } from './uploads/test-png';

type Frame = { type: string; [key: string]: unknown };

/** A client that keeps every frame it got, and waits for the one it needs. */
class Client {
  readonly frames: Frame[] = [];
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: Promise<{ code: number; reason: string }>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  next(match: (f: Frame) => boolean, timeoutMs = 5_000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame; got ${JSON.stringify(this.frames)}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  message(body: string): Promise<Frame> {
    return this.next((f) => f.type === 'message' && (f.message as { body: string }).body === body);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
}

describeDb('live chat over WebSocket', (get) => {
  let s: TestServer;
  let base: string;
  let alice: { customerId: string; token: string };
  let bob: { customerId: string; token: string };
  let agent: { staffId: string; token: string };
  const open: WebSocket[] = [];

  const connect = (path: string, protocols: string[]): Promise<Client> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${base}${path}`, protocols);
      open.push(ws);
      const client = new Client(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (req, res) => {
        req.destroy();
        reject(new Error(`HTTP ${res.statusCode}`));
      });
      ws.once('error', reject);
    });
  const as = (token: string) => [chatProtocol, `bearer.${token}`];
  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const address = s.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    base = `ws://127.0.0.1:${address.port}`;
    alice = await signInTestCustomer(s, randomTestPhone());
    bob = await signInTestCustomer(s, randomTestPhone());
    agent = await signInTestStaff(s, 'support');
    // An agent is on duty: a queued customer waits for them (with nobody online a ticket is offered at once).
    await call(agent.token, 'POST', '/v1/admin/chats/presence', { status: 'online' });
  });
  afterAll(async () => {
    for (const ws of open) ws.terminate();
    await s?.close();
  }, 30_000);

  test('the socket is refused without a token, with a bad token, and for another customer’s chat', async () => {
    const chat = (await call(alice.token, 'POST', '/v1/chats')).json();
    await expect(connect(`/v1/chat?chatId=${chat.id}`, [chatProtocol])).rejects.toThrow('HTTP 401');
    await expect(connect(`/v1/chat?chatId=${chat.id}`, as('not-a-token'))).rejects.toThrow('HTTP 401');
    await expect(connect(`/v1/chat?chatId=${chat.id}`, as(bob.token))).rejects.toThrow('HTTP 404');
    // A customer's token does not open the agents' socket.
    await expect(connect(`/v1/admin/chat?chatId=${chat.id}`, as(alice.token))).rejects.toThrow('HTTP 401');
    // Bad input on the upgrade itself is a problem document too, not a crash.
    await expect(connect('/v1/chat', as(alice.token))).rejects.toThrow('HTTP 422');
    await expect(connect(`/v1/chat?chatId=${chat.id}&afterSeq=-1`, as(alice.token))).rejects.toThrow('HTTP 422');
  });

  test('customer → agent → customer, stored with read marks; a reconnect resumes after the last seq', async () => {
    const opened = await call(alice.token, 'POST', '/v1/chats');
    expect(opened.statusCode).toBe(201);
    const chat = opened.json();
    expect(chat).toMatchObject({ state: 'queued', agentName: null, canLeaveTicket: false });

    const customer = await connect(`/v1/chat?chatId=${chat.id}`, as(alice.token));
    expect(customer.ws.protocol).toBe(chatProtocol);
    customer.send({ type: 'send', body: '你好，我的押金什么时候退？', clientId: 'c-1' });
    const ack = await customer.next((f) => f.type === 'ack');
    expect(ack).toMatchObject({ clientId: 'c-1' });

    // The agent takes the chat from the queue and opens its socket.
    const queue = (await call(agent.token, 'GET', '/v1/admin/chats?state=queued')).json();
    expect(queue.data.map((c: { id: string }) => c.id)).toContain(chat.id);
    const taken = await call(agent.token, 'POST', `/v1/admin/chats/${chat.id}/take`);
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ state: 'active', agentId: agent.staffId });
    expect(taken.json().customerName).toMatch(/\*/);
    const desk = await connect(`/v1/admin/chat?chatId=${chat.id}`, as(agent.token));
    await desk.message('你好，我的押金什么时候退？');
    desk.send({ type: 'send', body: '您好，押金在验机后 1–3 个工作日退回。', clientId: 'a-1' });
    const reply = await customer.message('您好，押金在验机后 1–3 个工作日退回。');
    expect(reply.message).toMatchObject({ author: 'agent' });
    expect((reply.message as { authorName: string | null }).authorName).not.toBeNull();
    const replySeq = (reply.message as { seq: number }).seq;

    // The customer read it: the agent's socket learns the read mark.
    customer.send({ type: 'read', upToSeq: replySeq });
    await desk.next((f) => f.type === 'chat' && (f.chat as { customerReadSeq: number }).customerReadSeq === replySeq);
    // Typing reaches the other side only.
    desk.send({ type: 'typing' });
    await customer.next((f) => f.type === 'typing' && f.side === 'agent');

    // Sending the same clientId again (a lost ack) stores it once.
    customer.send({ type: 'send', body: '你好，我的押金什么时候退？', clientId: 'c-1' });
    await customer.next((f) => f.type === 'ack' && f.seq === ack.seq && f !== ack);

    // The customer drops off; the agent writes meanwhile; a reconnect after the last seen seq gets only what is new.
    customer.ws.close();
    await customer.closed;
    desk.send({ type: 'send', body: '还有其他问题吗？', clientId: 'a-2' });
    await desk.next((f) => f.type === 'ack' && f.clientId === 'a-2');
    const again = await connect(`/v1/chat?chatId=${chat.id}&afterSeq=${replySeq}`, as(alice.token));
    const resumed = await again.message('还有其他问题吗？');
    expect((resumed.message as { seq: number }).seq).toBeGreaterThan(replySeq);
    expect(again.frames.filter((f) => f.type === 'message').map((f) => (f.message as { body: string }).body)).toEqual([
      '还有其他问题吗？',
    ]);

    // Stored: the customer's view over HTTP has every message in order, the system line for "taken" included.
    const stored = (await call(alice.token, 'GET', `/v1/chats/${chat.id}`)).json();
    expect(stored.messages.map((m: { author: string; body: string }) => [m.author, m.body])).toEqual([
      ['customer', '你好，我的押金什么时候退？'],
      ['system', 'taken'],
      ['agent', '您好，押金在验机后 1–3 个工作日退回。'],
      ['agent', '还有其他问题吗？'],
    ]);

    // The agent ends it; the customer's socket hears it and the customer may rate 1–5, once.
    expect((await call(agent.token, 'POST', `/v1/admin/chats/${chat.id}/end`)).statusCode).toBe(200);
    await again.next((f) => f.type === 'chat' && (f.chat as { state: string; canRate: boolean }).canRate === true);
    expect((await call(alice.token, 'POST', `/v1/chats/${chat.id}/rating`, { rating: 6 })).statusCode).toBe(422);
    const rated = await call(alice.token, 'POST', `/v1/chats/${chat.id}/rating`, { rating: 5 });
    expect(rated.json()).toMatchObject({ rating: 5, canRate: false });
    const twice = await call(alice.token, 'POST', `/v1/chats/${chat.id}/rating`, { rating: 1 });
    expect(twice.json()).toMatchObject({ code: 'SUPPORT_CHAT_RATING_INVALID' });
    // Writing into an ended chat is refused on the socket, which stays open.
    again.send({ type: 'send', body: 'hello?', clientId: 'c-9' });
    expect(await again.next((f) => f.type === 'error' && f.clientId === 'c-9')).toMatchObject({
      code: 'SUPPORT_CHAT_STATE_INVALID',
    });
  });

  test('an image goes customer → agent over the socket, is kept in history and read only through the chat', async () => {
    const carol = await signInTestCustomer(s, randomTestPhone());
    const uploadAs = async (token: string, url: string, shade: number) => {
      const answer = await s.app.inject({ method: 'POST', url, ...multipartPng(png(40, 30, shade), bearer(token)) });
      expect(answer.statusCode, answer.body).toBe(201);
      return answer.json().id as string;
    };
    const chat = (await call(carol.token, 'POST', '/v1/chats')).json();
    const customer = await connect(`/v1/chat?chatId=${chat.id}`, as(carol.token));
    // Someone else's upload is refused on the socket with the stable code; the socket stays open.
    const bobs = await uploadAs(bob.token, '/v1/uploads', 201);
    customer.send({ type: 'send', body: '', clientId: 'img-0', imageId: bobs });
    expect(await customer.next((f) => f.type === 'error' && f.clientId === 'img-0')).toMatchObject({
      code: 'SUPPORT_ATTACHMENT_NOT_FOUND',
    });
    // An empty body with no image is still refused.
    customer.send({ type: 'send', body: ' ', clientId: 'img-1' });
    expect(await customer.next((f) => f.type === 'error' && f.clientId === 'img-1')).toMatchObject({
      code: 'SUPPORT_CHAT_MESSAGE_INVALID',
    });
    const photo = await uploadAs(carol.token, '/v1/uploads', 202);
    customer.send({ type: 'send', body: '', clientId: 'img-2', imageId: photo });
    await customer.next((f) => f.type === 'ack' && f.clientId === 'img-2');
    // The resend after a lost ack is stored once and attaches nothing new.
    customer.send({ type: 'send', body: '', clientId: 'img-2', imageId: photo });
    await customer.next(
      (f) =>
        f.type === 'ack' &&
        f.clientId === 'img-2' &&
        f !== customer.frames.find((g) => g.type === 'ack' && g.clientId === 'img-2'),
    );

    expect((await call(agent.token, 'POST', `/v1/admin/chats/${chat.id}/take`)).statusCode).toBe(200);
    const desk = await connect(`/v1/admin/chat?chatId=${chat.id}`, as(agent.token));
    const got = await desk.next((f) => f.type === 'message' && (f.message as { image: unknown }).image !== null);
    const image = (got.message as { image: { kind: string; key: string; thumbnailKey: string } }).image;
    expect(image.kind).toBe('image');
    const agentPhoto = await uploadAs(agent.token, '/v1/admin/uploads', 203);
    desk.send({ type: 'send', body: '请看这里', clientId: 'a-img', imageId: agentPhoto });
    const back = await customer.next(
      (f) =>
        f.type === 'message' &&
        (f.message as { author: string }).author === 'agent' &&
        (f.message as { image: unknown }).image !== null,
    );
    expect(back.message).toMatchObject({ body: '请看这里', image: { kind: 'image' } });

    // History keeps both images, once each.
    const history = (await call(carol.token, 'GET', `/v1/chats/${chat.id}`)).json();
    const images = history.messages.filter((m: { image: unknown }) => m.image !== null);
    expect(images).toHaveLength(2);
    expect(
      (await call(agent.token, 'GET', `/v1/admin/chats/${chat.id}`))
        .json()
        .messages.filter((m: { image: unknown }) => m.image !== null),
    ).toHaveLength(2);

    // Read: the chat's customer and support staff; Bob gets 404, a marketing account 403.
    const thumb = await call(carol.token, 'GET', `/v1/chats/${chat.id}/files/${image.thumbnailKey}`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await call(agent.token, 'GET', `/v1/admin/chats/${chat.id}/files/${image.key}`)).statusCode).toBe(200);
    expect((await call(bob.token, 'GET', `/v1/chats/${chat.id}/files/${image.key}`)).statusCode).toBe(404);
    const marketing = await signInTestStaff(s, 'marketing');
    expect((await call(marketing.token, 'GET', `/v1/admin/chats/${chat.id}/files/${image.key}`)).statusCode).toBe(403);
    await call(agent.token, 'POST', `/v1/admin/chats/${chat.id}/end`);
  });

  test('garbage frames answer errors and the socket stays up; an oversize frame closes that socket only', async () => {
    const carol = await signInTestCustomer(s, randomTestPhone());
    const chat = (await call(carol.token, 'POST', '/v1/chats')).json();
    const client = await connect(`/v1/chat?chatId=${chat.id}`, as(carol.token));
    const garbage: unknown[] = [
      'not json',
      '{"type":',
      'null',
      '[1,2,3]',
      { type: 'send' },
      { type: 'send', body: 42, clientId: 'x' },
      { type: 'send', body: 'hi', clientId: 'bad id with spaces' },
      { type: 'read', upToSeq: -1 },
      { type: 'nope' },
    ];
    for (const g of garbage) client.send(g);
    client.ws.send(Buffer.from([0, 1, 2, 3]), { binary: true });
    await client.next(() => client.frames.filter((f) => f.type === 'error').length >= 10);
    expect(
      client.frames.filter((f) => f.type === 'error').every((f) => f.code === 'SUPPORT_CHAT_MESSAGE_INVALID'),
    ).toBe(true);
    // A message longer than the limit but inside a frame's size: refused by the rule, socket still open.
    const long = await connect(`/v1/chat?chatId=${chat.id}`, as(carol.token));
    long.send({ type: 'send', body: '长'.repeat(SupportLimits.chatMessageLengthMax + 1), clientId: 'long' });
    expect(await long.next((f) => f.type === 'error' && f.clientId === 'long')).toMatchObject({
      code: 'SUPPORT_CHAT_MESSAGE_INVALID',
    });
    long.ws.close();

    // Typing marks do not use up what a person may write: a dozen of them, then a message, is sent.
    const typist = await connect(`/v1/chat?chatId=${chat.id}`, as(carol.token));
    for (let i = 0; i < SupportLimits.chatMessagesBurst + 2; i += 1) typist.send({ type: 'typing' });
    typist.send({ type: 'send', body: '还在吗？', clientId: 'after-typing' });
    expect(await typist.next((f) => f.clientId === 'after-typing')).toMatchObject({ type: 'ack' });
    // Messages beyond the burst are refused, each naming its clientId (the test clock stands still).
    for (let i = 0; i < SupportLimits.chatMessagesBurst; i += 1) {
      typist.send({ type: 'send', body: `第 ${i} 条`, clientId: `burst-${i}` });
    }
    const last = `burst-${SupportLimits.chatMessagesBurst - 1}`;
    expect(await typist.next((f) => f.clientId === last)).toMatchObject({ code: 'SUPPORT_CHAT_RATE_LIMITED' });
    typist.ws.close();

    // Too many frames of any kind at once: refused until the frame bucket refills.
    const flood = await connect(`/v1/chat?chatId=${chat.id}`, as(carol.token));
    for (let i = 0; i < SupportLimits.chatFramesBurst + 3; i += 1) flood.send({ type: 'ping' });
    await flood.next((f) => f.type === 'error' && f.code === 'SUPPORT_CHAT_RATE_LIMITED');
    expect(flood.frames.filter((f) => f.type === 'pong')).toHaveLength(SupportLimits.chatFramesBurst);

    // A frame beyond the size bound closes that socket with 1009 (message too big) …
    client.send({ type: 'send', body: 'x'.repeat(SupportLimits.chatFrameBytesMax), clientId: 'huge' });
    expect((await client.closed).code).toBe(1009);
    // … and the server goes on serving: a new socket works.
    const after = await connect(`/v1/chat?chatId=${chat.id}`, as(carol.token));
    after.send({ type: 'ping' });
    await after.next((f) => f.type === 'pong');
    expect((await s.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  test('nobody answered: after the wait the customer leaves a ticket carrying what they wrote', async () => {
    const dave = await signInTestCustomer(s, randomTestPhone());
    const chat = (await call(dave.token, 'POST', '/v1/chats')).json();
    // A second open returns the same chat.
    expect((await call(dave.token, 'POST', '/v1/chats')).json().id).toBe(chat.id);
    const client = await connect(`/v1/chat?chatId=${chat.id}`, as(dave.token));
    client.send({ type: 'send', body: '手机屏幕碎了怎么办', clientId: 'd-1' });
    await client.next((f) => f.type === 'ack');
    const early = await call(dave.token, 'POST', `/v1/chats/${chat.id}/ticket`, { kind: 'fault', subject: '屏幕碎了' });
    expect(early.json()).toMatchObject({ code: 'SUPPORT_CHAT_TICKET_TOO_EARLY' });
    // The agent's desk keeps beating, so the offer comes from the 3-minute wait, not from nobody being online.
    s.clock.advance(90_000);
    await call(agent.token, 'POST', '/v1/admin/chats/presence/heartbeat');
    s.clock.advance(90_000);
    expect((await call(dave.token, 'GET', `/v1/chats/${chat.id}`)).json().agentsOnline).toBe(1);
    const current = (await call(dave.token, 'GET', '/v1/chats/current')).json();
    expect(current.chat).toMatchObject({ id: chat.id, canLeaveTicket: true });
    const left = await call(dave.token, 'POST', `/v1/chats/${chat.id}/ticket`, {
      kind: 'fault',
      subject: '屏幕碎了',
      note: '能换机吗？',
    });
    expect(left.statusCode).toBe(201);
    expect(left.json().chat).toMatchObject({ state: 'ended', endReason: 'left_ticket', canRate: false });
    const ticket = (await call(dave.token, 'GET', `/v1/tickets/${left.json().ticketId}`)).json();
    expect(ticket).toMatchObject({ kind: 'fault', subject: '屏幕碎了' });
    expect(ticket.messages[0].body).toBe('手机屏幕碎了怎么办\n能换机吗？');
    expect((await call(dave.token, 'GET', '/v1/chats/current')).json().chat).toBeNull();
  });

  test('the queued customer’s socket hears their place and the agents online change', async () => {
    const erin = await signInTestCustomer(s, randomTestPhone());
    const duty = await signInTestStaff(s, 'support');
    await call(duty.token, 'POST', '/v1/admin/chats/presence', { status: 'offline' });
    await call(agent.token, 'POST', '/v1/admin/chats/presence', { status: 'offline' });
    const chat = (await call(erin.token, 'POST', '/v1/chats')).json();
    const client = await connect(`/v1/chat?chatId=${chat.id}`, as(erin.token));
    type Standing = { agentsOnline: number; canLeaveTicket: boolean; queuePosition: number };
    const standing = (f: Frame) => f.chat as Standing;
    await client.next((f) => f.type === 'chat' && standing(f).agentsOnline === 0 && standing(f).canLeaveTicket);
    await call(duty.token, 'POST', '/v1/admin/chats/presence', { status: 'online' });
    const heard = await client.next((f) => f.type === 'chat' && standing(f).agentsOnline === 1);
    // Its place is its index in the desk's queue (longest waiting first), counted from 1.
    const queue = (await call(duty.token, 'GET', '/v1/admin/chats?state=queued')).json().data as { id: string }[];
    const place = queue.findIndex((c) => c.id === chat.id) + 1;
    expect(place).toBeGreaterThan(0);
    expect(standing(heard)).toMatchObject({ canLeaveTicket: false, queuePosition: place });
    await call(duty.token, 'POST', '/v1/admin/chats/presence', { status: 'away' });
    await client.next((f) => f.type === 'chat' && f !== heard && standing(f).agentsOnline === 0);
    await call(erin.token, 'POST', `/v1/chats/${chat.id}/end`);
  });

  test('a disabled agent’s open socket is closed (4403) and their chat goes back to the queue', async () => {
    const admin = await signInTestStaff(s, 'admin');
    const gone = await signInTestStaff(s, 'support');
    const frank = await signInTestCustomer(s, randomTestPhone());
    const chat = (await call(frank.token, 'POST', '/v1/chats')).json();
    await call(gone.token, 'POST', `/v1/admin/chats/${chat.id}/take`);
    const desk = await connect(`/v1/admin/chat?chatId=${chat.id}`, as(gone.token));
    const customer = await connect(`/v1/chat?chatId=${chat.id}`, as(frank.token));
    desk.send({ type: 'send', body: '您好', clientId: 'g-1' });
    await customer.message('您好');

    expect(
      (await call(admin.token, 'PATCH', `/v1/admin/staff/${gone.staffId}`, { status: 'disabled' })).statusCode,
    ).toBe(200);
    // The hub looks every few seconds: the socket closes without waiting for the event's delivery.
    const closed = await Promise.race([
      desk.closed,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('socket still open')), 10_000)),
    ]);
    expect(closed).toEqual({ code: 4403, reason: 'access revoked' });
    // Reconnecting is refused: identity checks the staff member on every request.
    await expect(connect(`/v1/admin/chat?chatId=${chat.id}`, as(gone.token))).rejects.toThrow('HTTP 401');
    // The event reaches support: the customer's socket hears the chat queued again.
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    await customer.next((f) => f.type === 'chat' && (f.chat as { state: string }).state === 'queued');
    await customer.next((f) => f.type === 'message' && (f.message as { body: string }).body === 'returned');
  });
});
