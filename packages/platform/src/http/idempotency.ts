// `Idempotency-Key` on POST: the first response is stored and replayed for the same key and the
// same request; another request under the same key, or one sent while the first still runs,
// answers 409. Responses of 5xx are not kept, so the client may retry them.
//
// A command records its answer in its own transaction (`command.ts` calls `recordAnswer`), so a
// committed command always has its answer and a rolled-back one never does: a crash between the
// two cannot leave a command done but its key "in progress", which a retry would run again. The
// `onSend` hook below stores only what no transaction recorded: refusals (nothing happened) and
// answers of routes that declare they change nothing (`config.effects: 'none'`). Anything else
// is a route that moved data outside `command`: it is stored all the same, logged as an error
// and counted (`zulin_idempotency_outside_transaction_total`), and the route walker fails on it.
import { createHash, randomUUID } from 'node:crypto';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  type Executor,
  idempotencyKeyPattern,
  releaseIdempotencyKey,
} from '@zulin/db';
import { type Clock, KernelErrors } from '@zulin/kernel';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';

export interface IdempotencyClaimState {
  scope: string;
  key: string;
  token: string;
  /** Set once the answer was written in the command's transaction. */
  recorded: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: IdempotencyClaimState;
    /** Who is calling, once authentication has run: `cus_…`, `stf_…`, `ptn_…`. */
    principalId?: string;
  }
  interface FastifyContextConfig {
    /**
     * The response carries secrets or clear personal data (tokens, a PII reveal, an authenticator
     * secret): it is never stored for Idempotency-Key replay, so the key has no effect here.
     */
    sensitiveResponse?: boolean;
    /** `'none'`: a POST that computes and changes nothing (a quote, a search), answered outside `command`. */
    effects?: 'none';
  }
}

export function requestHash(request: FastifyRequest): string {
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  return createHash('sha256').update(`${request.method}\n${request.url}\n${body}`).digest('hex');
}

/**
 * Writes the answer of `request`'s claimed key in `tx`, the command's transaction. Throws (and so
 * rolls the command back) when the claim was taken over meanwhile.
 */
export async function recordAnswer(
  tx: Executor,
  request: FastifyRequest,
  answer: { status: number; body: string; contentType: string },
): Promise<void> {
  const claim = request.idempotency;
  if (!claim) return;
  const completed = await completeIdempotencyKey(tx, claim, answer);
  if (!completed) {
    throw KernelErrors.IDEMPOTENCY_REQUEST_IN_PROGRESS({
      detail: 'This request took too long and was taken over by a retry with the same Idempotency-Key.',
      headers: { 'retry-after': '1' },
    });
  }
}

/** Marks the answer recorded once the command's transaction has committed (not before: it may retry). */
export function answerCommitted(request: FastifyRequest): void {
  if (request.idempotency) request.idempotency.recorded = true;
}

export function registerIdempotency(app: FastifyInstance, db: Executor, clock: Clock, registry: Registry): void {
  const outside = new Counter({
    name: 'zulin_idempotency_outside_transaction_total',
    help: 'Successful POSTs with an Idempotency-Key whose answer was stored after their transaction (a route bug)',
    labelNames: ['route'] as const,
    registers: [registry],
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
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
    const token = randomUUID();
    const outcome = await claimIdempotencyKey(db, {
      scope,
      key,
      requestHash: requestHash(request),
      token,
      now: clock.now(),
    });
    if (outcome.kind === 'claimed') {
      request.idempotency = { scope, key, token, recorded: false };
      return;
    }
    reply.header('idempotent-replayed', 'true');
    if (outcome.contentType) reply.type(outcome.contentType);
    return reply.status(outcome.status).send(outcome.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim || claim.recorded) return payload;
    request.idempotency = undefined;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await releaseIdempotencyKey(db, claim);
      return payload;
    }
    if (reply.statusCode < 400 && request.routeOptions.config?.effects !== 'none') {
      const route = request.routeOptions.url ?? 'unmatched';
      outside.inc({ route });
      request.log.error({ route }, 'a POST answered outside its command transaction: use command() in the route');
    }
    await completeIdempotencyKey(db, claim, {
      status: reply.statusCode,
      body: payload,
      contentType: contentTypeOf(reply),
    });
    return payload;
  });
}

function contentTypeOf(reply: FastifyReply): string | null {
  const contentType = reply.getHeader('content-type');
  return typeof contentType === 'string' ? contentType : null;
}
