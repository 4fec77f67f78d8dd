// AA bill splits: the ones I asked for and the ones I am asked to pay, a split's shares, paying mine.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api } from './api';
import { useSession } from './session';
import { refreshBalances, unwrap, walletQueryKey } from './wallet-api';

export type BillSplit = components['schemas']['BillSplit'];
export type BillSplitShare = BillSplit['shares'][number];

const splitsQueryKey = [...walletQueryKey, 'bill-splits'] as const;

/** A split I was asked to pay: one of its shares is mine and I did not ask for it. */
export function isAskedOfMe(split: BillSplit): boolean {
  return split.shares.some((share) => share.isYou && share.customerId !== split.requesterCustomerId);
}

/** My share of a split that is still waiting for my money, if any. */
export function myUnpaidShare(split: BillSplit): BillSplitShare | undefined {
  return split.shares.find((share) => share.isYou && share.status === 'unpaid');
}

export function useBillSplits() {
  const session = useSession();
  return useQuery({
    queryKey: splitsQueryKey,
    enabled: session !== null,
    queryFn: async () => (await unwrap(api.GET('/v1/bill-splits'))).data,
  });
}

export function useBillSplit(id: string) {
  return useQuery({
    queryKey: [...splitsQueryKey, id],
    queryFn: () => unwrap(api.GET('/v1/bill-splits/{id}', { params: { path: { id } } })),
  });
}

export interface BillSplitInput {
  title: string;
  totalMinor: number;
  friendPhones: string[];
  includeRequester: boolean;
}

export function useCreateBillSplit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BillSplitInput) => unwrap(api.POST('/v1/bill-splits', { body })),
    onSuccess: (split) => {
      queryClient.setQueryData([...splitsQueryKey, split.id], split);
      void queryClient.invalidateQueries({ queryKey: splitsQueryKey, exact: true });
    },
  });
}

export function usePayBillSplitShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/bill-splits/{id}/pay', { params: { path: { id } } })),
    onSuccess: (split) => {
      queryClient.setQueryData([...splitsQueryKey, split.id], split);
      void queryClient.invalidateQueries({ queryKey: splitsQueryKey, exact: true });
      refreshBalances(queryClient);
    },
  });
}
