// The typed Zulin API client, shared by both web apps, the tests and the benchmarks.
// `schema.d.ts` is generated from the server's OpenAPI document by `npm run sdk:generate`.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type ProblemDocument = components['schemas']['Problem'];

export interface ZulinClientOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:3000`; empty for the page's own origin. */
  baseUrl?: string;
  /** Returns the current bearer token, if any; called for every request. */
  getToken?: () => string | undefined;
  /** Replaces the global fetch (tests, benchmarks). */
  fetch?: typeof fetch;
  /**
   * Sends an `Idempotency-Key` with every POST: the same key again for the same request (same path
   * and body) while its outcome is unknown (the network failed before an answer), a new one once the
   * server has answered. A customer who taps "pay" again after a dropped connection cannot pay twice.
   */
  idempotencyKeys?: boolean;
}

/** Intents whose answer never arrived: request fingerprint → the key they were sent with. */
const maxUnansweredIntents = 100;

export function idempotencyMiddleware(newKey: () => string = () => crypto.randomUUID()): Middleware {
  const unanswered = new Map<string, string>();
  const fingerprints = new WeakMap<Request, string>();
  return {
    async onRequest({ request }) {
      if (request.method !== 'POST' || request.headers.has('idempotency-key')) return request;
      const fingerprint = `${request.url}\n${await request.clone().text()}`;
      let key = unanswered.get(fingerprint);
      if (key === undefined) {
        key = newKey();
        if (unanswered.size >= maxUnansweredIntents) {
          const oldest = unanswered.keys().next().value;
          if (oldest !== undefined) unanswered.delete(oldest);
        }
        unanswered.set(fingerprint, key);
      }
      request.headers.set('idempotency-key', key);
      fingerprints.set(request, fingerprint);
      return request;
    },
    onResponse({ request, response }) {
      const fingerprint = fingerprints.get(request);
      if (fingerprint !== undefined) unanswered.delete(fingerprint);
      return response;
    },
  };
}

export function createZulinClient(options: ZulinClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { getToken } = options;
  if (getToken) {
    const auth: Middleware = {
      onRequest({ request }) {
        const token = getToken();
        if (token) request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    };
    client.use(auth);
  }
  if (options.idempotencyKeys) client.use(idempotencyMiddleware());
  return client;
}

export type ZulinClient = ReturnType<typeof createZulinClient>;
