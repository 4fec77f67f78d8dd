// The customer's wallet: balance, history, top-ups at the (sandbox) cashier, transfers and points.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api, problemError } from './api';
import { useSession } from './session';

export type Wallet = components['schemas']['Wallet'];
export type WalletTransaction = components['schemas']['WalletTransaction'];
export type TopUp = components['schemas']['WalletTopUp'];
export type Points = components['schemas']['Points'];

export const walletQueryKey = ['wallet'] as const;

export function useWallet() {
  const session = useSession();
  return useQuery({
    queryKey: [...walletQueryKey, 'balance'],
    enabled: session !== null,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/wallet');
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

export function useWalletTransactions() {
  const session = useSession();
  return useInfiniteQuery({
    queryKey: [...walletQueryKey, 'transactions'],
    enabled: session !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const { data, error, response } = await api.GET('/v1/wallet/transactions', {
        params: { query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateTopUp() {
  return useMutation({
    mutationFn: async (amountMinor: number) => {
      const { data, error, response } = await api.POST('/v1/wallet/top-ups', {
        body: { amountMinor, channel: 'sandbox' },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

/** Pays a top-up at the sandbox cashier; the channel then confirms it asynchronously. */
export function usePayAtSandboxCashier() {
  return useMutation({
    mutationFn: async (outTradeNo: string) => {
      const { data, error, response } = await api.POST('/v1/wallet/sandbox-cashier/{outTradeNo}/pay', {
        params: { path: { outTradeNo } },
        body: { outcome: 'succeeded' },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

/** Follows a top-up until the channel's confirmation settles it (every second while `created`). */
export function useTopUp(id: string | undefined, polling: boolean) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...walletQueryKey, 'top-up', id],
    enabled: id !== undefined,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/wallet/top-ups/{id}', {
        params: { path: { id: id ?? '' } },
      });
      if (data === undefined) throw problemError(error, response);
      if (data.status !== 'created') {
        // The balance and history changed; refresh them (not this query, which is still running).
        void queryClient.invalidateQueries({ queryKey: [...walletQueryKey, 'balance'] });
        void queryClient.invalidateQueries({ queryKey: [...walletQueryKey, 'transactions'] });
      }
      return data;
    },
    refetchInterval: (query) => (polling && query.state.data?.status === 'created' ? 1000 : false),
  });
}

export interface TransferInput {
  toPhone: string;
  amountMinor: number;
  note?: string;
  secondFactorCode?: string;
}

export function useSendTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TransferInput) => {
      const { data, error, response } = await api.POST('/v1/wallet/transfers', { body });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: walletQueryKey }),
  });
}

export function usePoints() {
  const session = useSession();
  return useQuery({
    queryKey: [...walletQueryKey, 'points'],
    enabled: session !== null,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/points');
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

export function useRedeemPoints() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (points: number) => {
      const { data, error, response } = await api.POST('/v1/points/redemptions', { body: { points } });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: walletQueryKey }),
  });
}
