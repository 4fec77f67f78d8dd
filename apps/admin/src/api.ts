import { useQuery } from '@tanstack/react-query';
import { createZulinClient, type ProblemDocument, type paths } from '@zulin/sdk';
import { readStorage } from './storage';

/** Where the staff access token will be kept once staff sign-in exists. */
export const TOKEN_STORAGE_KEY = 'zulin.admin.token';

/** The one API client of the console; same origin, so the server that serves the page answers. */
export const api = createZulinClient({
  getToken: () => readStorage(TOKEN_STORAGE_KEY),
});

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

export type SystemStatus = Awaited<ReturnType<typeof fetchSystemStatus>>;

export async function fetchSystemStatus() {
  const { data, error, response } = await api.GET('/v1/system/status');
  if (data === undefined) throw problemError(error, response);
  return data;
}

type ReadyzResponses = paths['/readyz']['get']['responses'];
export type Readiness =
  | ReadyzResponses[200]['content']['application/json']
  | ReadyzResponses[503]['content']['application/json'];

/** `GET /readyz` (an operations probe outside `/v1`). A 503 with a `not_ready` body is an answer, not a failure. */
export async function fetchReadiness(): Promise<Readiness> {
  const { data, error, response } = await api.GET('/readyz');
  if (data !== undefined) return data;
  if (error?.status === 'not_ready') return error;
  throw problemError(error, response);
}

const REFRESH_INTERVAL_MS = 15_000;

export function useSystemStatus(options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ['system', 'status'],
    queryFn: fetchSystemStatus,
    refetchInterval: options.live ? REFRESH_INTERVAL_MS : false,
  });
}

export function useReadiness(options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ['system', 'readiness'],
    queryFn: fetchReadiness,
    refetchInterval: options.live ? REFRESH_INTERVAL_MS : false,
  });
}
