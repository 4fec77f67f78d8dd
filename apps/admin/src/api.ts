import { useQuery } from '@tanstack/react-query';
import type { paths } from '@zulin/sdk';
import { clockOffsetMs, createAppApi, problemError, useServerNow as useServerNowOf } from '@zulin/web';
import { sessionStore } from './session';

export { errorCode, ProblemError, problemError } from '@zulin/web';

/** The one API client of the app (same origin; token refresh and Idempotency-Keys: @zulin/web). */
export const { api, logout } = createAppApi(sessionStore);

export type SystemStatus = Awaited<ReturnType<typeof fetchSystemStatus>>;

/** The service's status, and how far the server's clock is from this browser's (`clockOffsetMs`). */
export async function fetchSystemStatus() {
  const sentAt = Date.now();
  const { data, error, response } = await api.GET('/v1/system/status');
  if (data === undefined) throw problemError(error, response);
  return { ...data, clockOffsetMs: clockOffsetMs(data.now, sentAt, Date.now()) };
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

/**
 * The server's time now, in milliseconds: what SLAs, lock ends and due work (server instants) are
 * compared with, never the browser's own clock (the sandbox's may be days ahead). The browser's clock
 * until the status is read.
 */
export function useServerNow(): () => number {
  return useServerNowOf(useSystemStatus().data?.clockOffsetMs);
}

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
