// The rental order pages' data: orders (paged, with filters), one order's page, cancelling it, and the
// rental timers (docs/rental.md).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { useObjectUrl } from './hooks';
import { unwrap, useCursorPages } from './ledger-api';

export type RentalOrder = components['schemas']['RentalOrder'];
export type OrderState = RentalOrder['status'];
export type OrderAction = RentalOrder['timeline'][number]['action'];
export type OrderQuery = NonNullable<paths['/v1/admin/rentals']['get']['parameters']['query']>;
export type OrderDetail =
  paths['/v1/admin/rentals/{id}/detail']['get']['responses'][200]['content']['application/json'];
export type RentalTimersView = components['schemas']['RentalTimers'];
export type RentalTimers = RentalTimersView['timers'];
export type RentalTimersBody = NonNullable<
  paths['/v1/admin/rental-timers']['put']['requestBody']
>['content']['application/json'];

const KEY = ['admin', 'rentals'] as const;

export function useRentalOrders(filters: Omit<OrderQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...KEY, 'list', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/rentals', { params: { query: { limit: 50, ...filters, ...(cursor ? { cursor } : {}) } } }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useRentalOrderDetail(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/v1/admin/rentals/{id}/detail', { params: { path: { id: id as string } } })),
  });
}

export function useCancelRentalOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/v1/admin/rentals/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRentalTimers() {
  return useQuery({ queryKey: [...KEY, 'timers'], queryFn: () => unwrap(api.GET('/v1/admin/rental-timers')) });
}

export function useSaveRentalTimers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RentalTimersBody) => unwrap(api.PUT('/v1/admin/rental-timers', { body })),
    onSuccess: (saved) => queryClient.setQueryData([...KEY, 'timers'], saved),
  });
}

export type RentalFault = components['schemas']['RentalFault'];
export type FaultStatus = RentalFault['status'];

export function useOrderFaults(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'faults', id],
    enabled: id !== undefined,
    queryFn: () =>
      unwrap(api.GET('/v1/admin/rentals/{id}/faults', { params: { path: { id: id as string } } })).then((p) => p.data),
  });
}

/** A photo the customer attached to a fault, fetched with the staff token, as an object URL. */
export function useFaultPhotoUrl(orderId: string, faultId: string, file: string): string | undefined {
  const blob = useQuery({
    queryKey: [...KEY, 'fault-photo', orderId, faultId, file],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () =>
      unwrap(
        api.GET('/v1/admin/rentals/{id}/faults/{faultId}/photos/{file}', {
          params: { path: { id: orderId, faultId, file } },
          parseAs: 'blob',
        }),
      ),
  }).data;
  return useObjectUrl(blob as Blob | undefined);
}

/** A staff step on a fault (docs/rental.md, "Faults"): each its own route and body. */
export type FaultStep =
  | { step: 'diagnose'; note?: string }
  | { step: 'repair'; returnWaybillNo?: string }
  | { step: 'swap'; imei: string; outboundWaybillNo?: string; returnWaybillNo?: string }
  | { step: 'receive' }
  | { step: 'ship-repaired'; outboundWaybillNo?: string }
  | { step: 'delivered'; signedAt: string }
  | { step: 'resolve'; note: string };

export function useFaultStep(orderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ faultId, action }: { faultId: string; action: FaultStep }) => {
      const path = { id: orderId, faultId };
      switch (action.step) {
        case 'diagnose':
          return unwrap(
            api.POST('/v1/admin/rentals/{id}/faults/{faultId}/diagnose', {
              params: { path },
              body: action.note ? { note: action.note } : {},
            }),
          );
        case 'repair':
          return unwrap(
            api.POST('/v1/admin/rentals/{id}/faults/{faultId}/repair', {
              params: { path },
              body: action.returnWaybillNo ? { returnWaybillNo: action.returnWaybillNo } : {},
            }),
          );
        case 'swap':
          return unwrap(
            api.POST('/v1/admin/rentals/{id}/faults/{faultId}/swap', {
              params: { path },
              body: {
                imei: action.imei,
                ...(action.outboundWaybillNo ? { outboundWaybillNo: action.outboundWaybillNo } : {}),
                ...(action.returnWaybillNo ? { returnWaybillNo: action.returnWaybillNo } : {}),
              },
            }),
          );
        case 'receive':
          return unwrap(api.POST('/v1/admin/rentals/{id}/faults/{faultId}/receive', { params: { path }, body: {} }));
        case 'ship-repaired':
          return unwrap(
            api.POST('/v1/admin/rentals/{id}/faults/{faultId}/ship-repaired', {
              params: { path },
              body: action.outboundWaybillNo ? { outboundWaybillNo: action.outboundWaybillNo } : {},
            }),
          );
        case 'delivered':
          return unwrap(
            api.POST('/v1/admin/rentals/{id}/faults/{faultId}/delivered', {
              params: { path },
              body: { signedAt: action.signedAt },
            }),
          );
        case 'resolve':
          return unwrap(
            api.POST('/v1/admin/rentals/{id}/faults/{faultId}/resolve', {
              params: { path },
              body: { note: action.note },
            }),
          );
      }
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
