import { useQuery } from '@tanstack/react-query';
import { createAppApi, problemError } from '@zulin/web';
import { sessionStore } from './session';

export { errorCode, ProblemError, problemError } from '@zulin/web';

/** The one API client of the app (same origin; token refresh and Idempotency-Keys: @zulin/web). */
export const { api, logout } = createAppApi(sessionStore);

export type SystemStatus = NonNullable<Awaited<ReturnType<typeof fetchSystemStatus>>>;

export async function fetchSystemStatus() {
  const { data, error, response } = await api.GET('/v1/system/status');
  if (data === undefined) throw problemError(error, response);
  return data;
}

export function useSystemStatus() {
  return useQuery({ queryKey: ['system', 'status'], queryFn: fetchSystemStatus, staleTime: 30_000 });
}
