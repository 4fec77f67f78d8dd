// The customer's contracts: the list, one contract, its PDF (the sealed copy once signed), asking for
// the SMS code that binds consent to the document, and signing.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveBlob } from '@zulin/web';
import { api } from './api';
import { useSession } from './session';
import { unwrap } from './wallet-api';

async function fetchContract(id: string) {
  return unwrap(api.GET('/v1/contracts/{id}', { params: { path: { id } } }));
}

export type Contract = Awaited<ReturnType<typeof fetchContract>>;
export type ContractStatus = Contract['status'];
export type ContractFilter = 'draft' | 'signed';
export type SignatureInput = { kind: 'drawn'; dataUrl: string } | { kind: 'typed'; name: string };

const contractsKey = ['contracts'] as const;

export function useContracts(status: ContractFilter | undefined) {
  const session = useSession();
  return useInfiniteQuery({
    queryKey: [...contractsKey, 'list', status ?? 'all'],
    enabled: session !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/contracts', {
          params: { query: { limit: 10, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useContract(id: string) {
  return useQuery({ queryKey: [...contractsKey, 'one', id], queryFn: () => fetchContract(id) });
}

export function useRequestSignCode(id: string) {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/contracts/{id}/sign-codes', { params: { path: { id } } })),
  });
}

export function useSignContract(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; signature: SignatureInput }) =>
      unwrap(api.POST('/v1/contracts/{id}/sign', { params: { path: { id } }, body: input })),
    onSuccess: (contract) => {
      queryClient.setQueryData([...contractsKey, 'one', id], contract);
      void queryClient.invalidateQueries({ queryKey: [...contractsKey, 'list'] });
    },
  });
}

/** The PDF needs the bearer token: fetched through the client and handed to the browser as a blob. */
export async function downloadContractPdf(contract: Contract): Promise<void> {
  const blob = await unwrap(
    api.GET('/v1/contracts/{id}/pdf', { params: { path: { id: contract.id } }, parseAs: 'blob' }),
  );
  saveBlob(blob, `zulin-contract-${contract.id}${contract.status === 'signed' ? '-signed' : ''}.pdf`);
}
