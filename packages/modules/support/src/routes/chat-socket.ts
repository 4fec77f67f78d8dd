// The chat sockets: `GET /v1/chat?chatId=&afterSeq=` for the customer and `GET /v1/admin/chat?…` for
// the agent, upgraded to a WebSocket once the route's guard has accepted the access token (offered
// as the subprotocol `bearer.<token>`, never in the URL) and the chat is the caller's to see. The
// socket then resumes: every message after `afterSeq` follows, then new ones as they come.
import websocket from '@fastify/websocket';
import { customerIdOf, staffOf } from '@zulin/identity';
import type { RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import type { ChatHub } from '../chat-hub';
import { attachChatSocket } from '../chat-socket';
import { loadChat } from '../chats';
import type { SupportDeps } from '../deps';
import { SupportLimits } from '../limits';
import { uploadOwnerIndex } from '../uploads/upload-records';

/** The subprotocol the server answers with; the client offers it beside `bearer.<token>`. */
export const chatProtocol = 'zulin.chat.v1';

const SocketQuery = Type.Object(
  {
    chatId: Type.String({ minLength: 1, maxLength: 64 }),
    afterSeq: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);

export const chatSocketRoutes = (hub: ChatHub): RoutesPlugin =>
  async function chatSockets(app, { ctx }) {
    const deps: SupportDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone };
    await app.register(websocket, {
      options: {
        maxPayload: SupportLimits.chatFrameBytesMax,
        handleProtocols: (protocols) => (protocols.has(chatProtocol) ? chatProtocol : false),
      },
    });
    app.addHook('onClose', async () => hub.close());
    // An upgrade refused over HTTP (no token, not your chat) leaves a raw socket that no HTTP server
    // manages any more: close it once the answer went out, or it stays open until the client leaves.
    app.addHook('onResponse', async (request, reply) => {
      if (request.headers.upgrade !== undefined && reply.statusCode >= 400) request.raw.socket?.destroy();
    });

    app.get(
      '/v1/chat',
      {
        websocket: true,
        config: { auth: 'customer' },
        schema: { querystring: SocketQuery },
        // Before the upgrade: another customer's chat is "not found", answered over HTTP.
        preHandler: async (request) => {
          await loadChat(ctx.database.db, request.query.chatId, { customerId: customerIdOf(request) });
        },
      },
      (socket, request) =>
        attachChatSocket(socket, {
          database: ctx.database,
          deps,
          hub,
          logger: request.log,
          chatId: request.query.chatId,
          afterSeq: request.query.afterSeq ?? 0,
          who: { side: 'customer', customerId: customerIdOf(request) },
          uploadOwnerIndex: uploadOwnerIndex(ctx.config.masterKey, { customerId: customerIdOf(request) }),
        }),
    );

    app.get(
      '/v1/admin/chat',
      {
        websocket: true,
        config: { auth: { permission: 'support.handle' } },
        schema: { querystring: SocketQuery },
        preHandler: async (request) => {
          await loadChat(ctx.database.db, request.query.chatId);
        },
      },
      (socket, request) =>
        attachChatSocket(socket, {
          database: ctx.database,
          deps,
          hub,
          logger: request.log,
          chatId: request.query.chatId,
          afterSeq: request.query.afterSeq ?? 0,
          who: { side: 'agent', staff: staffOf(request) },
          uploadOwnerIndex: uploadOwnerIndex(ctx.config.masterKey, { staffId: staffOf(request).staffId }),
        }),
    );
  };
