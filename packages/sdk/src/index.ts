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
  return client;
}

export type ZulinClient = ReturnType<typeof createZulinClient>;
