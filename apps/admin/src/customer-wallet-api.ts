// One customer's wallet for the console: the customer (masked) and their ledger accounts.
import { useQuery } from '@tanstack/react-query';
import { api, problemError } from './api';
import { useLedgerAccounts } from './ledger-api';

/** The customer as staff see them (masked), for the heading of their wallet page. */
export function useCustomerProfile(id: string) {
  return useQuery({
    queryKey: ['admin', 'customers', id],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/admin/customers/{id}', { params: { path: { id } } });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
  });
}

/**
 * The customer's wallet (2500) and points (2510) accounts from the ledger, found by owner: a
 * customer who never used the wallet has none yet (they are opened on first use).
 */
export function useCustomerAccounts(customerId: string) {
  const accounts = useLedgerAccounts({ ownerType: 'customer', ownerId: customerId });
  const list = accounts.data?.pages.flatMap((page) => page.data) ?? [];
  return {
    query: accounts,
    wallet: list.find((account) => account.purpose === 'wallet'),
    points: list.find((account) => account.purpose === 'points'),
    others: list.filter((account) => account.purpose !== 'wallet' && account.purpose !== 'points'),
  };
}
