// Catalog and inventory for the console: products, SKUs, plans, offers, units, import, procurement.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@zulin/sdk';
import { api, problemError } from './api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Body<T> = T extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Product = Json<paths['/v1/admin/products']['get']['responses'][200]>['data'][number];
export type ProductDetail = Json<paths['/v1/admin/products/{id}']['get']['responses'][200]>;
export type Sku = ProductDetail['skus'][number];
export type Plan = Json<paths['/v1/admin/plans']['get']['responses'][200]>['data'][number];
export type Offer = Json<paths['/v1/admin/installment-offers']['get']['responses'][200]>['data'][number];
export type ProductStatus = Product['status'];
export type Condition = Sku['condition'];
export type ProductBody = Body<paths['/v1/admin/products']['post']>;
export type SkuBody = Body<paths['/v1/admin/skus']['post']>;
export type PlanBody = Body<paths['/v1/admin/plans']['post']>;
export type OfferBody = Body<paths['/v1/admin/installment-offers']['post']>;
export type Unit = Json<paths['/v1/admin/units']['get']['responses'][200]>['data'][number];
export type UnitState = Unit['state'];
export type UnitDetail = Json<paths['/v1/admin/units/{id}']['get']['responses'][200]>;
export type UnitGrade = Unit['grade'];
export type RestockPlan = Json<paths['/v1/admin/units/{id}/restock-plan']['get']['responses'][200]>;
export type UnitTransitionBody = Body<paths['/v1/admin/units/{id}/transitions']['post']>;
export type UnitQuery = NonNullable<paths['/v1/admin/units']['get']['parameters']['query']>;
export type ImportReport = Json<paths['/v1/admin/units/import']['post']['responses'][200]>;
export type ProcurementOrder = Json<paths['/v1/admin/procurement-orders']['get']['responses'][200]>['data'][number];
export type ProcurementStatus = ProcurementOrder['status'];

const PAGE_SIZE = 20;

export function useProducts(filters: { status?: ProductStatus; q?: string }) {
  return useInfiniteQuery({
    queryKey: ['admin', 'products', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const query = { limit: PAGE_SIZE, ...filters, ...(pageParam ? { cursor: pageParam } : {}) };
      const { data, error, response } = await api.GET('/v1/admin/products', { params: { query } });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useProductDetail(id: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'product', id],
    enabled: id !== undefined,
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/admin/products/{id}', {
        params: { path: { id: id ?? '' } },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

/** Mutations refresh every catalog query: lists, the product and the SKU's plans and offers. */
function useCatalogMutation<V, R>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw problemError(result.error, result.response);
  return result.data;
}

export const useCreateProduct = () =>
  useCatalogMutation(async (body: ProductBody) => unwrap(await api.POST('/v1/admin/products', { body })));

export const useUpdateProduct = () =>
  useCatalogMutation(async ({ id, ...body }: Partial<ProductBody> & { id: string }) =>
    unwrap(await api.PATCH('/v1/admin/products/{id}', { params: { path: { id } }, body })),
  );

export const useSetPublished = () =>
  useCatalogMutation(async ({ id, publish }: { id: string; publish: boolean }) =>
    publish
      ? unwrap(await api.POST('/v1/admin/products/{id}/publish', { params: { path: { id } } }))
      : unwrap(await api.POST('/v1/admin/products/{id}/unpublish', { params: { path: { id } }, body: {} })),
  );

export const useUploadImage = () =>
  useCatalogMutation(async ({ id, file }: { id: string; file: File }) => {
    const form = new FormData();
    form.append('file', file);
    // The route takes multipart/form-data, which its OpenAPI description does not declare.
    return unwrap(
      await api.POST('/v1/admin/products/{id}/images', {
        params: { path: { id } },
        body: form as never,
        bodySerializer: (body: unknown) => body as FormData,
      }),
    );
  });

export const useRemoveImage = () =>
  useCatalogMutation(async ({ id, file }: { id: string; file: string }) =>
    unwrap(await api.DELETE('/v1/admin/products/{id}/images/{file}', { params: { path: { id, file } } })),
  );

/** Tags an image with one of the product's SKU colours (null: shown for every colour). */
export const useSetImageColour = () =>
  useCatalogMutation(async ({ id, file, colour }: { id: string; file: string; colour: string | null }) =>
    unwrap(
      await api.PATCH('/v1/admin/products/{id}/images/{file}', { params: { path: { id, file } }, body: { colour } }),
    ),
  );

export const useCreateSku = () =>
  useCatalogMutation(async (body: SkuBody) => unwrap(await api.POST('/v1/admin/skus', { body })));

export const useUpdateSku = () =>
  useCatalogMutation(async ({ id, ...body }: { id: string; active?: boolean; marketPriceMinor?: number }) =>
    unwrap(await api.PATCH('/v1/admin/skus/{id}', { params: { path: { id } }, body })),
  );

export function usePlans(skuId: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'plans', skuId],
    enabled: skuId !== undefined,
    queryFn: async () => unwrap(await api.GET('/v1/admin/plans', { params: { query: { skuId: skuId ?? '' } } })).data,
  });
}

