import { useQuery } from '@tanstack/react-query';
import { createZulinClient, type ProblemDocument } from '@zulin/sdk';
import { readStorage } from './storage';

/** Where the customer's access token will be kept once sign-in exists. */
export const TOKEN_STORAGE_KEY = 'zulin.h5.token';

/** The one API client of the app; same origin, so the server that serves the page answers. */
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

export type SystemStatus = NonNullable<Awaited<ReturnType<typeof fetchSystemStatus>>>;

export async function fetchSystemStatus() {
  const { data, error, response } = await api.GET('/v1/system/status');
  if (data === undefined) throw problemError(error, response);
  return data;
}

export function useSystemStatus() {
  return useQuery({ queryKey: ['system', 'status'], queryFn: fetchSystemStatus, staleTime: 30_000 });
}
