// Staff sign-in, staff and roles, customers and the audit log.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api, problemError } from './api';
import { saveSession, useSession } from './session';

export type Staff = components['schemas']['IdentityStaff'];
export type Role = Staff['role'];
export type Customer = components['schemas']['IdentityCustomer'];
export type AuditQuery = NonNullable<paths['/v1/admin/audit-log']['get']['parameters']['query']>;
export type AuditEntry = Awaited<ReturnType<typeof fetchAuditPage>>['data'][number];
export type CreateStaffBody = paths['/v1/admin/staff']['post']['requestBody']['content']['application/json'];

export const staffMeKey = ['staff', 'me'] as const;

/** The signed-in staff member and their permissions; disabled while signed out. */
export function useStaffMe() {
  const session = useSession();
  return useQuery({
    queryKey: staffMeKey,
    enabled: session !== null,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/staff/me');
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

/** A permission a staff role may have (the API's list, so a misspelt one does not compile). */
export type StaffPermission = NonNullable<ReturnType<typeof useStaffMe>['data']>['permissions'][number];

/** Whether the signed-in staff member's role has a permission (false while loading). */
export function useCan(permission: string | undefined): boolean {
  const me = useStaffMe();
  if (permission === undefined) return true;
  return (me.data?.permissions as readonly string[] | undefined)?.includes(permission) ?? false;
}

export function useStaffLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string; totp: string }) => {
      const { data, error, response } = await api.POST('/v1/staff/login', { body });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: (data) => {
      queryClient.clear();
      saveSession(data);
    },
  });
}

const PAGE_SIZE = 20;

export function useStaffList(role: Role | undefined) {
  return useInfiniteQuery({
    queryKey: ['admin', 'staff', role ?? 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const query = { limit: PAGE_SIZE, ...(role ? { role } : {}), ...(pageParam ? { cursor: pageParam } : {}) };
      const { data, error, response } = await api.GET('/v1/admin/staff', { params: { query } });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRoles() {
  return useQuery({
    queryKey: ['admin', 'roles'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/admin/roles');
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateStaffBody) => {
      const { data, error, response } = await api.POST('/v1/admin/staff', { body });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'staff'] }),
  });
}

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; role?: Role; status?: 'active' | 'disabled' }) => {
      const { data, error, response } = await api.PATCH('/v1/admin/staff/{id}', { params: { path: { id } }, body });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'staff'] }),
  });
}

export function useCustomerSearch(search: { phone?: string; q?: string }, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    enabled: options.enabled ?? true,
    queryKey: ['admin', 'customers', search],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const query = { limit: PAGE_SIZE, ...search, ...(pageParam ? { cursor: pageParam } : {}) };
      const { data, error, response } = await api.GET('/v1/admin/customers', { params: { query } });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRevealCustomer() {
  return useMutation({
    mutationFn: async ({ id, reason }: { id: string; reason: string }) => {
      const { data, error, response } = await api.POST('/v1/admin/customers/{id}/reveal', {
        params: { path: { id } },
        body: { reason },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

async function fetchAuditPage(query: AuditQuery) {
  const { data, error, response } = await api.GET('/v1/admin/audit-log', { params: { query } });
  if (data === undefined) throw problemError(error, response);
  return data;
}

export function useAuditLog(filters: Omit<AuditQuery, 'limit' | 'cursor'>) {
  return useInfiniteQuery({
    queryKey: ['admin', 'audit-log', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchAuditPage({ limit: 50, ...filters, ...(pageParam ? { cursor: pageParam } : {}) }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
