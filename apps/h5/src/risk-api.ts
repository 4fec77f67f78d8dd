// The customer's credit decisions (the result, the reasons, the appeal) and their one appeal of a
// rejection.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api } from './api';
import { useSession } from './session';
import { unwrap } from './wallet-api';

export type MyDecision = components['schemas']['RiskMyDecision'];
export type Outcome = MyDecision['outcome'];

const key = ['risk', 'decisions'] as const;

export function useMyDecisions() {
  const session = useSession();
  return useQuery({
    queryKey: key,
    enabled: session !== null,
    queryFn: () => unwrap(api.GET('/v1/risk/decisions')),
  });
}

export function useAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, text }: { id: string; text: string }) =>
      unwrap(api.POST('/v1/risk/decisions/{id}/appeal', { params: { path: { id } }, body: { text } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
