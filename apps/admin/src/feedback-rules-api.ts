// The console's classification-rule editor: the current rule set and its versions, the suggestions
// from handlers' corrections, trying a draft (nothing saved) and publishing a new version. A
// publication names the version it was edited from; the server answers 409 when another came first.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap } from './ledger-api';

export type RuleSet = components['schemas']['FeedbackRuleSet'];
export type RuleSetVersion = components['schemas']['FeedbackRuleSetVersion'];
export type ClassificationRule = RuleSet['rules'][number];
export type TermRule = Extract<ClassificationRule, { kind: 'terms' }>;
export type FactRule = Extract<ClassificationRule, { kind: 'fact' }>;
export type FactName = FactRule['when']['fact'];
export type RuleCategory = ClassificationRule['category'];
export type PublishRulesBody = paths['/v1/admin/feedback/rules']['post']['requestBody']['content']['application/json'];
export type TrialBody = paths['/v1/admin/feedback/rules/preview']['post']['requestBody']['content']['application/json'];
export type Trial =
  paths['/v1/admin/feedback/rules/preview']['post']['responses']['200']['content']['application/json'];
export type RuleSuggestion =
  paths['/v1/admin/feedback/rules/suggestions']['get']['responses']['200']['content']['application/json']['data'][number];

const key = ['admin', 'feedback', 'rules'] as const;

export function useFeedbackRules() {
  return useQuery({ queryKey: [...key, 'current'], queryFn: () => unwrap(api.GET('/v1/admin/feedback/rules')) });
}

export function useRuleSuggestions() {
  return useQuery({
    queryKey: [...key, 'suggestions'],
    queryFn: () => unwrap(api.GET('/v1/admin/feedback/rules/suggestions')),
  });
}

/** Classifies a sample with a draft; nothing is stored (a POST that changes nothing). */
export function useTryRules() {
  return useMutation({
    mutationFn: (body: TrialBody) => unwrap(api.POST('/v1/admin/feedback/rules/preview', { body })),
  });
}

export function usePublishRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishRulesBody) => unwrap(api.POST('/v1/admin/feedback/rules', { body })),
    // A refused publication (409: someone else came first) also shows the rules as they are now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
