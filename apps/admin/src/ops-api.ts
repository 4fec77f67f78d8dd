// The operations pages' data: outbox deliveries (and retrying a dead one), inbox messages, and the
// ticks and sweeps with their last and next runs.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap, useCursorPages } from './ledger-api';

export type OpsDelivery = components['schemas']['OpsDelivery'];
export type OpsInboxMessage = components['schemas']['OpsInboxMessage'];
export type OpsScheduledWork = components['schemas']['OpsScheduledWork'];
export type DeliveryStatus = OpsDelivery['status'];
export type InboxStatus = OpsInboxMessage['status'];
export type RunStatus = NonNullable<OpsScheduledWork['lastRun']>['status'];
export type DeliveryQuery = NonNullable<paths['/v1/admin/ops/deliveries']['get']['parameters']['query']>;
export type InboxQuery = NonNullable<paths['/v1/admin/ops/inbox']['get']['parameters']['query']>;

const PAGE_SIZE = 50;
const cursorQuery = (cursor: string | undefined) => (cursor ? { cursor } : {});

export function useDeliveries(filters: Omit<DeliveryQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: ['admin', 'ops', 'deliveries', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/ops/deliveries', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...cursorQuery(cursor) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { eventId: string; subscriber: string }) =>
      unwrap(api.POST('/v1/admin/ops/deliveries/retry', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'ops'] }),
  });
}

export function useInboxMessages(filters: Omit<InboxQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: ['admin', 'ops', 'inbox', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/ops/inbox', { params: { query: { limit: PAGE_SIZE, ...filters, ...cursorQuery(cursor) } } }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useSchedule() {
  return useCursorPages({
    queryKey: ['admin', 'ops', 'schedule'],
    fetchPage: (cursor) =>
      unwrap(api.GET('/v1/admin/ops/schedule', { params: { query: { limit: PAGE_SIZE, ...cursorQuery(cursor) } } })),
    nextCursor: (page) => page.nextCursor,
  });
}

export type Dashboard = components['schemas']['Dashboard'];
export type DashboardFigure = Dashboard['figures'][number];

/** The overview's figures the signed-in staff member may see, refreshed every minute. */
export function useDashboard() {
  return useQuery({
    queryKey: ['admin', 'dashboard'],
    queryFn: () => unwrap(api.GET('/v1/staff/dashboard')),
    refetchInterval: 60_000,
  });
}
