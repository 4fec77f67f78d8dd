// Payments for the console: search, refunds and their four-eyes queue, reconciliation runs (docs/payments.md).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { unwrap, useCursorPages } from './ledger-api';

export type StaffPayment = components['schemas']['StaffPayment'];
export type PaymentRefund = components['schemas']['PaymentRefund'];
export type PaymentQuery = NonNullable<paths['/v1/admin/payments']['get']['parameters']['query']>;
export type PaymentState = StaffPayment['state'];
export type PaymentChannel = StaffPayment['channel'];
export type RefundState = PaymentRefund['state'];
export type ReconciliationRun =
  paths['/v1/admin/reconciliation']['get']['responses']['200']['content']['application/json']['data'][number];
export type MismatchKind = ReconciliationRun['mismatches'][number]['kind'];
export type StaffAgreement = components['schemas']['StaffPaymentAgreement'];

const key = ['admin', 'payments'] as const;

export function usePayments(filters: Omit<PaymentQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...key, 'list', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/payments', { params: { query: { limit: 50, ...filters, ...(cursor ? { cursor } : {}) } } }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useRefunds(state: RefundState | undefined) {
  return useCursorPages({
    queryKey: [...key, 'refunds', state],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/refunds', {
          params: { query: { limit: 50, ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useReconciliationRuns() {
  return useCursorPages({
    queryKey: [...key, 'reconciliation'],
    fetchPage: (cursor) =>
      unwrap(api.GET('/v1/admin/reconciliation', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })),
    nextCursor: (page) => page.nextCursor,
  });
}

/** A customer's auto-debit agreements with where a requested unsign stands (payments.read). */
export function useCustomerAgreements(customerId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'agreements', customerId],
    enabled: enabled && customerId !== undefined,
    queryFn: () =>
      unwrap(api.GET('/v1/admin/payments/agreements', { params: { query: { customerId: customerId ?? '' } } })),
  });
}

/** Asks the channel again, now, to end an agreement whose unsign is stuck (payments.refund; audited). */
export function useRetryUnsign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/v1/admin/payments/agreements/{id}/retry-unsign', { params: { path: { id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: [...key, 'agreements'] }),
  });
}

export function usePaymentDetail() {
  return useMutation({
    mutationFn: (id: string) => unwrap(api.GET('/v1/admin/payments/{id}', { params: { path: { id } } })),
  });
}

/** Asks for a refund (the maker); above ¥500 another staff member approves it. */
export function useRequestRefund() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, amountMinor, reason }: { id: string; amountMinor: number; reason: string }) =>
      unwrap(api.POST('/v1/payments/{id}/refunds', { params: { path: { id } }, body: { amountMinor, reason } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** Approves or rejects a refund waiting for a second staff member (the checker). */
export function useDecideRefund() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
      decision === 'approve'
        ? unwrap(api.POST('/v1/admin/refunds/{id}/approve', { params: { path: { id } } }))
        : unwrap(api.POST('/v1/admin/refunds/{id}/reject', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRunReconciliation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { channel: PaymentChannel; businessDate?: string }) =>
      unwrap(api.POST('/v1/admin/reconciliation', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export type PaymentDetail = paths['/v1/admin/payments/{id}']['get']['responses']['200']['content']['application/json'];
export type PaymentsSettings =
  paths['/v1/admin/payments-settings']['get']['responses']['200']['content']['application/json'];

/** One payment with its state changes, refunds, payer (masked) and ledger postings, for its page. */
export function usePayment(id: string | undefined) {
  return useQuery({
    queryKey: [...key, 'one', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/v1/admin/payments/{id}', { params: { path: { id: id as string } } })),
  });
}

export function usePaymentsSettings() {
  return useQuery({ queryKey: [...key, 'settings'], queryFn: () => unwrap(api.GET('/v1/admin/payments-settings')) });
}

/** Administrators only: the refund approval threshold and/or the pre-debit notice lead time (audited by the server). */
export function useSavePaymentsSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { refundApprovalAboveMinor?: number; papayNoticeLeadSeconds?: number }) =>
      unwrap(api.PUT('/v1/admin/payments-settings', { body })),
    onSuccess: (saved) => queryClient.setQueryData([...key, 'settings'], saved),
  });
}

export type ChannelHealth =
  paths['/v1/admin/payment-channels']['get']['responses']['200']['content']['application/json']['data'][number];

/** Each channel's health, asked again every 15 s while the page is open (the breaker's cool-down is 30 s). */
export function useChannelHealth() {
  return useQuery({
    queryKey: [...key, 'channels'],
    queryFn: () => unwrap(api.GET('/v1/admin/payment-channels')),
    refetchInterval: 15_000,
  });
}
