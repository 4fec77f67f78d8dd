// The console's installment orders: the list (by status, customer, SKU) and one order with its
// schedule, payments, lateness (days past due, bucket, accrued penalty) and ledger postings; the
// installment timers (时效设置).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap, useCursorPages } from './ledger-api';

export type InstallmentOrderQuery = NonNullable<paths['/v1/admin/installment-orders']['get']['parameters']['query']>;
type OrdersPage = paths['/v1/admin/installment-orders']['get']['responses'][200]['content']['application/json'];
export type AdminInstallmentOrder = OrdersPage['data'][number];
export type InstallmentOrderStatus = AdminInstallmentOrder['status'];
export type InstallmentOrderDetail =
  paths['/v1/admin/installment-orders/{id}']['get']['responses'][200]['content']['application/json'];

const PAGE_SIZE = 50;
const KEY = ['admin', 'installment-orders'] as const;

export function useInstallmentOrders(filters: Omit<InstallmentOrderQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...KEY, 'list', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/installment-orders', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useInstallmentOrderDetail(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/v1/admin/installment-orders/{id}', { params: { path: { id: id as string } } })),
  });
}

/** Staff cancel an order before shipment (orders.write): the down payment paid is refunded. */
export function useCancelInstallmentOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/v1/admin/installment-orders/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** The desk confirms the order's parcel lost: cancelled and refunded, or back on the shipping desk. */
export function useConfirmInstallmentParcelLost(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/v1/admin/installment-orders/{id}/parcel-lost', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export type InstallmentTimersView =
  paths['/v1/admin/installment-timers']['get']['responses'][200]['content']['application/json'];
export type InstallmentTimers = InstallmentTimersView['timers'];

export function useInstallmentTimers() {
  return useQuery({
    queryKey: [...KEY, 'timers'],
    queryFn: () => unwrap(api.GET('/v1/admin/installment-timers')),
  });
}

export function useSaveInstallmentTimers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InstallmentTimers) => unwrap(api.PUT('/v1/admin/installment-timers', { body })),
    onSuccess: (saved) => queryClient.setQueryData([...KEY, 'timers'], saved),
  });
}

export type InstallmentOverduePolicyView =
  paths['/v1/admin/installment-overdue-policy']['get']['responses'][200]['content']['application/json'];
export type InstallmentOverduePolicy = InstallmentOverduePolicyView['policy'];

export function useInstallmentOverduePolicy() {
  return useQuery({
    queryKey: [...KEY, 'overdue-policy'],
    queryFn: () => unwrap(api.GET('/v1/admin/installment-overdue-policy')),
  });
}

export function useSaveInstallmentOverduePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InstallmentOverduePolicy) => unwrap(api.PUT('/v1/admin/installment-overdue-policy', { body })),
    onSuccess: (saved) => queryClient.setQueryData([...KEY, 'overdue-policy'], saved),
  });
}

export type InstallmentRateCapView =
  paths['/v1/admin/installment-rate-cap']['get']['responses'][200]['content']['application/json'];
export type InstallmentRateCap = InstallmentRateCapView['rateCap'];
export type InstallmentRateCapChange = InstallmentRateCapView['history'][number];

/** The cap on every offer's annualised rate (catalog's setting): the LPR × the multiple, and the offers above it. */
export function useInstallmentRateCap() {
  return useQuery({
    queryKey: [...KEY, 'rate-cap'],
    queryFn: () => unwrap(api.GET('/v1/admin/installment-rate-cap')),
  });
}

export function useSaveInstallmentRateCap() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InstallmentRateCap & { effectiveFrom?: string }) =>
      unwrap(api.PUT('/v1/admin/installment-rate-cap', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData([...KEY, 'rate-cap'], saved);
      // The overdue policy's cap and the offers editor's cap follow it.
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'overdue-policy'] });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'offers'] });
    },
  });
}
