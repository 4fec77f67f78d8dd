// Shows staff one customer's clear personal data, written to the audit log in the same transaction.
import { type Database, type Executor, transaction } from '@zulin/db';
import { type Clock, KernelErrors } from '@zulin/kernel';
import { recordAudit } from './audit';
import { maskPhone } from './mask';
import type { StaffPrincipal } from './principal';
import { customerIdentity } from './profile';

export interface RevealedCustomer {
  id: string;
  phone: string;
  realName: string | null;
  idNumber: string | null;
}

/** The clear personal data of one customer, written to the audit log in the same transaction. */
export async function revealCustomer(
  database: Database | Executor,
  options: { masterKey: Buffer; clock: Clock; actor: StaffPrincipal; ip?: string | undefined },
  customerId: string,
  reason: string,
): Promise<RevealedCustomer> {
  return transaction(database, async (tx) => {
    const identity = await customerIdentity(tx, options.masterKey, customerId);
    if (identity === null) throw KernelErrors.NOT_FOUND({ detail: 'No such customer.' });
    await recordAudit(tx, {
      actor: options.actor,
      action: 'customers.pii_revealed',
      targetType: 'customer',
      targetId: customerId,
      ip: options.ip,
      detail: { reason, fields: ['phone', 'realName', 'idNumber'], phoneMasked: maskPhone(identity.phone) },
      at: options.clock.now(),
    });
    return { id: customerId, phone: identity.phone, realName: identity.realName, idNumber: identity.idNumber };
  });
}
