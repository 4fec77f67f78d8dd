// The names staff screens show instead of ids: a customer by masked name and phone, a staff member
// by display name. Looked up once per page of decisions or cases.
import type { Executor } from '@zulin/db';
import { customerLabels, staffNames } from '@zulin/identity';

export interface PartyNames {
  customer(customerId: string): string | null;
  staff(staffId: string | null): string | null;
}

export async function partyNames(
  db: Executor,
  masterKey: Buffer,
  parties: { customerIds: readonly string[]; staffIds: readonly (string | null)[] },
): Promise<PartyNames> {
  const [customers, staff] = await Promise.all([
    customerLabels(db, masterKey, parties.customerIds),
    staffNames(
      db,
      parties.staffIds.filter((id): id is string => id !== null),
    ),
  ]);
  return {
    customer: (id) => customers.get(id)?.label ?? null,
    staff: (id) => (id === null ? null : (staff.get(id) ?? null)),
  };
}
