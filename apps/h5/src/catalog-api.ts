// The public catalog: search, product page, plans and installment offers.

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { paths } from '@zulin/sdk';
import { keysOf } from '@zulin/web';
import { api, problemError } from './api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type ProductCard = Json<paths['/v1/products']['get']['responses'][200]>['data'][number];
export type ProductDetail = Json<paths['/v1/products/{id}']['get']['responses'][200]>;
export type Sku = ProductDetail['skus'][number];
export type Plan = Json<paths['/v1/skus/{id}/plans']['get']['responses'][200]>['data'][number];
export type Offer = Json<paths['/v1/skus/{id}/installment-offers']['get']['responses'][200]>['data'][number];
export type SearchQuery = NonNullable<paths['/v1/products']['get']['parameters']['query']>;
export type SearchSort = NonNullable<SearchQuery['sort']>;
export type Condition = Sku['condition'];

/** The brands of the home page's brand grid, in display order (there is no brands endpoint). */
export const BRANDS = ['apple', 'huawei', 'xiaomi', 'honor', 'oppo', 'vivo', 'samsung'] as const;
export type BrandKey = (typeof BRANDS)[number];

export const CONDITIONS = keysOf<Condition>({ new: true, used_99: true, used_95: true });
export const TERMS = ['7d', '15d', '30d', '3m', '6m', '12m', '24m'] as const;
export type Term = (typeof TERMS)[number];

async function searchProducts(query: SearchQuery) {
  const { data, error, response } = await api.GET('/v1/products', { params: { query } });
  if (data === undefined) throw problemError(error, response);
  return data;
}

export function useFeaturedProducts(limit: number) {
  return useQuery({
    queryKey: ['products', 'featured', limit],
    queryFn: () => searchProducts({ sort: 'popularity', limit }),
    staleTime: 60_000,
  });
}

const SEARCH_PAGE_SIZE = 20;

export function useProductSearch(query: Omit<SearchQuery, 'limit' | 'cursor'>) {
  return useInfiniteQuery({
    queryKey: ['products', 'search', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      searchProducts({ ...query, limit: SEARCH_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 30_000,
  });
}

export function useProduct(id: string) {
  return useQuery({
    queryKey: ['products', id],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/products/{id}', { params: { path: { id } } });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

export function useSkuPlans(skuId: string | undefined) {
  return useQuery({
    queryKey: ['skus', skuId, 'plans'],
    enabled: skuId !== undefined,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/skus/{id}/plans', { params: { path: { id: skuId ?? '' } } });
      if (data === undefined) throw problemError(error, response);
      return data.data;
    },
  });
}

/** Phones free to rent now per SKU of a product (a SKU with 0 is out of stock). */
export function useProductAvailability(productId: string | undefined) {
  return useQuery({
    queryKey: ['products', productId, 'availability'],
    enabled: productId !== undefined,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/products/{id}/availability', {
        params: { path: { id: productId ?? '' } },
      });
      if (data === undefined) throw problemError(error, response);
      return data.data;
    },
  });
}

export function useSkuOffers(skuId: string | undefined) {
  return useQuery({
    queryKey: ['skus', skuId, 'offers'],
    enabled: skuId !== undefined,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/skus/{id}/installment-offers', {
        params: { path: { id: skuId ?? '' } },
      });
      if (data === undefined) throw problemError(error, response);
      return data.data;
    },
  });
}
