// Feedback's operator settings: the rating window of a finished rental and its reminder day.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api } from './api';
import { unwrap } from './ledger-api';

export type RatingWindow = components['schemas']['RatingWindowSettings']['ratingWindow'];

const KEY = ['feedback', 'rating-window'] as const;

export function useRatingWindow() {
  return useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/v1/admin/feedback/rating-window')) });
}

export function useSaveRatingWindow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RatingWindow) => unwrap(api.PUT('/v1/admin/feedback/rating-window', { body })),
    onSuccess: (saved) => client.setQueryData(KEY, saved),
  });
}
