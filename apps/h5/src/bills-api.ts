// The customer's bills: what is owed (rent, installments, fees), one bill's lines and payments, and
// paying a bill from the wallet.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api } from './api';
import { useSession } from './session';
import { refreshBalances, unwrap } from './wallet-api';

export type Bill = components['schemas']['Bill'];
export type BillFilter = 'unpaid' | 'paid' | 'waived';

const billsKey = ['bills'] as const;

export function useBills(status: BillFilter | undefined) {
  const session = useSession();
  return useInfiniteQuery({
    queryKey: [...billsKey, 'list', status ?? 'all'],
    enabled: session !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/bills', {
          params: { query: { limit: 10, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const BILL_POLL_MS = 2000;

/** One bill; `settling`: just back from the cashier, asked again until the channel's payment is applied. */
export function useBill(id: string, settling = false) {
  return useQuery({
    queryKey: [...billsKey, 'one', id],
    queryFn: () => unwrap(api.GET('/v1/bills/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return settling && (status === 'open' || status === 'overdue') ? BILL_POLL_MS : false;
    },
  });
}

export function usePayBill(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (amountMinor: number | undefined) =>
      unwrap(
        api.POST('/v1/bills/{id}/pay', {
          params: { path: { id } },
          body: { method: 'wallet', ...(amountMinor === undefined ? {} : { amountMinor }) },
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData([...billsKey, 'one', id], result.bill);
      void queryClient.invalidateQueries({ queryKey: [...billsKey, 'list'] });
      refreshBalances(queryClient);
    },
  });
}

export type BillChannel = 'alipay' | 'wechatpay';

/** Pays what the bill owes through a channel: the answer names the payment to pay at the cashier. */
export function usePayBillByChannel(id: string) {
  return useMutation({
    mutationFn: (method: BillChannel) =>
      unwrap(api.POST('/v1/bills/{id}/pay', { params: { path: { id } }, body: { method } })),
  });
}
