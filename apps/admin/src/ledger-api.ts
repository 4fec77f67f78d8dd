// The ledger (trial balance, accounts, transfers) and the disputes queue, for the Finance pages of
// the console and a customer's wallet view.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api, problemError } from './api';

export type TrialBalance = components['schemas']['LedgerTrialBalance'];
export type TrialBalanceLine = TrialBalance['accounts'][number];
export type LedgerAccount = components['schemas']['LedgerAccount'];
export type LedgerTransfer = components['schemas']['LedgerTransfer'];
export type Dispute = components['schemas']['AdminDispute'];
export type AccountQuery = NonNullable<paths['/v1/admin/ledger/accounts']['get']['parameters']['query']>;
export type TransferQuery = NonNullable<paths['/v1/admin/ledger/transfers']['get']['parameters']['query']>;
export type DisputeQuery = NonNullable<paths['/v1/admin/disputes']['get']['parameters']['query']>;
export type LedgerCurrency = 'CNY' | 'POINTS';

const PAGE_SIZE = 50;

/** The data of an API answer, or its problem document thrown as a ProblemError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (data === undefined) throw problemError(error, response);
  return data;
}

/** A cursor-paged list: `fetchPage(cursor)` answers one page, `nextCursor` says where the next starts. */
export function useCursorPages<P>(options: {
  queryKey: readonly unknown[];
  fetchPage: (cursor: string | undefined) => Promise<P>;
  nextCursor: (page: P) => string | null;
  enabled?: boolean;
}) {
  return useInfiniteQuery({
    queryKey: options.queryKey,
    enabled: options.enabled ?? true,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => options.fetchPage(pageParam),
    getNextPageParam: (last) => options.nextCursor(last) ?? undefined,
  });
}

const cursorQuery = (cursor: string | undefined) => (cursor ? { cursor } : {});

/** The trial balance now, or as of the end of a business date (`YYYY-MM-DD`; today is now). */
export function useTrialBalance(currency: LedgerCurrency, asOfDate?: string) {
  return useQuery({
    queryKey: ['admin', 'ledger', 'trial-balance', currency, asOfDate ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/v1/admin/ledger/trial-balance', {
          params: { query: { currency, ...(asOfDate ? { asOf: asOfDate } : {}) } },
        }),
      ),
  });
}

/** Ledger accounts with their balances, newest first. */
export function useLedgerAccounts(
  filters: Omit<AccountQuery, 'limit' | 'cursor'>,
  options: { enabled?: boolean } = {},
) {
  return useCursorPages({
    queryKey: ['admin', 'ledger', 'accounts', filters],
    enabled: options.enabled,
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/ledger/accounts', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...cursorQuery(cursor) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

/** One account with its balances, and its postings newest first, `pageSize` at a time. */
export function useLedgerAccount(id: string | undefined, pageSize = PAGE_SIZE) {
  return useCursorPages({
    queryKey: ['admin', 'ledger', 'account', id, pageSize],
    enabled: id !== undefined,
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/ledger/accounts/{id}', {
          params: { path: { id: id ?? '' }, query: { limit: pageSize, ...cursorQuery(cursor) } },
        }),
      ),
    nextCursor: (page) => page.postings.nextCursor,
  });
}

/**
 * What an account holds, read the way the ledger's rules read it: the net of posted credits over
 * debits (a wallet's balance), and what remains after the debits on hold (what a wallet can spend).
 */
export function accountBalances(account: LedgerAccount) {
  const netCreditMinor = account.creditsPostedMinor - account.debitsPostedMinor;
  return { netCreditMinor, availableMinor: netCreditMinor - account.debitsPendingMinor };
}

export function useLedgerTransfers(filters: Omit<TransferQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: ['admin', 'ledger', 'transfers', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/ledger/transfers', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...cursorQuery(cursor) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useDisputes(filters: Omit<DisputeQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: ['admin', 'disputes', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/disputes', { params: { query: { limit: PAGE_SIZE, ...filters, ...cursorQuery(cursor) } } }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export interface ResolveInput {
  id: string;
  outcome: 'refund' | 'reversal' | 'rejected';
  amountMinor?: number;
  note: string;
}

export function useResolveDispute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ResolveInput) =>
      unwrap(api.POST('/v1/admin/disputes/{id}/resolve', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'disputes'] }),
  });
}

export function useDecideDisputeRefund() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'approve' | 'decline'; note?: string }) =>
      decision === 'approve'
        ? unwrap(api.POST('/v1/admin/disputes/{id}/approve-refund', { params: { path: { id } } }))
        : unwrap(
            api.POST('/v1/admin/disputes/{id}/decline-refund', {
              params: { path: { id } },
              body: { note: note ?? '' },
            }),
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'disputes'] }),
  });
}
