// The store pick-up counters' data (门店自提): the stores, the parcels at them, and the counter's
// actions — the arrival scan (the customer gets the pick-up code), the hand-over with the customer's
// code (5 tries, then locked), and a new code.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api } from './api';
import { unwrap, useCursorPages } from './ledger-api';

export type PickupStore = components['schemas']['PickupStore'];
export type StoreParcel = components['schemas']['StoreParcel'];
export type StoreScan = StoreParcel['nextScans'][number];

const KEY = ['admin', 'store-counter'] as const;
const PAGE_SIZE = 50;

export function usePickupStores() {
  return useQuery({ queryKey: [...KEY, 'stores'], queryFn: () => unwrap(api.GET('/v1/admin/pickup-stores')) });
}

export function useStoreParcels(storeCode: string | undefined) {
  return useCursorPages({
    queryKey: [...KEY, 'parcels', storeCode],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/store-parcels', {
          params: { query: { limit: PAGE_SIZE, ...(storeCode ? { storeCode } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useStoreCounter() {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: ['admin'] });
  const arrive = useMutation({
    mutationFn: (waybillNo: string) =>
      unwrap(api.POST('/v1/admin/store-parcels/{waybillNo}/arrive', { params: { path: { waybillNo } } })),
    onSuccess: done,
  });
  const handOver = useMutation({
    mutationFn: (input: { waybillNo: string; code: string }) =>
      unwrap(
        api.POST('/v1/admin/store-parcels/{waybillNo}/hand-over', {
          params: { path: { waybillNo: input.waybillNo } },
          body: { code: input.code },
        }),
      ),
    onSettled: done,
  });
  const reissue = useMutation({
    mutationFn: (waybillNo: string) =>
      unwrap(api.POST('/v1/admin/store-parcels/{waybillNo}/reissue-code', { params: { path: { waybillNo } } })),
    onSuccess: done,
  });
  return { arrive, handOver, reissue };
}
