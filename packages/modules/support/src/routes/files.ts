// The images on tickets and chats, read through the ticket or chat that holds them: the customer
// through their own (another customer's answers 404, like the ticket itself), staff with
// `support.read`. A content key alone opens nothing: the holder must carry it on a message the
// reader may see (a customer never reads a file of an internal note).
import { customerIdOf } from '@zulin/identity';
import type { RoutesPlugin } from '@zulin/platform';
import { chatHoldsFile, loadChat } from '../chats';
import { SupportErrors } from '../errors';
import { loadTicket, ticketHoldsFile } from '../ticket-store';
import { BinaryResponse, FileParams, sendBlob } from '../uploads/send-blob';
import type { BlobStore } from '../uploads/storage';

const tags = ['support'];

export function supportFileRoutes(store: BlobStore): RoutesPlugin {
  return async (app, { ctx }) => {
    const db = () => ctx.database.db;
    const send = async (held: boolean, key: string, reply: Parameters<typeof sendBlob>[2]) => {
      const sent = held ? await sendBlob(store, key, reply) : null;
      if (sent === null) throw SupportErrors.SUPPORT_FILE_NOT_FOUND();
      return sent;
    };

    app.get(
      '/v1/tickets/:id/files/:key',
      {
        config: { auth: 'customer' },
        schema: {
          tags,
          summary: 'An image (or its thumbnail) on one of my tickets',
          params: FileParams,
          response: { 200: BinaryResponse },
        },
      },
      async (request, reply) => {
        const { id, key } = request.params;
        await loadTicket(db(), id, { customerId: customerIdOf(request) });
        return send(await ticketHoldsFile(db(), id, key, { withInternal: false }), key, reply);
      },
    );

    app.get(
      '/v1/admin/tickets/:id/files/:key',
      {
        config: { auth: { permission: 'support.read' } },
        schema: {
          tags,
          summary: 'An image (or its thumbnail) on a ticket, internal notes included',
          params: FileParams,
          response: { 200: BinaryResponse },
        },
      },
      async (request, reply) => {
        const { id, key } = request.params;
        await loadTicket(db(), id);
        return send(await ticketHoldsFile(db(), id, key, { withInternal: true }), key, reply);
      },
    );

    app.get(
      '/v1/chats/:id/files/:key',
      {
        config: { auth: 'customer' },
        schema: {
          tags,
          summary: 'An image (or its thumbnail) in one of my chats',
          params: FileParams,
          response: { 200: BinaryResponse },
        },
      },
      async (request, reply) => {
        const { id, key } = request.params;
        await loadChat(db(), id, { customerId: customerIdOf(request) });
        return send(await chatHoldsFile(db(), id, key), key, reply);
      },
    );

    app.get(
      '/v1/admin/chats/:id/files/:key',
      {
        config: { auth: { permission: 'support.read' } },
        schema: {
          tags,
          summary: 'An image (or its thumbnail) in a chat',
          params: FileParams,
          response: { 200: BinaryResponse },
        },
      },
      async (request, reply) => {
        const { id, key } = request.params;
        await loadChat(db(), id);
        return send(await chatHoldsFile(db(), id, key), key, reply);
      },
    );
  };
}
