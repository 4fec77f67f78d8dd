// The analysis dashboard's data: feedback ratings, NPS, categories and top words; ticket and chat
// volume with SLA attainment and chat ratings.
import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { unwrap } from './ledger-api';

export function useFeedbackAnalysis(period: 'week' | 'month') {
  return useQuery({
    queryKey: ['admin', 'feedback', 'analysis', period],
    queryFn: () => unwrap(api.GET('/v1/admin/feedback/analysis', { params: { query: { period, words: 30 } } })),
  });
}

export function useSupportStats() {
  return useQuery({
    queryKey: ['admin', 'support', 'stats'],
    queryFn: () => unwrap(api.GET('/v1/admin/support/stats')),
  });
}
