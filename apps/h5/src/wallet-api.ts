// The customer's wallet: balance, history, top-ups at the (sandbox) cashier, withdrawals, transfers,
// points and monthly statements.
import { type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { saveBlob } from '@zulin/web';
import { api, problemError } from './api';
import { useSession } from './session';

export type Wallet = components['schemas']['Wallet'];
export type WalletTransaction = components['schemas']['WalletTransaction'];
export type TopUp = components['schemas']['WalletTopUp'];
export type Points = components['schemas']['Points'];
export type Withdrawal = components['schemas']['WalletWithdrawal'];

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

export type TopUpChannel = NonNullable<
  NonNullable<paths['/v1/wallet/top-ups']['post']['requestBody']>['content']['application/json']['channel']
>;

/** Starts a top-up: the answer names the payment the customer then pays at the cashier. */
export function useCreateTopUp() {
  return useMutation({
    mutationFn: async ({ amountMinor, channel }: { amountMinor: number; channel: TopUpChannel }) => {
      const { data, error, response } = await api.POST('/v1/wallet/top-ups', { body: { amountMinor, channel } });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

/** The data of an API answer, or its problem document thrown as a ProblemError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (data === undefined) throw problemError(error, response);
  return data;
}

/** Refreshes the balance and the history after money moved (not the query that noticed it). */
export function refreshBalances(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: [...walletQueryKey, 'balance'] });
  void queryClient.invalidateQueries({ queryKey: [...walletQueryKey, 'transactions'] });
}

/**
 * Follows an operation that a channel or a bank settles later (a top-up, a withdrawal): polls every
 * second while `polling` and the status is still `waitingStatus`, and refreshes the balances once it
 * is final.
 */
function useSettling<T extends { status: string }>(options: {
  key: string;
  id: string | undefined;
  polling: boolean;
  waitingStatus: T['status'];
  fetch: (id: string) => Promise<T>;
}) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...walletQueryKey, options.key, options.id],
    enabled: options.id !== undefined,
    queryFn: async () => {
      const data = await options.fetch(options.id ?? '');
      if (data.status !== options.waitingStatus) refreshBalances(queryClient);
      return data;
    },
    refetchInterval: (query) =>
      options.polling && query.state.data?.status === options.waitingStatus ? SETTLE_POLL_MS : false,
  });
}

const SETTLE_POLL_MS = 1000;

/** Follows a top-up until the channel's confirmation settles it. */
export function useTopUp(id: string | undefined, polling: boolean) {
  return useSettling<TopUp>({
    key: 'top-up',
    id,
    polling,
    waitingStatus: 'created',
    fetch: (topUpId) => unwrap(api.GET('/v1/wallet/top-ups/{id}', { params: { path: { id: topUpId } } })),
  });
}

/** Follows a withdrawal until the bank pays it out or refuses it. */
export function useWithdrawal(id: string | undefined) {
  return useSettling<Withdrawal>({
    key: 'withdrawal',
    id,
    polling: true,
    waitingStatus: 'processing',
    fetch: (withdrawalId) => unwrap(api.GET('/v1/wallet/withdrawals/{id}', { params: { path: { id: withdrawalId } } })),
  });
}

/** The second factor a large withdrawal or transfer carries: an SMS step-up code or an authenticator code. */
export interface SecondFactorFields {
  smsCode?: string;
  totpCode?: string;
}

export interface WithdrawalInput extends SecondFactorFields {
  bankCardId: string;
  amountMinor: number;
}

export function useRequestWithdrawal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WithdrawalInput) => unwrap(api.POST('/v1/wallet/withdrawals', { body })),
    onSuccess: () => refreshBalances(queryClient),
  });
}

export type StatementFormat = 'csv' | 'pdf';

/**
 * Downloads a monthly statement: the file needs the bearer token, so it is fetched here (through
 * the client that refreshes an expired token) and handed to the browser as a blob.
 */
export async function downloadStatement(month: string, format: StatementFormat): Promise<void> {
  const file = `${month}.${format}`;
  const blob = await unwrap(api.GET('/v1/wallet/statements/{file}', { params: { path: { file } }, parseAs: 'blob' }));
  saveBlob(blob, `zulin-wallet-${file}`);
}

export interface TransferInput extends SecondFactorFields {
  toPhone: string;
  amountMinor: number;
  note?: string;
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

/** Who a transfer would reach (masked name and phone), asked before the customer confirms. */
export function useTransferRecipient() {
  return useMutation({
    mutationFn: async (toPhone: string) => {
      const { data, error, response } = await api.POST('/v1/wallet/transfers/recipient', { body: { toPhone } });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
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
