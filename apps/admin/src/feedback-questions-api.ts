// The console's preset-question editor: the questions with their state, one question's versions, and
// the changes (a new question, a new version, retire, bring back, the order). Every change names the
// version it was made on; the server answers 409 when another change came first.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap } from './ledger-api';

export type AdminQuestion = components['schemas']['FeedbackQuestionAdmin'];
export type QuestionVersionView = components['schemas']['FeedbackQuestionVersion'];
export type QuestionKind = AdminQuestion['kind'];
export type QuestionState = AdminQuestion['state'];
export type NewQuestionBody =
  paths['/v1/admin/feedback/questions']['post']['requestBody']['content']['application/json'];
export type QuestionVersionBody =
  paths['/v1/admin/feedback/questions/{key}/versions']['post']['requestBody']['content']['application/json'];

const key = ['admin', 'feedback', 'questions'] as const;

export function useFeedbackQuestions() {
  return useQuery({
    queryKey: [...key, 'list'],
    queryFn: () => unwrap(api.GET('/v1/admin/feedback/questions')),
  });
}

export function useQuestionHistory(questionKey: string | null) {
  return useQuery({
    queryKey: [...key, 'history', questionKey],
    enabled: questionKey !== null,
    queryFn: () =>
      unwrap(api.GET('/v1/admin/feedback/questions/{key}', { params: { path: { key: questionKey ?? '' } } })),
  });
}

function useQuestionMutation<I>(fn: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // A refused change (409: someone else came first) also shows the questions as they are now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export const useCreateQuestion = () =>
  useQuestionMutation((body: NewQuestionBody) => unwrap(api.POST('/v1/admin/feedback/questions', { body })));

export const usePublishQuestion = () =>
  useQuestionMutation(({ questionKey, body }: { questionKey: string; body: QuestionVersionBody }) =>
    unwrap(api.POST('/v1/admin/feedback/questions/{key}/versions', { params: { path: { key: questionKey } }, body })),
  );

export const useRetireQuestion = () =>
  useQuestionMutation(({ questionKey, version }: { questionKey: string; version: number }) =>
    unwrap(
      api.POST('/v1/admin/feedback/questions/{key}/retire', {
        params: { path: { key: questionKey } },
        body: { version },
      }),
    ),
  );

export const useRestoreQuestion = () =>
  useQuestionMutation(({ questionKey, version }: { questionKey: string; version: number }) =>
    unwrap(
      api.POST('/v1/admin/feedback/questions/{key}/restore', {
        params: { path: { key: questionKey } },
        body: { version },
      }),
    ),
  );

export const useOrderQuestions = () =>
  useQuestionMutation((keys: string[]) => unwrap(api.POST('/v1/admin/feedback/questions/order', { body: { keys } })));
