import { useQuery } from '@tanstack/react-query';
import { clockOffsetMs, createAppApi, problemError, useServerNow as useServerNowOf } from '@zulin/web';
import { sessionStore } from './session';

export { errorCode, ProblemError, problemError } from '@zulin/web';

/** The one API client of the app (same origin; token refresh and Idempotency-Keys: @zulin/web). */
export const { api, logout } = createAppApi(sessionStore);

export type SystemStatus = NonNullable<Awaited<ReturnType<typeof fetchSystemStatus>>>;

/**
 * The service's status, and how far the server's clock is from this device's (`clockOffsetMs`: the
 * server's `now` minus the device's time halfway through the request). A phone's clock may be wrong,
 * and in sandbox mode the server's test clock may be days ahead of any phone.
 */
export async function fetchSystemStatus() {
  const sentAt = Date.now();
  const { data, error, response } = await api.GET('/v1/system/status');
  if (data === undefined) throw problemError(error, response);
  return { ...data, clockOffsetMs: clockOffsetMs(data.now, sentAt, Date.now()) };
}

export function useSystemStatus() {
  return useQuery({ queryKey: ['system', 'status'], queryFn: fetchSystemStatus, staleTime: 30_000 });
}

/**
 * The server's time now, in milliseconds: what deadlines and quotes' `validUntil` (server instants)
 * are compared with, never the phone's own clock. The device's clock until the status is read.
 */
export function useServerNow(): () => number {
  return useServerNowOf(useSystemStatus().data?.clockOffsetMs);
}
