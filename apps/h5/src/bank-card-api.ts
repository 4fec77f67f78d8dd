// Bank cards (bind, list, remove) and the wallet's second factor (an SMS step-up code, or a TOTP
// authenticator the customer enrolls).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api, problemError } from './api';
import { useSession } from './session';
import { unwrap, walletQueryKey } from './wallet-api';

export type BankCard = components['schemas']['BankCard'];

const cardsQueryKey = [...walletQueryKey, 'bank-cards'] as const;

export function useBankCards() {
  const session = useSession();
  return useQuery({
    queryKey: cardsQueryKey,
    enabled: session !== null,
    queryFn: async () => (await unwrap(api.GET('/v1/bank-cards'))).data,
  });
}

export function useBindBankCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (cardNumber: string) => unwrap(api.POST('/v1/bank-cards', { body: { cardNumber } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cardsQueryKey }),
  });
}

const secondFactorKey = [...walletQueryKey, 'second-factor'] as const;

/** Whether the authenticator is set up (`none`, `pending` or `active`); SMS is always available. */
export function useSecondFactorStatus() {
  const session = useSession();
  return useQuery({
    queryKey: secondFactorKey,
    enabled: session !== null,
    queryFn: () => unwrap(api.GET('/v1/wallet/second-factor')),
  });
}

export function useEnrollSecondFactor() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/v1/wallet/second-factor')) });
}

export function useConfirmSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/v1/wallet/second-factor/confirm', { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: secondFactorKey }),
  });
}

/** Removes a card (204); the server keeps it, marked removed, for the history of its withdrawals. */
export function useRemoveBankCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error, response } = await api.DELETE('/v1/bank-cards/{id}', { params: { path: { id } } });
      if (!response.ok) throw problemError(error, response);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cardsQueryKey }),
  });
}

/** What an SMS step-up code is asked for: the one withdrawal or transfer it will authorise. */
export type StepUpOperation =
  paths['/v1/wallet/second-factor/sms']['post']['requestBody']['content']['application/json'];

/** Sends an SMS step-up code for one operation to the customer's own phone (one a minute, 10 a day). */
export function useSendStepUpSms() {
  return useMutation({
    mutationFn: (operation: StepUpOperation) => unwrap(api.POST('/v1/wallet/second-factor/sms', { body: operation })),
  });
}
