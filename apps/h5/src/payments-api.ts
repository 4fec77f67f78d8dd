// Paying through a channel (Alipay, WeChat Pay): one payment of mine, followed until it is decided,
// and — in sandbox mode — the sandbox's cashier, where a person pays, fails or walks away.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api } from './api';
import { unwrap } from './wallet-api';

export type Payment = components['schemas']['Payment'];
type PaymentState = Payment['state'];

const POLL_MS = 1000;
/** Still being decided: the channel has not answered our create, or the payer has not paid yet. */
const OPEN_STATES: Record<PaymentState, boolean> = {
  created: true,
  pending: true,
  unknown: true,
  succeeded: false,
  failed: false,
  closed: false,
};

export function isPaymentOpen(state: PaymentState): boolean {
  return OPEN_STATES[state];
}

/** One of my payments, asked again every second while `polling` and the payment is open. */
export function usePayment(id: string, polling: boolean) {
  return useQuery({
    queryKey: ['payments', id],
    queryFn: () => unwrap(api.GET('/v1/payments/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      // Until the channel answered our create there is no cashier yet: ask again quickly.
      if (state === 'created' || state === 'unknown') return POLL_MS;
      return polling && state !== undefined && isPaymentOpen(state) ? POLL_MS : false;
    },
  });
}

/** The sandbox's trade behind a cashier URL (`…/<tradeId>`): what the payer is about to pay, and to whom. */
export function useSandboxTrade(cashierUrl: string | null | undefined) {
  const tradeId = cashierUrl?.split('/').at(-1);
  return useQuery({
    queryKey: ['sandbox-trade', tradeId],
    enabled: tradeId !== undefined && tradeId !== '',
    queryFn: () =>
      unwrap(api.GET('/v1/sandbox/payments/cashier/{tradeId}', { params: { path: { tradeId: tradeId ?? '' } } })),
  });
}

export type CashierOutcome = 'pay' | 'fail' | 'abandon';

/** The sandbox cashier's buttons; a payment makes the channel send its signed callback. */
export function useActAtCashier() {
  return useMutation({
    mutationFn: ({ tradeId, outcome }: { tradeId: string; outcome: CashierOutcome }) =>
      unwrap(api.POST('/v1/sandbox/payments/cashier/{tradeId}/{outcome}', { params: { path: { tradeId, outcome } } })),
  });
}
