// Renting a phone and the customer's rentals: the checkout quote (with the risk pre-check's deposit
// waiver once signed in), placing the order, my orders, one order with its summary (the phone by name,
// IMEI once shipped, the term's dates) and bills, paying the first payment and holding the deposit,
// cancelling, and the after-sale actions (renew, buy out, return) at a stored quote.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { saveBlob } from '@zulin/web';
import { useEffect, useState } from 'react';
import { api } from './api';
import { useSession } from './session';
import { refreshBalances, unwrap } from './wallet-api';

export type RentalOrder = components['schemas']['RentalOrder'];
export type RentalQuote = components['schemas']['RentalQuote'];
export type RentalExitQuote = components['schemas']['RentalExitQuote'];
export type RentalBill = components['schemas']['RentalBill'];
export type RentalSummary = components['schemas']['RentalOrderSummary'];
export type RentalTracking = components['schemas']['RentalTracking'];
export type CustomerState = RentalOrder['customerState']['state'];
export type CustomerAction = RentalOrder['actions'][number];
export type OrderAction = RentalOrder['timeline'][number]['action'];
export type ExitKind = RentalExitQuote['kind'];
export type PayChannel = 'alipay' | 'wechatpay';
type PlaceBody = NonNullable<paths['/v1/rentals']['post']['requestBody']>['content']['application/json'];
export type RentalAddress = PlaceBody['address'];
export type AddOnCode = NonNullable<PlaceBody['addOns']>[number];
type ReturnBody = NonNullable<paths['/v1/rentals/{id}/return']['post']['requestBody']>['content']['application/json'];
export type PickupSlot = ReturnBody['pickup']['slot'];

const rentalsKey = ['rentals'] as const;
const ORDER_POLL_MS = 1500;

export function useCheckoutQuote(
  input: { skuId: string; planId: string; addOns: AddOnCode[]; couponCodes: string[] } | null,
) {
  const session = useSession();
  return useQuery({
    // Signed in, the quote carries the pre-check's waiver: a new session asks again.
    queryKey: [...rentalsKey, 'quote', input, session?.accessToken ? 'customer' : 'public'],
    enabled: input !== null,
    queryFn: () => unwrap(api.POST('/v1/rentals/quote', { body: { ...(input as NonNullable<typeof input>) } })),
    staleTime: 30_000,
  });
}

export type PickupStore = components['schemas']['PickupStore'];

/** Our pick-up stores (门店自提), for the checkout's delivery choice. */
export function usePickupStores(enabled: boolean) {
  return useQuery({
    queryKey: ['pickup-stores'],
    enabled,
    queryFn: () => unwrap(api.GET('/v1/pickup-stores')),
    staleTime: 5 * 60_000,
  });
}

export function usePlaceRental() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlaceBody) => unwrap(api.POST('/v1/rentals', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...rentalsKey, 'list'] }),
  });
}

export function useRentals() {
  const session = useSession();
  return useInfiniteQuery({
    queryKey: [...rentalsKey, 'list'],
    enabled: session !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/v1/rentals', { params: { query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** States the order leaves by itself soon (review, a payment or signature being applied): asked again. */
const SETTLING: Partial<Record<CustomerState, boolean>> = { reviewing: true };

/**
 * One order; `waiting`: just back from signing or the cashier, asked again while one of those actions
 * is still offered (the signature or the payment is applied by a subscriber a moment later).
 */
export function useRental(id: string, waiting: readonly CustomerAction[] = []) {
  return useQuery({
    queryKey: [...rentalsKey, 'one', id],
    queryFn: () => unwrap(api.GET('/v1/rentals/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => {
      const order = query.state.data;
      if (order === undefined) return false;
      const pending = order.actions.some((a) => waiting.includes(a));
      return pending || SETTLING[order.customerState.state] ? ORDER_POLL_MS : false;
    },
  });
}

export function useRentalSummary(id: string, status: RentalOrder['status'] | undefined) {
  return useQuery({
    // The IMEI appears when the order ships and the end date moves with a renewal: keyed by the status.
    queryKey: [...rentalsKey, 'summary', id, status],
    enabled: status !== undefined,
    queryFn: () => unwrap(api.GET('/v1/rentals/{id}/summary', { params: { path: { id } } })),
  });
}

/** The order's parcels and their tracking; asked again with the order's status (a scan moves it). */
export function useRentalTracking(id: string, status: RentalOrder['status'] | undefined) {
  return useQuery({
    queryKey: [...rentalsKey, 'tracking', id, status],
    enabled: status !== undefined,
    queryFn: () => unwrap(api.GET('/v1/rentals/{id}/tracking', { params: { path: { id } } })),
  });
}

export function useRentalBills(id: string, status: RentalOrder['status'] | undefined) {
  return useQuery({
    queryKey: [...rentalsKey, 'bills', id, status],
    enabled: status !== undefined,
    queryFn: () =>
      unwrap(api.GET('/v1/rentals/{id}/bills', { params: { path: { id }, query: { limit: 20 } } })).then((p) => p.data),
  });
}

function useOrderMutation<V>(id: string, fn: (variables: V) => Promise<RentalOrder>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      // Asked again rather than taken from the answer: the single read carries the facts known ahead
      // (renewal window, overdue bills) that decide which actions are offered.
      void queryClient.invalidateQueries({ queryKey: [...rentalsKey, 'one', id] });
      void queryClient.invalidateQueries({ queryKey: [...rentalsKey, 'summary', id] });
      void queryClient.invalidateQueries({ queryKey: [...rentalsKey, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...rentalsKey, 'bills', id] });
      void queryClient.invalidateQueries({ queryKey: ['bills'] });
    },
  });
}

export function useCancelRental(id: string) {
  return useOrderMutation(id, () => unwrap(api.POST('/v1/rentals/{id}/cancel', { params: { path: { id } } })));
}

export function usePayRental(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      channel?: PayChannel;
      payerToken?: string;
      paymentInstrument?: 'channel' | 'wallet';
      depositInstrument?: 'channel' | 'wallet';
    }) => unwrap(api.POST('/v1/rentals/{id}/pay', { params: { path: { id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...rentalsKey, 'one', id] });
      // What the wallet paid or holds changes its balance and history.
      refreshBalances(queryClient);
    },
  });
}

