// The returns desk's data: the queue of returned phones, one order at the desk (the phone, the hold
// left, the price list for it, its inspection), a live quote of a grade, photo uploads, grading.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { useObjectUrl } from './hooks';
import { unwrap, useCursorPages } from './ledger-api';

export type DeskEntry = components['schemas']['ReturnsDeskEntry'];
export type RentalInspection = components['schemas']['RentalInspection'];
export type Grade = RentalInspection['grade'];
export type DeskStatus = NonNullable<
  NonNullable<paths['/v1/admin/inspections']['get']['parameters']['query']>['status']
>;
export type GradeBody = paths['/v1/admin/inspections/{id}/quote']['post']['requestBody']['content']['application/json'];
export type InspectionQuote =
  paths['/v1/admin/inspections/{id}/quote']['post']['responses']['200']['content']['application/json'];

const KEY = ['admin', 'inspections'] as const;
const PAGE_SIZE = 50;

export function useReturnsQueue(status: DeskStatus) {
  return useCursorPages({
    queryKey: [...KEY, 'queue', status],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/inspections', {
          params: { query: { status, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useDeskOrder(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'order', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/v1/admin/inspections/{id}', { params: { path: { id: id as string } } })),
  });
}

/** The grade priced by the server (the same function that grading charges), as the form changes. */
export function useInspectionQuote(id: string, body: GradeBody | null) {
  return useQuery({
    queryKey: [...KEY, 'quote', id, body],
    enabled: body !== null,
    placeholderData: (previous) => previous,
    queryFn: () =>
      unwrap(api.POST('/v1/admin/inspections/{id}/quote', { params: { path: { id } }, body: body as GradeBody })),
  });
}

export function useUploadInspectionPhoto() {
  return useMutation({
    mutationFn: async ({ id, file }: { id: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      // The route takes multipart/form-data, which its OpenAPI description does not declare.
      return unwrap(
        api.POST('/v1/admin/inspections/{id}/photos', {
          params: { path: { id } },
          body: form as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      );
    },
  });
}

export function useGradeReturn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: GradeBody & { photos: string[]; note?: string } }) =>
      unwrap(api.POST('/v1/admin/inspections/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** A stored photo of a graded return, fetched with the staff token, as an object URL. */
export function useInspectionPhotoUrl(orderId: string, file: string): string | undefined {
  const blob = useQuery({
    queryKey: [...KEY, 'photo', orderId, file],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () =>
      unwrap(
        api.GET('/v1/admin/inspections/{id}/photos/{file}', {
          params: { path: { id: orderId, file } },
          parseAs: 'blob',
        }),
      ),
  }).data;
  return useObjectUrl(blob as Blob | undefined);
}

/** A return parcel lost by the courier: what confirming it would do (or why not), and the claim filed. */
export function useReturnLost(id: string) {
  return useQuery({
    queryKey: [...KEY, 'lost', id],
    queryFn: () => unwrap(api.GET('/v1/admin/returns/{id}/lost', { params: { path: { id } } })),
  });
}

export function useConfirmReturnLost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/v1/admin/returns/{id}/lost', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export type DisputeCreditQuote =
  paths['/v1/admin/rentals/{id}/inspection/dispute/quote']['post']['responses']['200']['content']['application/json'];
export type ResolveDisputeBody =
  paths['/v1/admin/rentals/{id}/inspection/dispute/resolve']['post']['requestBody']['content']['application/json'];
export type DisputeOutcome = ResolveDisputeBody['outcome'];

/** What crediting the dispute would move (the server's own split), before it moves it. */
export function useDisputeCreditQuote(id: string, creditMinor: number | null) {
  return useQuery({
    queryKey: [...KEY, 'dispute-quote', id, creditMinor],
    enabled: creditMinor !== null && creditMinor > 0,
    retry: false,
    queryFn: () =>
      unwrap(
        api.POST('/v1/admin/rentals/{id}/inspection/dispute/quote', {
          params: { path: { id } },
          body: { creditMinor: creditMinor as number },
        }),
      ),
  });
}

export function useResolveDispute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResolveDisputeBody }) =>
      unwrap(api.POST('/v1/admin/rentals/{id}/inspection/dispute/resolve', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useApproveDisputeCredit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/v1/admin/rentals/{id}/inspection/dispute/approve', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
