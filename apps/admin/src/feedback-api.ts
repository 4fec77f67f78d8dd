// The feedback queue of the console: search and filters, one entry, replying, marking valuable and
// correcting the category. Anonymous entries come without any customer field (the server's rule).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { useObjectUrl } from './hooks';
import { unwrap, useCursorPages } from './ledger-api';

export type HandlerFeedback = components['schemas']['HandlerFeedback'];
export type FeedbackQuery = NonNullable<paths['/v1/admin/feedback']['get']['parameters']['query']>;
export type FeedbackCategory = NonNullable<HandlerFeedback['category']>;
export type FeedbackRating = NonNullable<HandlerFeedback['rating']>;
export type FeedbackSource = HandlerFeedback['source'];
export type HandlingState = HandlerFeedback['handling']['state'];
export type FeedbackSla = HandlerFeedback['handling']['sla'];
export type FeedbackSort = NonNullable<FeedbackQuery['sort']>;

const PAGE_SIZE = 50;
const key = ['admin', 'feedback'] as const;

export function useFeedbackQueue(filters: Omit<FeedbackQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...key, 'list', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/feedback', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useFeedbackEntry(id: string | null) {
  return useQuery({
    queryKey: [...key, 'one', id],
    enabled: id !== null,
    queryFn: () => unwrap(api.GET('/v1/admin/feedback/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

function useFeedbackMutation<I>(fn: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
}

export const useReplyToFeedback = () =>
  useFeedbackMutation(({ id, text }: { id: string; text: string }) =>
    unwrap(api.POST('/v1/admin/feedback/{id}/replies', { params: { path: { id } }, body: { text } })),
  );

export const useMarkValuable = () =>
  useFeedbackMutation(({ id }: { id: string }) =>
    unwrap(api.POST('/v1/admin/feedback/{id}/valuable', { params: { path: { id } } })),
  );

export const useCorrectCategory = () =>
  useFeedbackMutation(({ id, category, note }: { id: string; category: FeedbackCategory; note?: string }) =>
    unwrap(
      api.POST('/v1/admin/feedback/{id}/category', {
        params: { path: { id } },
        body: { category, ...(note === undefined ? {} : { note }) },
      }),
    ),
  );

/** Who a feedback may be assigned to (active staff whose role handles feedback). */
export function useFeedbackHandlers() {
  return useQuery({
    queryKey: [...key, 'handlers'],
    staleTime: 300_000,
    queryFn: () => unwrap(api.GET('/v1/admin/feedback/handlers')),
  });
}

export const useAssignFeedback = () =>
  useFeedbackMutation(({ id, assigneeId }: { id: string; assigneeId?: string }) =>
    unwrap(
      api.POST('/v1/admin/feedback/{id}/assign', {
        params: { path: { id } },
        body: assigneeId === undefined ? {} : { assigneeId },
      }),
    ),
  );

export const useAddFeedbackNote = () =>
  useFeedbackMutation(({ id, text }: { id: string; text: string }) =>
    unwrap(api.POST('/v1/admin/feedback/{id}/notes', { params: { path: { id } }, body: { text } })),
  );

export const useResolveFeedback = () =>
  useFeedbackMutation(({ id }: { id: string }) =>
    unwrap(api.POST('/v1/admin/feedback/{id}/resolve', { params: { path: { id } } })),
  );

/**
 * A photo of an entry as an object URL: the media routes need the bearer token, which an
 * `<img src>` cannot send, so the file is fetched through the client. Revoked when the key changes
 * or the component leaves.
 */
export function useFeedbackMediaUrl(feedbackId: string, mediaKey: string): string | undefined {
  const blob = useQuery({
    queryKey: [...key, 'media', feedbackId, mediaKey],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () =>
      unwrap(
        api.GET('/v1/admin/feedback/{id}/media/{key}', {
          params: { path: { id: feedbackId, key: mediaKey } },
          parseAs: 'blob',
        }),
      ),
  }).data;
  return useObjectUrl(blob as Blob | undefined);
}
