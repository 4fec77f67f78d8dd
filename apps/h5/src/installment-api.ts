// Installments: the public calculators (a quote, a prepayment quote) behind the product page's
// calculator. Every figure on screen comes from the server's engine — the same function that books
// orders — never from arithmetic in the browser.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { saveBlob } from '@zulin/web';
import { api, problemError } from './api';
import { useSession } from './session';
import { refreshBalances, unwrap } from './wallet-api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Body<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type QuoteTerms = Body<'/v1/installments/quote'>;
export type InstallmentQuote = Json<paths['/v1/installments/quote']['post']['responses'][200]>;
export type InstallmentMethod = QuoteTerms['method'];
export type PrepayStrategy = 'reduce_term' | 'reduce_installment';
type PrepayAnswer = Json<paths['/v1/installments/prepay-quote']['post']['responses'][200]>;
export type PartialPrepayQuote = Extract<PrepayAnswer, { schedule: unknown }>;

export function useInstallmentQuote(terms: QuoteTerms | null) {
  return useQuery({
    queryKey: ['installments', 'quote', terms],
    enabled: terms !== null,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const { data, error, response } = await api.POST('/v1/installments/quote', { body: terms as QuoteTerms });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

/** What prepaying X after period k would do, by the given strategy (the public calculator). */
export function usePrepayQuote(
  terms: QuoteTerms | null,
  prepay: { paidPeriods: number; prepayMinor: number; strategy: PrepayStrategy } | null,
) {
  return useQuery({
    queryKey: ['installments', 'prepay-quote', terms, prepay],
    enabled: terms !== null && prepay !== null && prepay.prepayMinor > 0,
    retry: false,
    queryFn: async () => {
      const body = { ...(terms as QuoteTerms), ...(prepay as NonNullable<typeof prepay>) };
      const { data, error, response } = await api.POST('/v1/installments/prepay-quote', { body });
      if (data === undefined) throw problemError(error, response);
      return data as PartialPrepayQuote;
    },
  });
}

// ——— The customer's installment orders: placing one, the list, one order, prepaying it. ———

export type InstallmentOrder = components['schemas']['InstallmentOrder'];
export type InstallmentOrderStatus = InstallmentOrder['status'];
export type OrderPrepayBody = Body<'/v1/installment-orders/{id}/prepay'>;
export type OrderPrepayment = components['schemas']['InstallmentOrderPrepayment'];

const ordersKey = ['installments', 'orders'] as const;

export function useInstallmentOrders() {
  const session = useSession();
  return useInfiniteQuery({
    queryKey: [...ordersKey, 'list'],
    enabled: session !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/installment-orders', {
          params: { query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One order; while it waits for its contract or its down payment, asked again every few seconds. */
export function useInstallmentOrder(id: string) {
  return useQuery({
    queryKey: [...ordersKey, 'one', id],
    queryFn: () => unwrap(api.GET('/v1/installment-orders/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'awaiting_signature' || status === 'awaiting_down_payment' ? 3000 : false;
    },
  });
}

export function usePlaceInstallmentOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Body<'/v1/installment-orders'>) => unwrap(api.POST('/v1/installment-orders', { body: input })),
    onSuccess: (order) => {
      queryClient.setQueryData([...ordersKey, 'one', order.id], order);
      void queryClient.invalidateQueries({ queryKey: [...ordersKey, 'list'] });
    },
  });
}

/** What prepaying (or paying off) costs today: the order's own quote, the same function the booking runs. */
export function useOrderPrepayQuote(id: string, body: OrderPrepayBody | null) {
  return useQuery({
    queryKey: [...ordersKey, 'prepay-quote', id, body],
    enabled: body !== null,
    retry: false,
    queryFn: () =>
      unwrap(
        api.POST('/v1/installment-orders/{id}/prepay-quote', {
          params: { path: { id } },
          body: body as OrderPrepayBody,
        }),
      ),
  });
}

export function usePrepayOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrderPrepayBody) =>
      unwrap(api.POST('/v1/installment-orders/{id}/prepay', { params: { path: { id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ordersKey });
      refreshBalances(queryClient);
    },
  });
}

/** Cancels my order before shipment (POST /v1/installment-orders/{id}/cancel): the down payment paid is refunded. */
export function useCancelOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/v1/installment-orders/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    onSuccess: (order) => {
      // The cancelled order replaces the active one at once, so the prepay panel unmounts before any
      // refetch of its quote (which a cancelled order would answer 409).
      queryClient.removeQueries({ queryKey: [...ordersKey, 'prepay-quote', id] });
      queryClient.setQueryData([...ordersKey, 'one', id], order);
      void queryClient.invalidateQueries({ queryKey: [...ordersKey, 'list'] });
      refreshBalances(queryClient);
    },
  });
}

/** My order's parcel with its tracking events (once shipped). */
export function useInstallmentTracking(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ordersKey, 'tracking', id],
    enabled,
    queryFn: () => unwrap(api.GET('/v1/installment-orders/{id}/tracking', { params: { path: { id } } })),
  });
}

/** The pay-off certificate (结清证明) PDF needs the bearer token: fetched through the client as a blob. */
export async function downloadPayoffCertificate(id: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/v1/installment-orders/{id}/payoff-certificate', { params: { path: { id } }, parseAs: 'blob' }),
  );
  saveBlob(blob, `zulin-payoff-certificate-${id}.pdf`);
}
