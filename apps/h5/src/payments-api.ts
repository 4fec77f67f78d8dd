// Paying through a channel (Alipay, WeChat Pay): one payment of mine, followed until it is decided,
// and — in sandbox mode — the sandbox's cashier, where a person pays, fails or walks away.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export type Agreement = components['schemas']['PaymentAgreement'];

/** Where the sandbox's agreement page sends the payer back (Alipay's return_url, played by the app). */
const AGREEMENT_BACK_KEY = 'zulin.agreementBack';

/** My auto-debit agreements, newest first; the live one is the first being signed or in force. */
export function useMyAgreements() {
  return useQuery({
    queryKey: ['payments', 'agreements'],
    queryFn: async () => (await unwrap(api.GET('/v1/payments/agreements'))).data,
  });
}

export function liveAgreement(agreements: readonly Agreement[] | undefined): Agreement | undefined {
  return agreements?.find((a) => a.state === 'signing' || a.state === 'active');
}

/** Asks for an agreement and opens the channel's sign page, to come back to `back` afterwards. */
export function useStartAgreement() {
  return useMutation({
    mutationFn: async ({ back, channel }: { back: string; channel: 'alipay' | 'wechatpay' }) => {
      const agreement = await unwrap(api.POST('/v1/payments/agreements', { body: { channel } }));
      return { agreement, back };
    },
    onSuccess: ({ agreement, back }) => {
      if (!agreement.signUrl) return;
      try {
        sessionStorage.setItem(AGREEMENT_BACK_KEY, back);
      } catch {
        // Blocked storage: the sign page goes back to the home page.
      }
      window.location.assign(agreement.signUrl);
    },
  });
}

/** Where to go once the agreement page is done: the page that opened it, else home. */
export function agreementBack(): string {
  try {
    const back = sessionStorage.getItem(AGREEMENT_BACK_KEY);
    return back?.startsWith('/') && !back.startsWith('//') ? back : '/';
  } catch {
    return '/';
  }
}

/** Asks the channel whether my agreement was signed (or ended) and records it. */
export function useRefreshAgreement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/payments/agreements/{id}/refresh', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['payments', 'agreements'] }),
  });
}

/** Ends my agreement at the channel: no rent is auto-debited afterwards. */
export function useUnsignAgreement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/payments/agreements/{id}/unsign', { params: { path: { id } } })),
    // Settled, not only succeeded: a 503 keeps the request (the agreement shows unsignRequestedAt).
    onSettled: () => client.invalidateQueries({ queryKey: ['payments', 'agreements'] }),
  });
}

/** The sandbox's agreement page: what the payer is asked to authorise. */
export function useSandboxAgreement(agreementId: string) {
  return useQuery({
    queryKey: ['sandbox-agreement', agreementId],
    queryFn: () =>
      unwrap(api.GET('/v1/sandbox/payments/agreements/{agreementId}', { params: { path: { agreementId } } })),
  });
}

/** The sandbox agreement page's buttons: agree (TEMP → NORMAL) or refuse (→ STOP). */
export function useActOnSandboxAgreement() {
  return useMutation({
    mutationFn: ({ agreementId, outcome }: { agreementId: string; outcome: 'sign' | 'refuse' }) =>
      outcome === 'sign'
        ? unwrap(api.POST('/v1/sandbox/payments/agreements/{agreementId}/sign', { params: { path: { agreementId } } }))
        : unwrap(
            api.POST('/v1/sandbox/payments/agreements/{agreementId}/refuse', { params: { path: { agreementId } } }),
          ),
  });
}
