// The ledger and the disputes queue, for the Finance pages of the console.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api, problemError } from './api';

export type TrialBalance = components['schemas']['LedgerTrialBalance'];
export type TrialBalanceLine = TrialBalance['accounts'][number];
export type LedgerTransfer = components['schemas']['LedgerTransfer'];
export type Dispute = components['schemas']['Dispute'];
export type TransferQuery = NonNullable<paths['/v1/admin/ledger/transfers']['get']['parameters']['query']>;
export type DisputeQuery = NonNullable<paths['/v1/admin/disputes']['get']['parameters']['query']>;
export type LedgerCurrency = 'CNY' | 'POINTS';

export function useTrialBalance(currency: LedgerCurrency) {
  return useQuery({
    queryKey: ['admin', 'ledger', 'trial-balance', currency],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/admin/ledger/trial-balance', {
        params: { query: { currency } },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

export function useLedgerTransfers(filters: Omit<TransferQuery, 'limit' | 'cursor'>) {
  return useInfiniteQuery({
    queryKey: ['admin', 'ledger', 'transfers', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const { data, error, response } = await api.GET('/v1/admin/ledger/transfers', {
        params: { query: { limit: 50, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDisputes(filters: Omit<DisputeQuery, 'limit' | 'cursor'>) {
  return useInfiniteQuery({
    queryKey: ['admin', 'disputes', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const { data, error, response } = await api.GET('/v1/admin/disputes', {
        params: { query: { limit: 50, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface ResolveInput {
  id: string;
  outcome: 'refund' | 'reversal' | 'rejected';
  amountMinor?: number;
  note: string;
}

export function useResolveDispute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: ResolveInput) => {
      const { data, error, response } = await api.POST('/v1/admin/disputes/{id}/resolve', {
        params: { path: { id } },
        body,
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'disputes'] }),
  });
}
