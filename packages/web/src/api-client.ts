// The API client of a web app: same origin, bearer token from the app's session, one shared token
// refresh for all the requests that failed together, Idempotency-Keys on every POST, and failed
// calls as ProblemErrors carrying the server's RFC 9457 problem document.
import { createZulinClient, type ProblemDocument, type ZulinClient } from '@zulin/sdk';
import type { SessionStore } from './session';

/** A failed API call, carrying the server's RFC 9457 problem document. */
export class ProblemError extends Error {
  readonly problem: ProblemDocument;

  constructor(problem: ProblemDocument) {
    super(problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }
}

function isProblem(value: unknown): value is ProblemDocument {
  return typeof value === 'object' && value !== null && typeof (value as { title?: unknown }).title === 'string';
}

/** Turns the error half of an API answer into a ProblemError, even when the body is not a problem. */
export function problemError(error: unknown, response: Response): ProblemError {
  if (isProblem(error)) return new ProblemError(error);
  return new ProblemError({
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: 'HTTP_ERROR',
  });
}

/** The stable code of a failed call, or undefined for a network failure. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof ProblemError ? error.problem.code : undefined;
}

export interface AppApi {
  /** The one API client of the app. */
  api: ZulinClient;
  /** Ends the session on the server (best effort) and forgets it here. */
  logout(): Promise<void>;
}

export function createAppApi(session: SessionStore): AppApi {
  /** Refresh and logout go through a client without the retry below, so a failing refresh cannot loop. */
  const plainApi = createZulinClient();
  let refreshing: Promise<string | null> | null = null;

  /**
   * Exchanges the refresh token for a new pair, once for all the requests that failed together and
   * once for all the app's tabs: refresh tokens rotate, so two refreshes would spend the same token
   * twice. The tabs take turns under a Web Lock; a tab that gets the lock after another tab has
   * refreshed finds a newer token in storage and uses it without asking the server. (Where the
   * browser has no Web Locks, the server's 10-second grace for a repeated token covers the race.)
   * A failed refresh signs the person out.
   */
  const refreshAccessToken = (usedAccessToken: string | undefined): Promise<string | null> => {
    refreshing ??= oneTabAtATime(session.name, async () => {
      const tokens = session.reloadSession();
      if (!tokens) return null;
      if (usedAccessToken !== undefined && tokens.accessToken !== usedAccessToken) return tokens.accessToken;
      const { data } = await plainApi.POST('/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } });
      if (!data) {
        // Another tab may have signed in again meanwhile: keep its session.
        if (session.reloadSession()?.refreshToken === tokens.refreshToken) session.clearSession();
        return null;
      }
      session.saveSession(data);
      return data.accessToken;
    }).finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  /** Sends the request; on a 401 to a request that carried a token, refreshes once and retries once. */
  const fetchWithRefresh = async (request: Request): Promise<Response> => {
    const retry = request.headers.has('authorization') ? request.clone() : null;
    const response = await fetch(request);
    if (response.status !== 401 || retry === null) return response;
    const used = retry.headers.get('authorization')?.replace(/^Bearer /, '');
    const accessToken = await refreshAccessToken(used);
    if (accessToken === null) return response;
    retry.headers.set('authorization', `Bearer ${accessToken}`);
    return fetch(retry);
  };

  const api = createZulinClient({
    getToken: () => session.getSession()?.accessToken,
    fetch: (input) => fetchWithRefresh(input as Request),
    // Every POST carries an Idempotency-Key, reused when the same request is sent again after its
    // answer was lost: tapping "pay" again after a dropped connection never pays twice.
    idempotencyKeys: true,
  });

  return {
    api,
    async logout() {
      const tokens = session.getSession();
      session.clearSession();
      if (tokens) {
        await plainApi.POST('/v1/auth/logout', { body: { refreshToken: tokens.refreshToken } }).catch(() => {});
      }
    },
  };
}

/** Runs `task` while holding the named Web Lock, shared by every tab of the origin (or directly, without Web Locks). */
function oneTabAtATime<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks === undefined ? task() : (locks.request(`${name}.refresh`, task) as Promise<T>);
}