export type OffersRateCap = Json<paths['/v1/admin/installment-offers']['get']['responses'][200]>['rateCap'];

const offersQuery = (skuId: string | undefined) => ({
  queryKey: ['admin', 'offers', skuId],
  enabled: skuId !== undefined,
  queryFn: async () =>
    unwrap(await api.GET('/v1/admin/installment-offers', { params: { query: { skuId: skuId ?? '' } } })),
});

export function useOffers(skuId: string | undefined) {
  return useQuery({ ...offersQuery(skuId), select: (answer) => answer.data });
}

/** The rate cap in force, as the offers list answers it beside the offers. */
export function useOffersRateCap(skuId: string | undefined) {
  return useQuery({ ...offersQuery(skuId), select: (answer): OffersRateCap => answer.rateCap });
}

export const useCreatePlan = () =>
  useCatalogMutation(async (body: PlanBody) => unwrap(await api.POST('/v1/admin/plans', { body })));

export const useRetirePlan = () =>
  useCatalogMutation(async (id: string) =>
    unwrap(await api.DELETE('/v1/admin/plans/{id}', { params: { path: { id } } })),
  );

export const useCreateOffer = () =>
  useCatalogMutation(async (body: OfferBody) => unwrap(await api.POST('/v1/admin/installment-offers', { body })));

export const useRetireOffer = () =>
  useCatalogMutation(async (id: string) =>
    unwrap(await api.DELETE('/v1/admin/installment-offers/{id}', { params: { path: { id } } })),
  );

// ---- inventory ---------------------------------------------------------------------------------

export function useWarehouses() {
  return useQuery({
    queryKey: ['admin', 'warehouses'],
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/v1/admin/warehouses')).data,
  });
}

export function useSuppliers() {
  return useQuery({
    queryKey: ['admin', 'suppliers'],
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/v1/admin/suppliers')).data,
  });
}

export function useUnits(filters: Omit<UnitQuery, 'limit' | 'cursor'>) {
  return useInfiniteQuery({
    queryKey: ['admin', 'units', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/admin/units', {
          params: { query: { limit: 50, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'unit', id],
    enabled: id !== undefined,
    queryFn: async () => unwrap(await api.GET('/v1/admin/units/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

/** The SKU the unit would go under back in stock (graded `grade` when given), or why it cannot. */
export function useRestockPlan(id: string | undefined, grade: UnitGrade | undefined) {
  return useQuery({
    queryKey: ['admin', 'unit', id, 'restock-plan', grade ?? 'as-is'],
    enabled: id !== undefined,
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/admin/units/{id}/restock-plan', {
          params: { path: { id: id ?? '' }, query: grade === undefined ? {} : { grade } },
        }),
      ),
  });
}

export const useUnitTransition = () =>
  useCatalogMutation(async ({ id, body }: { id: string; body: UnitTransitionBody }) =>
    unwrap(await api.POST('/v1/admin/units/{id}/transitions', { params: { path: { id } }, body })),
  );

/**
 * Sends a CSV to the import route. A dry run answers the full per-row report; a strict import of
 * a file with bad rows answers 422 whose problem lists them, which the caller shows as well.
 */
export async function importUnits(
  csv: string,
  options: { dryRun: boolean; skipInvalid: boolean },
): Promise<ImportReport> {
  const result = await api.POST('/v1/admin/units/import', {
    params: { query: options },
    // The route reads a text/csv body, which its OpenAPI description does not declare.
    body: csv as never,
    bodySerializer: (body: unknown) => body as string,
    headers: { 'content-type': 'text/csv' },
  });
  return unwrap(result);
}

export function useProcurementOrders(status: ProcurementStatus | undefined) {
  return useInfiniteQuery({
    queryKey: ['admin', 'procurement', status ?? 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/admin/procurement-orders', {
          params: {
            query: { limit: PAGE_SIZE, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useProcurementAction = () =>
  useCatalogMutation(async ({ id, action }: { id: string; action: 'place' | 'cancel' }) =>
    action === 'place'
      ? unwrap(await api.POST('/v1/admin/procurement-orders/{id}/place', { params: { path: { id } } }))
      : unwrap(await api.POST('/v1/admin/procurement-orders/{id}/cancel', { params: { path: { id } } })),
  );

export type ReceiveBody = Body<paths['/v1/admin/procurement-orders/{id}/receive']['post']>;

export const useReceiveProcurement = () =>
  useCatalogMutation(async ({ id, body }: { id: string; body: ReceiveBody }) =>
    unwrap(await api.POST('/v1/admin/procurement-orders/{id}/receive', { params: { path: { id } }, body })),
  );

export function useSupplierFeed() {
  return useQuery({
    queryKey: ['admin', 'supplier-feed'],
    queryFn: async () => unwrap(await api.GET('/v1/admin/supplier-feed', { params: { query: { limit: 50 } } })).data,
  });
}
