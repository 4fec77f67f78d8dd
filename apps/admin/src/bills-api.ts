// Bills for the console: search, one bill, a one-off charge and waivers (docs/billing.md).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap, useCursorPages } from './ledger-api';

export type Bill = components['schemas']['AdminBill'];
export type BillLineKind = Bill['lines'][number]['kind'];
export type BillQuery = NonNullable<paths['/v1/admin/bills']['get']['parameters']['query']>;
export type NewCharge = paths['/v1/admin/bills']['post']['requestBody']['content']['application/json'];
export type WaiverRequest = components['schemas']['BillWaiverRequest'];

const billsKey = ['admin', 'bills'] as const;

export function useAdminBills(filters: Omit<BillQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...billsKey, 'list', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/bills', { params: { query: { limit: 50, ...filters, ...(cursor ? { cursor } : {}) } } }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useAdminBill(id: string | null) {
  return useQuery({
    queryKey: [...billsKey, 'one', id],
    enabled: id !== null,
    queryFn: () => unwrap(api.GET('/v1/admin/bills/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

export function useIssueCharge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCharge) => unwrap(api.POST('/v1/admin/bills', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: billsKey }),
  });
}

/** Waiver requests of one bill, or the pending queue of all bills. */
export function useWaiverRequests(filter: { billId: string } | { status: 'pending' } | null) {
  return useQuery({
    queryKey: [...billsKey, 'waivers', filter],
    enabled: filter !== null,
    queryFn: () => unwrap(api.GET('/v1/admin/bill-waivers', { params: { query: { limit: 50, ...filter } } })),
  });
}

/** Asks for a waiver (the maker); another staff member approves it. */
export function useRequestWaiver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; reason: string; positions?: number[] }) =>
      unwrap(api.POST('/v1/admin/bills/{id}/waivers', { params: { path: { id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: billsKey }),
  });
}

/** Approves or rejects a waiver request (the checker). */
export function useDecideWaiver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, decision, note }: { id: string; decision: 'approve' | 'reject'; note: string }) => {
      if (decision === 'reject') {
        await unwrap(api.POST('/v1/admin/bill-waivers/{id}/reject', { params: { path: { id } }, body: { note } }));
        return;
      }
      const body = note ? { note } : {};
      await unwrap(api.POST('/v1/admin/bill-waivers/{id}/approve', { params: { path: { id } }, body }));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: billsKey }),
  });
}
