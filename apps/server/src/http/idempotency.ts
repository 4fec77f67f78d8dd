// `Idempotency-Key` on POST: the first response is stored and replayed for the same key and the
// same request; another request under the same key, or one sent while the first still runs,
// answers 409. Responses of 5xx are not kept, so the client may retry them.
import { createHash } from 'node:crypto';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  type Executor,
  idempotencyKeyPattern,
  releaseIdempotencyKey,
} from '@zulin/db';
import { type Clock, KernelErrors } from '@zulin/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
    /** Who is calling, once authentication has run: `cus_…`, `stf_…`, `ptn_…`. */
    principalId?: string;
  }
}

export function requestHash(request: FastifyRequest): string {
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  return createHash('sha256').update(`${request.method}\n${request.url}\n${body}`).digest('hex');
}

export function registerIdempotency(app: FastifyInstance, db: Executor, clock: Clock): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    // Responses that carry secrets or clear personal data (tokens, a PII reveal) are never stored.
    if (request.routeOptions.config?.sensitiveResponse) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined || !idempotencyKeyPattern.test(key)) {
      throw KernelErrors.VALIDATION_FAILED({
        detail: 'Idempotency-Key must be 1–255 visible ASCII characters.',
        errors: [{ path: '/headers/idempotency-key', message: 'must be 1–255 visible ASCII characters' }],
      });
    }
    // Without a signed-in principal, keys are kept apart per client address.
    const scope = request.principalId ?? `ip:${request.ip}`;
    const outcome = await claimIdempotencyKey(db, { scope, key, requestHash: requestHash(request), now: clock.now() });
    if (outcome.kind === 'claimed') {
      request.idempotency = { scope, key };
      return;
    }
    reply.header('idempotent-replayed', 'true');
    if (outcome.contentType) reply.type(outcome.contentType);
    return reply.status(outcome.status).send(outcome.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = undefined;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await releaseIdempotencyKey(db, claim.scope, claim.key);
      return payload;
    }
    const contentType = reply.getHeader('content-type');
    await completeIdempotencyKey(db, claim.scope, claim.key, {
      status: reply.statusCode,
      body: payload,
      contentType: typeof contentType === 'string' ? contentType : null,
    });
    return payload;
  });
}
