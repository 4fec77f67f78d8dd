// `POST /v1/webhooks/{channel}`: verify the provider's signature over the raw body, store the
// message in the inbox, answer at once. The worker applies it later, once.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { receiveInbound } from '@zulin/db';
import { KernelErrors, Limits } from '@zulin/kernel';
import { Type } from 'typebox';
import type { AppContext, WebhookVerifier, ZulinApp } from '../context';

export async function registerWebhooks(
  app: ZulinApp,
  ctx: AppContext,
  verifiers: Record<string, WebhookVerifier>,
): Promise<void> {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    // Signatures are over the exact bytes received, so the body is kept raw here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: Limits.bodyLimitBytes }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/v1/webhooks/:channel',
      {
        // Anyone may call it: the channel's signature over the body is the authentication.
        config: { auth: 'public' },
        schema: {
          tags: ['webhooks'],
          summary: 'Receive a signed notification from a payment channel, carrier or partner',
          params: Type.Object({ channel: Type.String({ pattern: '^[a-z0-9_-]{1,32}$' }) }),
        },
      },
      async (request, reply) => {
        const { channel } = request.params;
        const verifier = Object.hasOwn(verifiers, channel) ? verifiers[channel] : undefined;
        if (!verifier) throw KernelErrors.NOT_FOUND({ detail: `Unknown webhook channel "${channel}".` });
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const now = ctx.clock.now();
        const { eventId, eventType } = await verifier.verify({ rawBody, headers: request.headers, now });
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string' && name !== 'authorization' && name !== 'cookie') headers[name] = value;
        }
        const { duplicate } = await receiveInbound(ctx.database.db, now, {
          provider: channel,
          providerEventId: eventId,
          eventType,
          headers,
          body: rawBody.toString('utf8'),
        });
        request.log.info({ channel, eventId, duplicate }, 'webhook received');
        const ack = verifier.acknowledge?.() ?? { status: 200, body: { received: true, duplicate } };
        if (ack.contentType) reply.type(ack.contentType);
        return reply.status(ack.status).send(ack.body);
      },
    );
  });
}
