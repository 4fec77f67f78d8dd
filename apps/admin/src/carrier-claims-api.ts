// Carrier claims for lost parcels, outbound and return (docs/rental.md, "Carrier claims"): the list, one claim with
// the carrier's payments, recording a payment, asking for a write-off and deciding it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap, useCursorPages } from './ledger-api';

export type CarrierClaim = components['schemas']['RentalCarrierClaim'];
export type CarrierClaimState = CarrierClaim['state'];
export type CarrierClaimDirection = CarrierClaim['direction'];
export type CarrierClaimDetail =
  paths['/v1/admin/carrier-claims/{id}']['get']['responses']['200']['content']['application/json'];
export type ClaimPaymentBody =
  paths['/v1/admin/carrier-claims/{id}/payments']['post']['requestBody']['content']['application/json'];

const KEY = ['carrier-claims'] as const;

export type CarrierClaimFilters = Omit<
  NonNullable<paths['/v1/admin/carrier-claims']['get']['parameters']['query']>,
  'limit' | 'cursor'
>;

export function useCarrierClaims(filters: CarrierClaimFilters) {
  return useCursorPages({
    queryKey: [...KEY, 'list', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/carrier-claims', {
          params: { query: { limit: 50, ...filters, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useCarrierClaim(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: () => unwrap(api.GET('/v1/admin/carrier-claims/{id}', { params: { path: { id } } })),
  });
}

export function useRecordClaimPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ClaimPaymentBody }) =>
      unwrap(api.POST('/v1/admin/carrier-claims/{id}/payments', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRequestClaimWriteOff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/v1/admin/carrier-claims/{id}/write-off', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDecideClaimWriteOff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'approve' | 'reject'; note?: string }) => {
      const options = { params: { path: { id } }, body: note ? { note } : {} };
      return decision === 'approve'
        ? unwrap(api.POST('/v1/admin/carrier-claims/{id}/write-off/approve', options))
        : unwrap(api.POST('/v1/admin/carrier-claims/{id}/write-off/reject', options));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
