// The customer's feedback: the preset questions, uploading photos, sending feedback (general or the
// rating of a finished rental) and "my feedback" with the replies.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import type { ErrorScreenEntry } from './error-screen';
import { useSession } from './session';
import { unwrap } from './wallet-api';

export type MyFeedback = components['schemas']['MyFeedback'];
export type FeedbackQuestion = components['schemas']['FeedbackQuestion'];
export type FeedbackRating = NonNullable<MyFeedback['rating']>;
export type FeedbackUpload = components['schemas']['FeedbackUpload'];
export type ThanksEntry =
  paths['/v1/feedback/thanks']['get']['responses'][200]['content']['application/json']['data'][number];

const key = ['feedback'] as const;

export function useMyFeedback() {
  const session = useSession();
  return useQuery({
    queryKey: [...key, 'mine'],
    enabled: session !== null,
    queryFn: () => unwrap(api.GET('/v1/feedback')),
  });
}

export function useFeedbackQuestions() {
  const session = useSession();
  return useQuery({
    queryKey: [...key, 'questions'],
    enabled: session !== null,
    staleTime: 600_000,
    queryFn: () => unwrap(api.GET('/v1/feedback/questions')),
  });
}

/** The public thanks wall (no sign-in needed): masked names and the day each was thanked, newest first. */
export function useThanksList() {
  return useQuery({
    queryKey: [...key, 'thanks'],
    queryFn: () => unwrap(api.GET('/v1/feedback/thanks')),
  });
}

/** Uploads one file as multipart form data (the server checks its type by its first bytes). */
export function useUploadMedia() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return unwrap(
        api.POST('/v1/uploads', {
          // The route takes multipart/form-data, which its OpenAPI description does not declare.
          body: form as never,
          bodySerializer: (body: unknown) => body as FormData,
        }),
      ) as Promise<FeedbackUpload>;
    },
  });
}

export interface FeedbackInput {
  rating?: FeedbackRating;
  text: string;
  anonymous: boolean;
  /** A scale's 0–10, the chosen choice ids, or a text. */
  answers: { questionId: string; value: number | string | string[] }[];
  mediaIds: string[];
  orderId?: string;
  /** Named feedback only: may appear on the public thanks wall once marked valuable. */
  thanksOptIn?: boolean;
  /** General feedback sent with 反馈问题 under an error. */
  entry?: ErrorScreenEntry;
}

export function useSendFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FeedbackInput) => {
      const { orderId, rating, entry, ...rest } = input;
      if (orderId !== undefined && rating !== undefined) {
        return unwrap(
          api.POST('/v1/rentals/{id}/rating', { params: { path: { id: orderId } }, body: { rating, ...rest } }),
        );
      }
      return unwrap(
        api.POST('/v1/feedback', { body: { ...rest, ...(rating ? { rating } : {}), ...(entry ? { entry } : {}) } }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'mine'] }),
  });
}