export function useExitQuote(id: string) {
  return useMutation({
    mutationFn: (body: { kind: ExitKind; months?: number }) =>
      unwrap(api.POST('/v1/rentals/{id}/quotes', { params: { path: { id } }, body })),
  });
}

export function useRenewRental(id: string) {
  return useOrderMutation(id, (quoteId: string) =>
    unwrap(api.POST('/v1/rentals/{id}/renew', { params: { path: { id } }, body: { quoteId } })),
  );
}

export function useBuyOutRental(id: string) {
  return useOrderMutation(id, (quoteId: string) =>
    unwrap(api.POST('/v1/rentals/{id}/buyout', { params: { path: { id } }, body: { quoteId } })),
  );
}

export function useReturnRental(id: string) {
  return useOrderMutation(id, (body: { quoteId: string; pickup: ReturnBody['pickup'] }) =>
    unwrap(api.POST('/v1/rentals/{id}/return', { params: { path: { id } }, body })),
  );
}

export function useAbandonAfterSale(id: string) {
  return useOrderMutation(id, (kind: 'renewal' | 'buyout' | 'return') =>
    unwrap(api.POST('/v1/rentals/{id}/after-sale/abandon', { params: { path: { id } }, body: { kind } })),
  );
}

/** The contract PDF needs the bearer token: fetched through the client and handed over as a blob. */
export async function downloadRentalContract(id: string): Promise<void> {
  const blob = await unwrap(api.GET('/v1/rentals/{id}/contract.pdf', { params: { path: { id } }, parseAs: 'blob' }));
  saveBlob(blob, `zulin-rental-${id}.pdf`);
}

export type RentalFault = components['schemas']['CustomerRentalFault'];
export type FaultStatus = RentalFault['status'];

/** The faults reported on my order, newest first (keyed by the order's version: a step moves them). */
export function useRentalFaults(id: string, version: string | undefined) {
  return useQuery({
    queryKey: [...rentalsKey, 'faults', id, version],
    enabled: version !== undefined,
    queryFn: () => unwrap(api.GET('/v1/rentals/{id}/faults', { params: { path: { id } } })).then((p) => p.data),
  });
}

/** One photo for a fault report, as multipart form data (the server checks its type by its first bytes). */
export function useUploadFaultPhoto(id: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return unwrap(
        api.POST('/v1/rentals/{id}/faults/photos', {
          params: { path: { id } },
          // The route takes multipart/form-data, which its OpenAPI description does not declare.
          body: form as never,
          bodySerializer: (body: unknown) => body as FormData,
        }),
      );
    },
  });
}

export function useReportFault(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { description: string; photos: string[] }) =>
      unwrap(api.POST('/v1/rentals/{id}/faults', { params: { path: { id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: rentalsKey }),
  });
}

export type RentalInspection = components['schemas']['RentalInspection'];

/** The inspection of my returned phone (404 RENTAL_INSPECTION_NOT_FOUND until it is graded). */
export function useRentalInspection(id: string) {
  return useQuery({
    queryKey: [...rentalsKey, 'inspection', id],
    retry: false,
    queryFn: () => unwrap(api.GET('/v1/rentals/{id}/inspection', { params: { path: { id } } })),
    // Graded, the hold is captured and released by the channel: asked again until it is settled.
    refetchInterval: (query) => (query.state.data?.state === 'settling' ? ORDER_POLL_MS : false),
  });
}

/** One inspection photo, fetched with my session (the route needs it) as an object URL. */
export function useInspectionPhoto(id: string, file: string): string | undefined {
  const blob = useQuery({
    queryKey: [...rentalsKey, 'inspection-photo', id, file],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () =>
      unwrap(
        api.GET('/v1/rentals/{id}/inspection/photos/{file}', { params: { path: { id, file } }, parseAs: 'blob' }),
      ) as Promise<Blob>,
  }).data;
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return undefined;
    const objectUrl = URL.createObjectURL(blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob]);
  return url;
}

/** Dispute the inspection within its window: a person takes it up as a support case. */
export function useDisputeInspection(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/v1/rentals/{id}/inspection/dispute', { params: { path: { id } }, body: { reason } })),
    onSuccess: (inspection) => {
      queryClient.setQueryData([...rentalsKey, 'inspection', id], inspection);
      return queryClient.invalidateQueries({ queryKey: [...rentalsKey, 'one', id] });
    },
  });
}
