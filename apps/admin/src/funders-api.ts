// The console's funder partners (资金方): the list, adding one, issuing its API key, assigning an
// installment order to a funder, and downloading a funder's monthly statement (CSV).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@zulin/sdk';
import { saveBlob } from '@zulin/web';
import { api } from './api';
import { unwrap } from './ledger-api';

type FundersList = paths['/v1/admin/installment-funders']['get']['responses'][200]['content']['application/json'];
export type Funder = FundersList['items'][number];
export type NewFunder = NonNullable<
  paths['/v1/admin/installment-funders']['post']['requestBody']
>['content']['application/json'];

const KEY = ['admin', 'installment-funders'] as const;

export function useFunders() {
  return useQuery({ queryKey: [...KEY], queryFn: () => unwrap(api.GET('/v1/admin/installment-funders')) });
}

export function useCreateFunder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewFunder) => unwrap(api.POST('/v1/admin/installment-funders', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useIssueFunderKey() {
  return useMutation({
    mutationFn: (funderId: string) =>
      unwrap(api.POST('/v1/admin/installment-funders/{id}/api-keys', { params: { path: { id: funderId } } })),
  });
}

export function useAssignFunder(orderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (funderId: string) =>
      unwrap(
        api.POST('/v1/admin/installment-orders/{id}/funder', { params: { path: { id: orderId } }, body: { funderId } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

/** The CSV needs the bearer token: fetched through the client and handed to the browser as a blob. */
export async function downloadFunderStatement(funderId: string, month: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/v1/admin/installment-funders/{id}/statements/{month}', {
      params: { path: { id: funderId, month } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, `zulin-funder-${funderId}-${month}.csv`);
}

type SettlementsList =
  paths['/v1/admin/installment-funders/{id}/settlements']['get']['responses'][200]['content']['application/json'];
export type FunderSettlement = SettlementsList['items'][number];
export type SettlementStatus = FunderSettlement['status'];
export type SettlementPreview =
  paths['/v1/admin/installment-funders/{id}/settlement-preview']['get']['responses'][200]['content']['application/json'];

const settlementsKey = (funderId: string) => [...KEY, funderId, 'settlements'] as const;

/** What a settlement run would pay now, and the funder's settlements. */
export function useFunderSettlements(funderId: string | null) {
  const preview = useQuery({
    queryKey: [...settlementsKey(funderId ?? ''), 'preview'],
    enabled: funderId !== null,
    queryFn: () =>
      unwrap(
        api.GET('/v1/admin/installment-funders/{id}/settlement-preview', {
          params: { path: { id: funderId ?? '' } },
        }),
      ),
  });
  const list = useQuery({
    queryKey: [...settlementsKey(funderId ?? ''), 'list'],
    enabled: funderId !== null,
    queryFn: () =>
      unwrap(api.GET('/v1/admin/installment-funders/{id}/settlements', { params: { path: { id: funderId ?? '' } } })),
  });
  return { preview, list };
}

export function useSettleFunder(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { amountMinor: number; bankReference: string }) =>
      unwrap(api.POST('/v1/admin/installment-funders/{id}/settlements', { params: { path: { id: funderId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDecideSettlement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: { id: string; approve: true } | { id: string; approve: false; reason: string }) =>
      decision.approve
        ? unwrap(
            api.POST('/v1/admin/installment-funder-settlements/{id}/approve', {
              params: { path: { id: decision.id } },
            }),
          )
        : unwrap(
            api.POST('/v1/admin/installment-funder-settlements/{id}/reject', {
              params: { path: { id: decision.id } },
              body: { reason: decision.reason },
            }),
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
