// Who a transfer will reach, as the sender may see them before sending: the recipient's masked real
// name and masked phone (DOMAIN.md §8 — money goes only where the customer meant it to go), never
// the clear name or the id. The sender already typed the phone; the masked name is what lets them
// notice a wrong digit.
import type { Executor } from '@zulin/db';
import { customerLabels, findCustomerIdByPhone } from '@zulin/identity';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';

export interface TransferRecipient {
  customerId: string;
  /** "王*明", or null while the recipient has not verified their real name. */
  nameMasked: string | null;
  phoneMasked: string;
}

export async function findTransferRecipient(
  tx: Executor,
  deps: Pick<WalletDeps, 'masterKey'>,
  options: { customerId: string; toPhone: string },
): Promise<TransferRecipient> {
  const toCustomerId = await findCustomerIdByPhone(tx, deps.masterKey, options.toPhone);
  if (!toCustomerId)
    throw WalletErrors.WALLET_RECIPIENT_NOT_FOUND({ errors: [{ path: '/body/toPhone', message: 'no customer' }] });
  if (toCustomerId === options.customerId)
    throw WalletErrors.WALLET_RECIPIENT_SELF({ errors: [{ path: '/body/toPhone', message: 'that is you' }] });
  const label = (await customerLabels(tx, deps.masterKey, [toCustomerId])).get(toCustomerId);
  if (!label)
    throw WalletErrors.WALLET_RECIPIENT_NOT_FOUND({ errors: [{ path: '/body/toPhone', message: 'no customer' }] });
  return { customerId: toCustomerId, nameMasked: label.nameMasked, phoneMasked: label.phoneMasked };
}
