// The contracts pages' data: contracts (paged, by state and customer, or found by id), one contract
// with its evidence entries, its PDF and proof bundle, and the daily evidence roots with a fresh
// verification of the whole chain.
import { useQuery } from '@tanstack/react-query';
import type { paths } from '@zulin/sdk';
import { saveBlob } from '@zulin/web';
import { api } from './api';
import { unwrap, useCursorPages } from './ledger-api';

export type ContractQuery = NonNullable<paths['/v1/admin/contracts']['get']['parameters']['query']>;
type ContractsPage = paths['/v1/admin/contracts']['get']['responses'][200]['content']['application/json'];
export type AdminContract = ContractsPage['data'][number];
export type ContractStatus = AdminContract['status'];
export type ContractDetail = paths['/v1/admin/contracts/{id}']['get']['responses'][200]['content']['application/json'];
export type EvidenceEntry = ContractDetail['evidence'][number];
export type EvidenceRoot =
  paths['/v1/admin/evidence/roots']['get']['responses'][200]['content']['application/json']['data'][number];

const PAGE_SIZE = 50;
const KEY = ['admin', 'contracts'] as const;

export function useContracts(filters: Omit<ContractQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...KEY, 'list', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/contracts', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useContractDetail(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/v1/admin/contracts/{id}', { params: { path: { id: id as string } } })),
  });
}

export function useEvidenceRoots() {
  return useQuery({ queryKey: [...KEY, 'roots'], queryFn: () => unwrap(api.GET('/v1/admin/evidence/roots')) });
}

export function useEvidenceVerification() {
  return useQuery({
    queryKey: [...KEY, 'verification'],
    queryFn: () => unwrap(api.GET('/v1/admin/evidence/verification')),
  });
}

/** The files need the bearer token: fetched through the client and handed to the browser as blobs. */
export async function downloadContractPdf(contract: Pick<AdminContract, 'id' | 'status'>): Promise<void> {
  const blob = await unwrap(
    api.GET('/v1/admin/contracts/{id}/pdf', { params: { path: { id: contract.id } }, parseAs: 'blob' }),
  );
  saveBlob(blob, `zulin-contract-${contract.id}${contract.status === 'signed' ? '-signed' : '-draft'}.pdf`);
}

export async function downloadProofBundle(contractId: string): Promise<void> {
  const blob = await unwrap(
    api.GET('/v1/admin/contracts/{id}/proof-bundle', { params: { path: { id: contractId } }, parseAs: 'blob' }),
  );
  saveBlob(blob, `zulin-proof-${contractId}.zip`);
}
