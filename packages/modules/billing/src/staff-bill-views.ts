// Bills as staff read them: the customer by masked name and phone, and who issued the bill by name
// (a staff member's display name for a manual charge; the issuing module otherwise), never a bare id.
import type { Executor } from '@zulin/db';
import { customerLabels, staffNames } from '@zulin/identity';
import { presentAdminBill } from './api-schemas';
import type { BillView } from './read-bills';

const STAFF_PREFIX = 'staff:';

/** The staff id of a bill a staff member issued (`staff:<id>`), or null for a module's bill. */
export function issuingStaffId(issuedBy: string): string | null {
  return issuedBy.startsWith(STAFF_PREFIX) ? issuedBy.slice(STAFF_PREFIX.length) : null;
}

export async function presentBillsForStaff(tx: Executor, masterKey: Buffer, bills: readonly BillView[]) {
  const labels = await customerLabels(
    tx,
    masterKey,
    bills.map((b) => b.customerId),
  );
  const names = await staffNames(
    tx,
    bills.map((b) => issuingStaffId(b.issuedBy)).filter((id): id is string => id !== null),
  );
  return bills.map((b) => {
    const staffId = issuingStaffId(b.issuedBy);
    return presentAdminBill(
      b,
      labels.get(b.customerId)?.label ?? null,
      staffId === null ? null : (names.get(staffId) ?? null),
    );
  });
}
