import { useQuery } from '@tanstack/react-query';
import { createZulinClient, type ProblemDocument } from '@zulin/sdk';
import { clearSession, getSession, saveSession } from './session';

/** Refresh and logout go through a client without the retry below, so a failing refresh cannot loop. */
const plainApi = createZulinClient();

let refreshing: Promise<string | null> | null = null;

/**
 * Exchanges the refresh token for a new pair, once for all the requests that failed together:
 * refresh tokens rotate, so two parallel refreshes would spend the same token twice and the
 * server would then revoke the whole session.
 */
function refreshAccessToken(): Promise<string | null> {
  refreshing ??= (async () => {
    const session = getSession();
    if (!session) return null;
    const { data } = await plainApi.POST('/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    if (!data) {
      clearSession();
      return null;
    }
    saveSession(data);
    return data.accessToken;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Sends the request; on a 401 to a request that carried a token, refreshes once and retries once. */
async function fetchWithRefresh(request: Request): Promise<Response> {
  const sentToken = request.headers.has('authorization');
  const retry = sentToken ? request.clone() : null;
  const response = await fetch(request);
  if (response.status !== 401 || retry === null) return response;
  const accessToken = await refreshAccessToken();
  if (accessToken === null) return response;
  retry.headers.set('authorization', `Bearer ${accessToken}`);
  return fetch(retry);
}

/** The one API client of the app; same origin, so the server that serves the page answers. */
export const api = createZulinClient({
  getToken: () => getSession()?.accessToken,
  fetch: (input) => fetchWithRefresh(input as Request),
  // Every POST carries an Idempotency-Key, reused when the same request is sent again after its
  // answer was lost: tapping "pay" again after a dropped connection never pays twice.
  idempotencyKeys: true,
});

/** Ends the session on the server (best effort) and forgets it here. */
export async function logout(): Promise<void> {
  const session = getSession();
  clearSession();
  if (session) await plainApi.POST('/v1/auth/logout', { body: { refreshToken: session.refreshToken } }).catch(() => {});
}

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

/** Turns the error half of an openapi-fetch result into a ProblemError, even when the body is not a problem. */
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

export type SystemStatus = NonNullable<Awaited<ReturnType<typeof fetchSystemStatus>>>;

export async function fetchSystemStatus() {
  const { data, error, response } = await api.GET('/v1/system/status');
  if (data === undefined) throw problemError(error, response);
  return data;
}

export function useSystemStatus() {
  return useQuery({ queryKey: ['system', 'status'], queryFn: fetchSystemStatus, staleTime: 30_000 });
}
